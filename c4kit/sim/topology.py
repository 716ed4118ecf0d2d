"""The dependency graph the failure simulation walks, built from a workspace or a diagram.

Failure propagation needs less than a C4 model and something more precise:
who *depends* on whom, whether the caller waits for the answer, what protects
each call, and which box sits inside which.  :class:`Topology` is exactly
that, frozen, so one graph can be simulated under many faults without being
rebuilt, and so "what if this call had a circuit breaker" is a new topology
(:meth:`Topology.with_call`) rather than a mutation of the learner's model.

Where the facts come from:

* From a :class:`~c4kit.model.workspace.Workspace`: every element and
  relationship; ``sync`` and ``protections`` are read from the relationship.
* From a :class:`~c4kit.model.diagram.Diagram` (for example Mermaid text
  parsed with ``c4kit.parse``): every element; system and container
  boundaries and deployment nodes become parents (a deployment node that dies
  takes everything on it down).  Mermaid has no field for protections, so
  they are read from relationship tags (``$tags="circuit_breaker,retry"``,
  also ``sync`` / ``async``) or passed in with ``calls={("web", "db"): ...}``.

Synchronous or not?  An explicit ``sync`` wins.  Otherwise a call is
asynchronous when its target or its source is drawn as a queue, when its
technology says "async", or when it is protected by ``"queue"`` or ``"dlq"``
(both only exist on a messaging path).  Everything else is synchronous: it is
the common case and the pessimistic one.

Direction: ``Rel(a, b)`` means *a* depends on *b*.  ``Rel_Back(a, b)`` is
drawn the other way round, so *b* depends on *a*; ``BiRel`` (and
``bidirectional=True``) means each depends on the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from c4kit.errors import C4ModelError
from c4kit.model.diagram import Boundary, BoundaryKind, DeploymentNode, Diagram, Element, RelKind, Shape
from c4kit.model.protections import (  # noqa: F401  (re-exported by c4kit.sim)
    PROTECTIONS,
    SPELLINGS,
    normalise_protection,
    normalise_protections,
)
from c4kit.sim._common import alias_of, suggest

_ASYNC_WORD = re.compile(r"\basync", re.IGNORECASE)

@dataclass(frozen=True)
class SimNode:
    """One box (or a boundary that stands for a system, container or deployment node)."""

    alias: str
    name: str
    kind: str
    shape: Shape = Shape.PLAIN
    parent: str | None = None
    external: bool = False

    @property
    def is_queue(self) -> bool:
        return self.shape is Shape.QUEUE


@dataclass(frozen=True)
class SimEdge:
    """A dependency: ``source`` calls ``target`` (and is affected when the target fails)."""

    source: str
    target: str
    label: str
    technology: str = ""
    sync: bool = True
    #: Why the call counts as (a)synchronous: "explicit", "queue", "technology", "protection" or "default".
    sync_basis: str = "default"
    protections: tuple[str, ...] = ()

    def has(self, protection: str) -> bool:
        return protection in self.protections


@dataclass(frozen=True)
class Topology:
    """Nodes (in model order) and dependency edges, with the lookups a simulation needs."""

    nodes: tuple[SimNode, ...]
    edges: tuple[SimEdge, ...]
    _by_alias: dict[str, SimNode] = field(init=False, repr=False, compare=False)
    _children: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _callers: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    _calls: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    _entry_points: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_alias: dict[str, SimNode] = {}
        for node in self.nodes:
            by_alias.setdefault(node.alias, node)
        children: dict[str, list[str]] = {}
        for node in self.nodes:
            if node.parent is not None:
                if node.parent not in by_alias:
                    raise C4ModelError(f"{node.name} sits inside {node.parent!r}, which is not in the topology")
                children.setdefault(node.parent, []).append(node.alias)
        callers: dict[str, list[int]] = {}
        calls: dict[str, list[int]] = {}
        for i, edge in enumerate(self.edges):
            for end in (edge.source, edge.target):
                if end not in by_alias:
                    raise C4ModelError(f"the relationship {edge.source} -> {edge.target} ({edge.label!r}) "
                                       f"refers to {end!r}, which is not an element here",
                                       hint=f"{suggest(end, by_alias)} Fix the alias or add the element.")
            calls.setdefault(edge.source, []).append(i)
            callers.setdefault(edge.target, []).append(i)
        object.__setattr__(self, "_by_alias", by_alias)
        object.__setattr__(self, "_children", {k: tuple(v) for k, v in children.items()})
        object.__setattr__(self, "_callers", {k: tuple(v) for k, v in callers.items()})
        object.__setattr__(self, "_calls", {k: tuple(v) for k, v in calls.items()})
        object.__setattr__(self, "_entry_points", self._find_all_entry_points())

    # ------------------------------------------------------------ builders
    @classmethod
    def from_workspace(cls, workspace: Any) -> Topology:
        """Every element and relationship of a :class:`~c4kit.model.workspace.Workspace`."""
        nodes = tuple(SimNode(e.alias, e.name, e.kind.value, e.shape, e.parent.alias if e.parent else None,
                              e.external) for e in workspace.elements)
        by_alias = {n.alias: n for n in nodes}
        edges: list[SimEdge] = []
        for rel in workspace.relationships:
            where = f"{rel.source.name} -> {rel.target.name}"
            protections = normalise_protections((*rel.protections, *_tag_protections(rel.tags)), where=where)
            pairs = [(rel.source.alias, rel.target.alias)]
            if rel.bidirectional:
                pairs.append((rel.target.alias, rel.source.alias))
            for source, target in pairs:
                edges.append(_edge(by_alias, source, target, rel.label, rel.technology, rel.sync, protections,
                                   rel.tags))
        return cls(nodes, tuple(edges))

    @classmethod
    def from_diagram(cls, diagram: Any, *, calls: Mapping[tuple[Any, Any], Any] | None = None) -> Topology:
        """A topology from one view (a :class:`Diagram` or anything with ``to_diagram()``).

        ``calls`` adds what Mermaid cannot say, per (source, target) pair: a list
        of protections, or a dict ``{"sync": False, "protections": [...]}``.
        """
        if not isinstance(diagram, Diagram):
            to_diagram = getattr(diagram, "to_diagram", None)
            if to_diagram is None:
                raise C4ModelError(f"cannot simulate {diagram!r}",
                                   hint="pass a Workspace, a view (ws.container_view(...)) or a parsed Diagram")
            diagram = to_diagram()
        nodes: list[SimNode] = []
        seen: set[str] = set()

        def visit(items: list, parent: str | None) -> None:
            for item in items:
                if isinstance(item, Element):
                    if item.alias not in seen:
                        seen.add(item.alias)
                        nodes.append(SimNode(item.alias, item.label, item.kind.value, item.shape, parent,
                                             item.external))
                elif isinstance(item, DeploymentNode) or (
                        isinstance(item, Boundary) and item.kind in (BoundaryKind.SYSTEM, BoundaryKind.CONTAINER)):
                    inner = parent
                    if item.alias not in seen:
                        seen.add(item.alias)
                        kind = ("deployment_node" if isinstance(item, DeploymentNode)
                                else "system" if item.kind is BoundaryKind.SYSTEM else "container")
                        nodes.append(SimNode(item.alias, item.label, kind, Shape.PLAIN, parent))
                        inner = item.alias
                    visit(item.children, inner)
                elif isinstance(item, Boundary):  # enterprise and generic boundaries group, they do not fail
                    visit(item.children, parent)

        visit(diagram.nodes, None)
        nodes = _distinct_names(nodes)
        by_alias = {n.alias: n for n in nodes}
        extra = _normalise_calls(calls or {})
        edges: list[SimEdge] = []
        for rel in diagram.relationships:
            where = f"{rel.source} -> {rel.target}"
            pairs = [(rel.target, rel.source)] if rel.kind is RelKind.REL_BACK else [(rel.source, rel.target)]
            if rel.kind is RelKind.BIREL:
                pairs.append((rel.target, rel.source))
            for source, target in pairs:
                for end in (source, target):
                    if end not in by_alias:
                        raise C4ModelError(f"the relationship {where} ({rel.label!r}) refers to {end!r}, "
                                           "which is not an element of this diagram",
                                           hint=f"{suggest(end, by_alias)} c4kit.lint() reports such arrows too")
                sync, protections = extra.get((source, target), (None, ()))
                protections = normalise_protections(protections + _tag_protections(rel.tags), where=where)
                edges.append(_edge(by_alias, source, target, rel.label, rel.technology, sync, protections, rel.tags))
        for source, target in extra:
            if not any(e.source == source and e.target == target for e in edges):
                raise C4ModelError(f"calls names {source} -> {target}, but the diagram has no such relationship",
                                   hint="each key of calls= must be an arrow of the diagram: (source alias, target)")
        return cls(tuple(nodes), tuple(edges))

    @classmethod
    def of(cls, model: Any) -> Topology:
        """Whatever the learner has: a topology, a workspace, a view or a diagram."""
        if isinstance(model, Topology):
            return model
        from c4kit.model.workspace import Workspace

        if isinstance(model, Workspace):
            return cls.from_workspace(model)
        return cls.from_diagram(model)

    # ----------------------------------------------------------- variations
    def with_call(self, source: Any, target: Any, *, protections: Iterable[str] | None = None,
                  sync: bool | None = None) -> Topology:
        """A copy where the calls ``source -> target`` have other protections or another sync flag.

        This is the "what if" of a failure lab: add a circuit breaker, make a
        call asynchronous, and run the same fault again.
        """
        s, t = self.resolve(source), self.resolve(target)
        matching = [i for i in self._calls.get(s, ()) if self.edges[i].target == t]
        if not matching:
            raise C4ModelError(f"{self.name(s)} does not call {self.name(t)} in this model",
                               hint="with_call() changes an existing relationship: check the direction")
        edges = list(self.edges)
        for i in matching:
            edge = edges[i]
            new_protections = (edge.protections if protections is None
                               else normalise_protections(protections, where=f"{s} -> {t}"))
            edges[i] = _edge(self._by_alias, s, t, edge.label, edge.technology,
                             sync if sync is not None else (edge.sync if edge.sync_basis == "explicit" else None),
                             new_protections, "")
        return replace(self, edges=tuple(edges))

    # --------------------------------------------------------------- queries
    def __contains__(self, alias: object) -> bool:
        return alias in self._by_alias

    def resolve(self, ref: Any) -> str:
        """The alias of an element given as object or alias; unknown ones raise with a suggestion."""
        alias = alias_of(ref)
        if alias not in self._by_alias:
            raise C4ModelError(f"{alias!r} is not an element of this model",
                               hint=f"{suggest(alias, self._by_alias)} Elements are named by object or alias.")
        return alias

    def node(self, ref: Any) -> SimNode:
        return self._by_alias[self.resolve(ref)]

    def lookup(self, alias: str) -> SimNode:
        """The node of a known alias, without the checks of :meth:`node` (for hot loops)."""
        return self._by_alias[alias]

    def name(self, alias: str) -> str:
        return self._by_alias[alias].name

    @property
    def parents(self) -> tuple[str, ...]:
        """Nodes that have children, in model order."""
        return tuple(n.alias for n in self.nodes if n.alias in self._children)

    def children(self, alias: str) -> tuple[str, ...]:
        """Direct children (containers of a system, components of a container, boxes on a node)."""
        return self._children.get(alias, ())

    def descendants(self, alias: str) -> list[str]:
        out: list[str] = []
        stack = list(reversed(self.children(alias)))
        while stack:
            child = stack.pop()
            out.append(child)
            stack.extend(reversed(self.children(child)))
        return out

    def ancestors(self, alias: str) -> list[str]:
        """Enclosing nodes, nearest first."""
        out: list[str] = []
        parent = self._by_alias[alias].parent
        while parent is not None:
            out.append(parent)
            parent = self._by_alias[parent].parent
        return out

    def calls_from(self, alias: str) -> tuple[int, ...]:
        """Indexes (into ``edges``) of the calls this node makes."""
        return self._calls.get(alias, ())

    def calls_to(self, alias: str) -> tuple[int, ...]:
        """Indexes (into ``edges``) of the calls made to this node."""
        return self._callers.get(alias, ())

    def entry_points(self, parent: str) -> tuple[str, ...]:
        """The children of ``parent`` that something outside it calls.

        A system whose only web app is down cannot serve anyone, even if its
        database is fine: the entry points decide whether a parent is down.
        When nothing outside calls any child, every child counts.
        """
        return self._entry_points.get(parent, ())

    def _find_all_entry_points(self) -> dict[str, tuple[str, ...]]:
        """One pass over the calls: a call from outside a parent into one of its children marks an entry."""
        used: dict[str, set[str]] = {}
        for edge in self.edges:
            source_chain = {edge.source, *self.ancestors(edge.source)}
            child = edge.target
            parent = self._by_alias[child].parent
            while parent is not None:
                if parent in source_chain:
                    break  # the caller is inside this parent (and inside every enclosing one)
                used.setdefault(parent, set()).add(child)
                child, parent = parent, self._by_alias[parent].parent
        return {p: tuple(c for c in kids if c in used.get(p, ())) or kids for p, kids in self._children.items()}

    def hop_edges(self, source: str, target: str) -> list[int]:
        """Calls from ``source`` (or anything inside it) to ``target`` (or inside it).

        A journey says "the web app calls the API"; the model may record that
        call between their components.
        """
        sources = {source, *self.descendants(source)}
        targets = {target, *self.descendants(target)}
        return [i for s in sources for i in self._calls.get(s, ()) if self.edges[i].target in targets]


def _tag_protections(tags: str) -> tuple[str, ...]:
    """Protections written as relationship tags; other tags (styling ones) are left alone."""
    if not tags:
        return ()
    out = []
    for token in re.split(r"[+,;\s]+", tags):
        key = re.sub(r"-+", "_", token.strip().lower())
        key = SPELLINGS.get(key, key)
        if key in PROTECTIONS:
            out.append(key)
    return tuple(out)


def _tag_sync(tags: str) -> bool | None:
    if not tags:
        return None
    tokens = {t.lower() for t in re.split(r"[+,;\s]+", tags) if t}
    if "async" in tokens or "asynchronous" in tokens:
        return False
    if "sync" in tokens or "synchronous" in tokens:
        return True
    return None


def _edge(nodes: Mapping[str, SimNode], source: str, target: str, label: str, technology: str,
          sync: bool | None, protections: tuple[str, ...], tags: str) -> SimEdge:
    """An edge with its synchrony decided by the documented inference rules."""
    if sync is None:
        sync = _tag_sync(tags)
    if sync is not None:
        basis = "explicit"
    elif nodes[target].is_queue or nodes[source].is_queue:
        sync, basis = False, "queue"
    elif _ASYNC_WORD.search(technology or ""):
        sync, basis = False, "technology"
    elif "queue" in protections or "dlq" in protections:
        sync, basis = False, "protection"
    else:
        sync, basis = True, "default"
    return SimEdge(source, target, label, technology, bool(sync), basis, protections)


def _normalise_calls(calls: Mapping[tuple[Any, Any], Any]) -> dict[tuple[str, str], tuple[bool | None, tuple]]:
    out: dict[tuple[str, str], tuple[bool | None, tuple]] = {}
    for key, value in calls.items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise C4ModelError(f"calls key {key!r} is not a (source, target) pair",
                               hint='write calls={("web", "db"): ["circuit_breaker"]}')
        pair = (alias_of(key[0]), alias_of(key[1]))
        if isinstance(value, Mapping):
            unknown = set(value) - {"sync", "protections"}
            if unknown:
                raise C4ModelError(f"calls[{pair}] has unknown keys {sorted(unknown)}",
                                   hint="use {'sync': False, 'protections': ['dlq']}")
            out[pair] = (value.get("sync"), tuple(value.get("protections", ())))
        else:
            out[pair] = (None, tuple([value] if isinstance(value, str) else value))
    return out


def _distinct_names(nodes: list[SimNode]) -> list[SimNode]:
    """Give boxes that share a label a name a sentence can tell apart: "Web App (EU-West)".

    A deployment view draws the same container once per region, so "Web App is down" would not say
    which one.  Each such box is qualified with the nearest enclosing node whose name differs between
    them (the region, not the "Kubernetes cluster" every region has); boxes that stay alike by every
    ancestor fall back to their alias.
    """
    by_alias = {n.alias: n for n in nodes}
    groups: dict[str, list[SimNode]] = {}
    for node in nodes:
        groups.setdefault(node.name, []).append(node)

    def ancestors(node: SimNode) -> list[str]:
        names, parent = [], node.parent
        while parent is not None and parent in by_alias:
            names.append(by_alias[parent].name)
            parent = by_alias[parent].parent
        return names

    renamed: dict[str, str] = {}
    for name, group in groups.items():
        if len(group) < 2:
            continue
        chains = [ancestors(n) for n in group]
        for depth in range(max(len(c) for c in chains)):
            at = [c[depth] if depth < len(c) else "" for c in chains]
            if len(set(at)) == len(at):
                renamed.update({n.alias: f"{name} ({where})" if where else name for n, where in zip(group, at)})
                break
        else:
            renamed.update({n.alias: f"{name} ({n.alias})" for n in group})  # alike at every level
    return [replace(n, name=renamed[n.alias]) if n.alias in renamed else n for n in nodes]
