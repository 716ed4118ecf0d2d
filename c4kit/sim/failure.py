"""Blast radius: mark elements down or degraded and see what else stops working, and why.

Learners break an architecture and read, for every element, every call and
every user journey, a status (healthy, degraded, down) and the chain of
reasons behind it.  The rules are deliberately few, so that a learner can
predict the result before running it:

**Calls.**  A caller depends on what it calls.  When the target is *down*:

==============================  ===================  ==========================
protection on the call          the call is          the caller is
==============================  ===================  ==========================
``failover``                    degraded (replica)   healthy (or degraded with
                                                     ``failover_degrades=True``)
asynchronous, to a service      degraded (messages   healthy
(``queue`` / ``dlq``, a queue   wait; ``dlq``: the
at either end, ``sync=False``)  ones that keep
                                failing are parked)
asynchronous, to the queue      down                 degraded (cannot hand
itself (the broker is down)                          messages over)
``circuit_breaker``             degraded (fallback)  degraded (stale data)
``bulkhead``                    down                 degraded (only the work
                                                     needing the target fails)
``timeout``                     down (fails fast)    degraded (instead of hanging)
``retry`` alone, or nothing     down                 **down**
==============================  ===================  ==========================

When the target is only *degraded*, a ``retry`` with exponential backoff (or
an asynchronous hand-over) rides it out and the caller stays healthy; any
other synchronous caller is degraded.  Several protections on one call apply
in the order of the table.

**People** are never affected by what they use: whether they can still do
what they came for is what journeys say.

**Parents and children.**  Marking a parent (a system, a container, a
deployment node) down or degraded marks everything inside it the same way.
Upwards, a parent is *down* when every one of its entry points is down (the
children something outside calls; all children when nothing outside calls
any), and *degraded* when any part of it is not healthy.  A parent's own
relationships (a system-level ``Rel``) apply to the parent as to any caller.

**Journeys.**  A journey is a path a user takes (customer -> web -> API ->
DB).  It fails or degrades with the elements and calls on its path, read
from the user outwards.  A call that shields its caller (circuit breaker,
failover, an asynchronous hand-over) ends the journey's exposure there: what
lies beyond is served by the fallback, the replica or the queue, so the
journey is degraded at worst.  A ``bulkhead`` isolates: a journey is
affected by a bulkheaded dependency only when that dependency is on its path.

Everything is computed in two breadth-first passes over the dependency graph
(first "down", then "degraded"), so a run is linear in the size of the model
and every reason chain ends at an element that was marked, never in a loop.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from c4kit.errors import C4ModelError
from c4kit.sim._common import Status, alias_of, worst
from c4kit.sim.failure_result import ElementOutcome, FailureResult, JourneyOutcome, RelationshipOutcome, Scenario
from c4kit.sim.topology import SimEdge, Topology

__all__ = ["ElementOutcome", "FailureResult", "FailureSimulation", "Journey", "JourneyOutcome", "RelationshipOutcome",
           "Scenario", "blast_radius", "derive_journeys"]

DOWN, DEGRADED, HEALTHY = Status.DOWN, Status.DEGRADED, Status.HEALTHY

# mechanism -> (status of the call, status imposed on the caller)
_IMPACT: dict[str, tuple[Status, Status]] = {
    "ok": (HEALTHY, HEALTHY),
    "failover": (DEGRADED, HEALTHY),
    "failover_degraded": (DEGRADED, DEGRADED),
    "failover_exhausted": (DOWN, DOWN),
    "failover_away": (DEGRADED, HEALTHY),
    "failover_strained": (DEGRADED, DEGRADED),
    "async": (DEGRADED, HEALTHY),
    "broker_down": (DOWN, DEGRADED),
    "circuit_breaker": (DEGRADED, DEGRADED),
    "bulkhead": (DOWN, DEGRADED),
    "timeout": (DOWN, DEGRADED),
    "retry_useless": (DOWN, DOWN),
    "unprotected": (DOWN, DOWN),
    "async_slow": (DEGRADED, HEALTHY),
    "retry": (DEGRADED, HEALTHY),
    "slow": (DEGRADED, DEGRADED),
}


def _mechanism(edge: SimEdge, target: Status, target_is_queue: bool, failover_degrades: bool) -> str:
    """Which rule of the module table decides this call, given its target's status."""
    if target is DOWN:
        if edge.has("failover"):
            return "failover_degraded" if failover_degrades else "failover"
        if not edge.sync:
            return "broker_down" if target_is_queue else "async"
        for protection in ("circuit_breaker", "bulkhead", "timeout"):
            if edge.has(protection):
                return protection
        return "retry_useless" if edge.has("retry") else "unprotected"
    if target is DEGRADED:
        if not edge.sync:
            return "async_slow"
        return "retry" if edge.has("retry") else "slow"
    return "ok"


# ---------------------------------------------------------------------------
# Journeys
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Journey:
    """A named path a user takes through the system, e.g. ``Journey("Checkout", [customer, web, api, db])``.

    Elements are given as model objects, diagram elements or aliases.
    """

    name: str
    path: tuple[str, ...]

    def __init__(self, name: str, path: Iterable[Any]) -> None:
        if not isinstance(name, str) or not name.strip():
            raise C4ModelError("a journey needs a name", hint='Journey("Checkout", [customer, web, api, db])')
        aliases = tuple(alias_of(p) for p in path)
        if len(aliases) < 2:
            raise C4ModelError(f"the journey {name!r} needs at least two elements",
                               hint="list who starts it and what they use, e.g. [customer, web_shop]")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "path", aliases)


def derive_journeys(model: Any) -> tuple[Journey, ...]:
    """One journey per relationship of a person: "Customer: Buys books" = [customer, shop].

    The target's status already sums up everything it depends on, so a
    two-element journey is enough to tell whether a user can still do it.
    """
    topo = Topology.of(model)
    out: list[Journey] = []
    names: dict[str, int] = {}
    for node in topo.nodes:
        if node.kind != "person":
            continue
        for i in topo.calls_from(node.alias):
            edge = topo.edges[i]
            name = f"{node.name}: {edge.label}" if edge.label else f"{node.name} uses {topo.name(edge.target)}"
            names[name] = names.get(name, 0) + 1
            if names[name] > 1:
                name = f"{name} ({names[name]})"
            out.append(Journey(name, (node.alias, edge.target)))
    return tuple(out)


# ---------------------------------------------------------------------------
# The simulation
# ---------------------------------------------------------------------------

class FailureSimulation:
    """A model ready to be broken many times: the graph and journeys are prepared once.

    ``model`` is a :class:`~c4kit.model.workspace.Workspace`, a view, a
    :class:`~c4kit.model.diagram.Diagram` or a :class:`Topology`.  ``journeys``
    defaults to one per relationship of each person (:func:`derive_journeys`).
    """

    def __init__(self, model: Any, journeys: Iterable[Journey] | None = None, *,
                 failover_degrades: bool = False) -> None:
        self.topology = Topology.of(model)
        self.failover_degrades = bool(failover_degrades)
        self.journeys = derive_journeys(self.topology) if journeys is None else tuple(journeys)
        self._people = frozenset(n.alias for n in self.topology.nodes if n.kind == "person")
        self._position = {n.alias: i for i, n in enumerate(self.topology.nodes)}
        self._healthy_elements = tuple(ElementOutcome(n.alias, n.name, n.kind, n.parent, HEALTHY, False)
                                       for n in self.topology.nodes)
        # Edge index -> the failover calls of the same caller, when it has several (alternatives).
        by_caller: dict[str, list[int]] = {}
        for i, edge in enumerate(self.topology.edges):
            if edge.has("failover"):
                by_caller.setdefault(edge.source, []).append(i)
        # Two failover arrows to the *same* box are one call drawn twice, not alternatives: each still
        # stands for an undrawn replica of that box.
        edges = self.topology.edges
        self._failover_groups = {i: tuple(group) for group in by_caller.values()
                                 if len({edges[j].target for j in group}) > 1 for i in group}
        self._healthy_calls = tuple(self._relationship(i, {}) for i in range(len(self.topology.edges)))
        self._hops: dict[str, list[list[int]]] = {}
        for journey in self.journeys:
            if not isinstance(journey, Journey):
                raise C4ModelError(f"{journey!r} is not a Journey", hint='use Journey("Checkout", [a, b, c])')
            self._hops[journey.name] = self._check_journey(journey)

    def _check_journey(self, journey: Journey) -> list[list[int]]:
        topo = self.topology
        for alias in journey.path:
            topo.resolve(alias)
        hops = []
        for a, b in zip(journey.path, journey.path[1:]):
            edges = topo.hop_edges(a, b)
            if not edges:
                raise C4ModelError(f"the journey {journey.name!r} goes from {topo.name(a)} to {topo.name(b)}, "
                                   "but nothing there calls it",
                                   hint=f"add the relationship ({a}.uses({b}, ...)) or fix the order of the path")
            hops.append(edges)
        return hops

    # ------------------------------------------------------------------ run
    def run(self, faults: Any = None) -> FailureResult:
        """Simulate one scenario.

        ``faults``: ``{db: "down", cache: "degraded"}``, a list of elements
        (all down), pairs ``[(db, "down")]``, a single element, or ``None``.
        """
        topo = self.topology
        marked = self._normalise_faults(faults)
        statuses, causes, order = self._propagate(marked, frozenset())
        sentences = self._sentences(order, statuses, causes)
        # Healthy outcomes are the same in every run: reuse them, build only what the fault touched.
        elements = tuple(
            ElementOutcome(n.alias, n.name, n.kind, n.parent, statuses[n.alias], n.alias in marked,
                           *_head(sentences[n.alias]), self._summary(n.alias, statuses, causes))
            if n.alias in statuses else self._healthy_elements[i]
            for i, n in enumerate(topo.nodes))
        relationships = tuple(self._relationship(i, statuses) if edge.target in statuses or i in self._failover_groups
                              else self._healthy_calls[i] for i, edge in enumerate(topo.edges))
        journeys = tuple(self._journey(j, marked, statuses, causes, sentences) for j in self.journeys)
        return FailureResult(tuple(marked.items()), elements, relationships, journeys)

    def scenarios(self, *, statuses: Sequence[Any] = ("down",), elements: Iterable[Any] | None = None,
                  ) -> tuple[Scenario, ...]:
        """Every single-fault scenario: no failure first, then each element in each status.

        People are left out by default (a user being "down" is not an
        architecture question).  Keys are ``"none"`` and ``"<alias>:<status>"``.
        """
        wanted = [Status.parse(s) for s in statuses]
        if elements is None:
            aliases = [n.alias for n in self.topology.nodes if n.kind != "person"]
        else:
            aliases = [self.topology.resolve(e) for e in elements]
        out = [Scenario("none", "No failure", ())]
        for alias in aliases:
            for status in wanted:
                if status is not HEALTHY:
                    out.append(Scenario(f"{alias}:{status.value}", f"{self.topology.name(alias)} {status.value}",
                                        ((alias, status),)))
        return tuple(out)

    def frames(self, **kw: Any) -> tuple[FailureResult, ...]:
        """The result of every scenario of :meth:`scenarios` (same order, same keyword arguments)."""
        return tuple(self.run(dict(s.faults)) for s in self.scenarios(**kw))

    # ------------------------------------------------------------- plumbing
    def _normalise_faults(self, faults: Any) -> dict[str, Status]:
        topo = self.topology
        if faults is None:
            items: list[tuple[Any, Any]] = []
        elif isinstance(faults, Mapping):
            items = list(faults.items())
        elif _is_pair(faults):
            items = [faults]
        elif isinstance(faults, str) or hasattr(faults, "alias"):
            items = [(faults, DOWN)]
        else:
            items = [f if _is_pair(f) else (f, DOWN) for f in faults]
        marked: dict[str, Status] = {}
        for ref, status in items:
            alias = topo.resolve(ref)
            status = Status.parse(status, where=topo.name(alias))
            if status is not HEALTHY:
                marked[alias] = worst((marked.get(alias, HEALTHY), status))
        return dict(sorted(marked.items(), key=lambda kv: self._position[kv[0]]))

    def _propagate(self, marked: Mapping[str, Status], cut: frozenset[int]
                   ) -> tuple[dict[str, Status], dict[str, tuple], list[str]]:
        """Least fixed point of the rules, as two breadth-first passes (down, then degraded)."""
        topo, edges = self.topology, self.topology.edges
        statuses: dict[str, Status] = {}
        causes: dict[str, tuple] = {}
        order: list[str] = []
        people = self._people
        # Marks apply to everything inside the marked element; an element's own mark, then the
        # nearest marked ancestor, wins a tie.
        best: dict[str, tuple[Status, tuple]] = {}
        for alias, status in marked.items():
            for inner in topo.descendants(alias):
                if inner not in best or status.severity >= best[inner][0].severity:
                    best[inner] = (status, ("inside", alias))
        for alias, status in marked.items():
            if alias not in best or status.severity >= best[alias][0].severity:
                best[alias] = (status, ("marked",))
        position = self._position
        seeded = sorted(((a, s, c) for a, (s, c) in best.items()), key=lambda item: position[item[0]])

        def settle(alias: str, status: Status, cause: tuple, queue: deque) -> None:
            statuses[alias], causes[alias] = status, cause
            order.append(alias)
            queue.append(alias)

        # Pass 1: what is down.
        queue: deque[str] = deque()
        for alias, status, cause in seeded:
            if status is DOWN:
                settle(alias, DOWN, cause, queue)
        remaining = {p: set(topo.entry_points(p)) for p in topo.parents}
        while queue:
            target = queue.popleft()
            for i in topo.calls_to(target):
                caller = edges[i].source
                if caller in statuses or i in cut or caller == target or caller in people:
                    continue
                mechanism = self._mechanism_of(i, DOWN, statuses)
                if _IMPACT[mechanism][1] is DOWN:
                    settle(caller, DOWN, ("call", i), queue)
            parent = topo.lookup(target).parent
            if parent is not None and target in remaining[parent]:
                remaining[parent].discard(target)
                if not remaining[parent] and parent not in statuses:
                    settle(parent, DOWN, ("entry",), queue)

        # Pass 2: what is degraded (everything down so far is a source too).
        queue = deque(order)
        for alias, status, cause in seeded:
            if status is DEGRADED and alias not in statuses:
                settle(alias, DEGRADED, cause, queue)
        while queue:
            target = queue.popleft()
            target_status = statuses[target]
            for i in topo.calls_to(target):
                caller = edges[i].source
                if caller in statuses or i in cut or caller == target or caller in people:
                    continue
                mechanism = self._mechanism_of(i, target_status, statuses)
                if _IMPACT[mechanism][1] is DEGRADED:
                    settle(caller, DEGRADED, ("call", i), queue)
            parent = topo.lookup(target).parent
            if parent is not None and parent not in statuses:
                settle(parent, DEGRADED, ("part", target), queue)
        return statuses, causes, order

    def _mechanism_of(self, i: int, target_status: Status, statuses: Mapping[str, Status]) -> str:
        """The rule that decides call ``i``: the module table, with failover between drawn alternatives.

        One ``failover`` call stands for a replica the diagram does not draw.
        Several ``failover`` calls from one caller are alternatives that back
        each other up (regions behind DNS, pods behind a router): the caller is
        down only when every one is down, and a degraded one is routed around
        while another is healthy.
        """
        edge = self.topology.edges[i]
        group = self._failover_groups.get(i)
        if group is None or target_status is HEALTHY:
            return _mechanism(edge, target_status, self.topology.lookup(edge.target).is_queue, self.failover_degrades)
        others = [statuses.get(self.topology.edges[j].target, HEALTHY) for j in group if j != i]
        if target_status is DOWN:
            if all(status is DOWN for status in others):
                return "failover_exhausted"
            return "failover_degraded" if self.failover_degrades else "failover"
        if any(status is HEALTHY for status in others):
            return "failover_away"
        return "failover_strained"

    def _alternatives(self, i: int) -> str:
        """The other failover targets of call ``i``'s caller, in words ("" when it has none)."""
        names = [self.topology.name(self.topology.edges[j].target) for j in self._failover_groups.get(i, ()) if j != i]
        return _join(names) if names else ""

    # --------------------------------------------------------------- words
    def _call_words(self, edge: SimEdge) -> str:
        topo = self.topology
        how = "synchronously" if edge.sync else "asynchronously"
        tech = f" ({edge.technology})" if edge.technology else ""
        return f"it calls {topo.name(edge.target)} {how}{tech}"

    def _sentence(self, alias: str, statuses: Mapping[str, Status], causes: Mapping[str, tuple]) -> str:
        topo = self.topology
        name, status, cause = topo.name(alias), statuses[alias], causes[alias]
        if cause[0] == "marked":
            return f"{name} is {status} because it was marked {status}."
        if cause[0] == "inside":
            return f"{name} is {status} because it is inside {topo.name(cause[1])}, which was marked {status}."
        if cause[0] == "entry":
            points = topo.entry_points(alias)
            names = _join([topo.name(p) for p in points])
            verb = "is" if len(points) == 1 else "are all"
            return f"{name} is down because nothing of it can be reached: its entry point{'s' * (len(points) > 1)} " \
                   f"{names} {verb} down."
        if cause[0] == "part":
            part = cause[1]
            return f"{name} is degraded because part of it is not working: {topo.name(part)} is {statuses[part]}."
        edge = topo.edges[cause[1]]
        target = topo.name(edge.target)
        target_status = statuses[edge.target]
        mechanism = self._mechanism_of(cause[1], target_status, statuses)
        call = self._call_words(edge)
        others = self._alternatives(cause[1])
        clause = {
            "unprotected": f"{call} and {target} is down; no circuit breaker or fallback protects that call",
            "retry_useless": f"{call} and {target} is down; retries cannot bring back a dead dependency "
                             "(they only ride out a degraded one) and no circuit breaker or fallback protects "
                             "that call",
            "circuit_breaker": f"{call} and {target} is down; its circuit breaker opens and a fallback serves "
                               "stale or default data",
            "bulkhead": f"{call} and {target} is down; a bulkhead isolates that call, so only the work that "
                        f"needs {target} fails",
            "timeout": f"{call} and {target} is down; a timeout stops it from hanging, so it answers the work "
                       f"that needs {target} with an error instead of going down",
            "failover_degraded": f"{call} and {target} is down; a replica takes over, with less capacity",
            "failover_exhausted": f"{call} and {target} is down, and so is every alternative it fails over to "
                                  f"({others})",
            "failover_strained": f"{call} and {target} is degraded, and no alternative it could fail over to "
                                 f"({others}) is healthy",
            "broker_down": f"it hands messages to {target} and {target} is down; new messages cannot be sent "
                           f"until {target} recovers, though {name} itself keeps running",
            "slow": f"{call} and {target} is degraded; its slow or failed answers reach {name}, and no retry "
                    "with backoff rides them out",
        }[mechanism]
        return f"{name} is {status} because {clause}."

    def _sentences(self, order: list[str], statuses: Mapping[str, Status], causes: Mapping[str, tuple]
                   ) -> dict[str, tuple[str, ...]]:
        """Reason chains; causes always point to elements settled earlier, so one pass in order suffices."""
        sentences: dict[str, tuple[str, ...]] = {}
        for alias in order:
            sentences[alias] = (self._sentence(alias, statuses, causes), *self._chain_tail(alias, causes, sentences))
        return sentences

    def _summary(self, alias: str, statuses: Mapping[str, Status], causes: Mapping[str, tuple]) -> str:
        topo = self.topology
        cause = causes[alias]
        if cause[0] == "marked":
            return f"marked {statuses[alias]}"
        if cause[0] == "inside":
            return f"inside {topo.name(cause[1])}"
        if cause[0] == "entry":
            return "no entry point works"
        if cause[0] == "part":
            return f"{topo.name(cause[1])} is {statuses[cause[1]]}"
        edge = topo.edges[cause[1]]
        target = topo.name(edge.target)
        mechanism = self._mechanism_of(cause[1], statuses[edge.target], statuses)
        return {
            "unprotected": f"needs {target}, which is down",
            "retry_useless": f"needs {target}, which is down",
            "circuit_breaker": f"fallback instead of {target}",
            "bulkhead": f"work needing {target} fails",
            "timeout": f"calls to {target} time out",
            "failover_degraded": f"uses {target}'s replica",
            "failover_exhausted": f"{target} and every alternative are down",
            "failover_strained": f"{target} and every alternative are unhealthy",
            "broker_down": f"cannot send to {target}",
            "slow": f"{target} is degraded",
        }[mechanism]

    def _chain_tail(self, alias: str, causes: Mapping[str, tuple], sentences: Mapping[str, tuple[str, ...]]
                    ) -> tuple[str, ...]:
        cause = causes[alias]
        if cause[0] == "call":
            return sentences[self.topology.edges[cause[1]].target]
        if cause[0] in ("part", "inside"):
            return sentences.get(cause[1], ())
        if cause[0] == "entry":
            return sentences[self.topology.entry_points(alias)[0]]
        return ()

    def _relationship(self, i: int, statuses: Mapping[str, Status]) -> RelationshipOutcome:
        edge = self.topology.edges[i]
        target_status = statuses.get(edge.target, HEALTHY)
        mechanism = self._mechanism_of(i, target_status, statuses)
        reason = "" if mechanism == "ok" else self._call_reason(i, mechanism)
        return RelationshipOutcome(edge.source, edge.target, edge.label, edge.technology, edge.sync,
                                   edge.protections, _IMPACT[mechanism][0], mechanism, reason)

    def _call_reason(self, i: int, mechanism: str) -> str:
        topo = self.topology
        edge = topo.edges[i]
        target = topo.name(edge.target)
        if mechanism in ("async", "async_slow"):
            parked = "; messages that keep failing go to the dead-letter queue" if edge.has("dlq") else ""
            if mechanism == "async_slow":
                return f"{target} is degraded; messages are processed more slowly{parked}"
            where = topo.name(edge.source) if topo.lookup(edge.source).is_queue else "the queue"
            return f"{target} is down; messages wait in {where} until it recovers{parked}"
        return {
            "unprotected": f"calls to {target} fail: {target} is down",
            "retry_useless": f"calls to {target} fail even when retried: {target} is down",
            "circuit_breaker": f"the circuit breaker is open: calls to {target} get the fallback",
            "bulkhead": f"calls to {target} fail, but a bulkhead keeps the failure to this call",
            "timeout": f"calls to {target} time out quickly instead of hanging",
            "failover": (f"{target} is down; failover sends the calls to {self._alternatives(i)}"
                         if i in self._failover_groups else
                         f"{target} is down; its replica serves the calls (failover)"),
            "failover_degraded": (f"{target} is down; failover sends the calls to {self._alternatives(i)}, "
                                  "with less capacity" if i in self._failover_groups else
                                  f"{target} is down; its replica serves the calls with less capacity (failover)"),
            "failover_exhausted": f"{target} is down, and so is every alternative ({self._alternatives(i)})",
            "failover_away": f"{target} is degraded; failover sends the calls to a healthy alternative",
            "failover_strained": f"{target} is degraded, and no alternative is healthy",
            "broker_down": f"{target} is down: messages cannot be handed over",
            "retry": f"{target} is degraded; retries with exponential backoff ride out its failures",
            "slow": f"{target} is degraded: calls are slow or fail now and then",
        }[mechanism]

    def _journey(self, journey: Journey, marked: Mapping[str, Status], statuses: dict[str, Status],
                 causes: dict[str, tuple], sentences: dict[str, tuple[str, ...]]) -> JourneyOutcome:
        topo = self.topology
        hops = self._hops[journey.name]
        on_path = set(journey.path)
        # A bulkhead confines a failure to the journeys through that dependency: cut the others.
        cut = set()
        for alias in journey.path:
            for source in (alias, *topo.descendants(alias)):
                for i in topo.calls_from(source):
                    edge = topo.edges[i]
                    if (edge.has("bulkhead") and statuses.get(edge.target, HEALTHY) is not HEALTHY
                            and not on_path.intersection((edge.target, *topo.ancestors(edge.target)))):
                        cut.add(i)
        if cut:
            statuses, causes, order = self._propagate(marked, frozenset(cut))
            sentences = self._sentences(order, statuses, causes)
        items: list[tuple[Status, str, str, tuple[str, ...]]] = []  # status, where, reason, chain
        first = journey.path[0]
        items.append((statuses.get(first, HEALTHY), first, *_head(sentences.get(first, ()))))
        for (a, b), edge_ids in zip(zip(journey.path, journey.path[1:]), hops):
            calls = [self._relationship(i, statuses) for i in edge_ids]
            call = max(calls, key=lambda c: c.status.severity)
            target_status = statuses.get(b, HEALTHY)
            if call.status.severity < target_status.severity:  # shielded: the rest is served another way
                items.append((call.status, f"{a} -> {b}", call.reason, sentences.get(b, ())))
                break
            items.append((target_status, b, *_head(sentences.get(b, ()))))
        status = worst(s for s, *_ in items)
        if status is HEALTHY:
            return JourneyOutcome(journey.name, journey.path, HEALTHY)
        _, where, reason, chain = next(item for item in items if item[0] is status)
        verdict = "fails" if status is DOWN else "is degraded"
        return JourneyOutcome(journey.name, journey.path, status, f"{journey.name} {verdict}: {reason}", chain, where)


def _is_pair(item: Any) -> bool:
    """``(element, "down")``: a fault with its status (as opposed to two elements)."""
    if not (isinstance(item, tuple) and len(item) == 2):
        return False
    status = item[1]
    return isinstance(status, Status) or (isinstance(status, str) and status.strip().lower() in
                                          {s.value for s in Status})


def _head(chain: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    return (chain[0] if chain else "", chain)


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def blast_radius(model: Any, faults: Any = None, *, journeys: Iterable[Journey] | None = None,
                 failover_degrades: bool = False) -> FailureResult:
    """Mark ``faults`` down or degraded in ``model`` and see what else fails, and why.

    The one-call form of :class:`FailureSimulation`; see the module docstring for the rules::

        result = blast_radius(ws, {shop_db: "down"})
        result["web_shop"].status        # Status.DOWN
        print(result.explain(web_shop))  # the reason chain
    """
    return FailureSimulation(model, journeys, failover_degrades=failover_degrades).run(faults)
