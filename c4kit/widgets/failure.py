"""``FailureLab``: pick what breaks, switch protections on and off, watch the blast radius.

The lab is a front end to :class:`~c4kit.sim.failure.FailureSimulation`
and :func:`~c4kit.sim.overlay.failure_overlay`.  Its controls are:

* **Element down**: "Nothing" or one of the faults the notebook author offers
  (by default every box and boundary of the view except people);
* **Failure mode**: down or degraded (when both are offered);
* one checkbox per protection the author lets the learner try, e.g.
  ``protections={(web, db): ["circuit_breaker"]}`` gives "Circuit breaker on
  Web Shop -> Shop DB".  Switching it on is the same as writing
  ``protections=["circuit_breaker"]`` on that relationship and running again.

What is simulated: a view of a :class:`~c4kit.model.workspace.Workspace` is
simulated on the whole workspace (every relationship, with its ``sync`` and
``protections``); a deployment view on its own diagram (so a region can go
down), with the protections of the container relationships behind each
arrow; a parsed :class:`~c4kit.model.diagram.Diagram` on itself (``calls=``
adds what Mermaid cannot say).  ``model=`` overrides the choice.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from c4kit.frames import Frame
from c4kit.model.diagram import Diagram
from c4kit.model.protections import normalise_protection
from c4kit.sim import FailureSimulation, Journey, Status, Topology, failure_overlay, legend
from c4kit.sim._common import alias_of
from c4kit.widgets._views import as_diagram, text_of
from c4kit.widgets.base import ControlSpec, FrameWidget, WidgetError, frame, select, toggle

NOTHING = "nothing"
_WORDS = {"circuit_breaker": "circuit breaker", "dlq": "dead-letter queue"}


def protection_words(name: str) -> str:
    """``"circuit_breaker"`` -> ``"circuit breaker"``: how a protection reads in a label."""
    return _WORDS.get(name, name.replace("_", " "))


class FailureLab(FrameWidget):
    """Break one element of a view at a time and see what else fails, and why.

    ``view``: a container / component / deployment view or a Diagram.
    ``faults``: the elements the learner may break (default: every box and boundary but people).
    ``protections``: ``{(caller, callee): ["circuit_breaker", ...]}``, one checkbox each.
    ``journeys``: user journeys to report (default: one per relationship of each person).
    ``modes``: ``("down", "degraded")`` offers both; ``("down",)`` only down.
    """

    kind = "failure-lab"

    def __init__(self, view: Any, faults: Iterable[Any] | None = None, *,
                 protections: Mapping[tuple[Any, Any], Sequence[str] | str] | None = None,
                 journeys: Iterable[Journey] | None = None, modes: Sequence[str] = ("down", "degraded"),
                 model: Any = None, calls: Mapping[tuple[Any, Any], Any] | None = None,
                 failover_degrades: bool = False, flowchart: bool | str = False, title: str | None = None) -> None:
        self.diagram: Diagram = as_diagram(view)
        self.topology = _topology(view, self.diagram, model, calls)
        self.journeys = None if journeys is None else tuple(journeys)
        self.failover_degrades = failover_degrades
        self.flowchart = flowchart
        self.modes = _modes(modes)
        self.faults = self._faults(faults)
        self.toggles = self._toggles(protections or {})
        self._sims: dict[tuple[bool, ...], FailureSimulation] = {}
        self._drawings: dict[tuple[bool, ...], Diagram] = {}
        self._simulation(tuple(t[3] for t in self.toggles))  # bad journeys fail here, not on first click
        controls: list[ControlSpec] = [select("down", "Element down", [(NOTHING, "Nothing"), *self.faults.items()])]
        if len(self.modes) > 1:
            controls.append(toggle("mode", "Failure mode", *[(m.value, m.value.title()) for m in self.modes],
                                   buttons=True))
        for name, source, target, default, protection in self._toggle_specs():
            controls.append(toggle(name, f"{protection_words(protection).capitalize()} on "
                                   f"{self.topology.name(source)} \u2192 {self.topology.name(target)}",
                                   ("off", "Off"), ("on", "On"), default_on=default))
        super().__init__(title or f"Failure lab: {self.diagram.title or 'what breaks when one part fails?'}",
                         controls, legend=legend("failure"), detail_headings=("What", "Status", "Why"))

    # --------------------------------------------------------------- setup
    def _faults(self, faults: Iterable[Any] | None) -> dict[str, str]:
        topo = self.topology
        if faults is None:
            shown = [node.alias for node, _ in self.diagram.walk()]
            aliases = [a for a in dict.fromkeys(shown) if a in topo and topo.node(a).kind != "person"]
        else:
            aliases = list(dict.fromkeys(topo.resolve(f) for f in faults))
        if not aliases:
            raise WidgetError("there is nothing the learner could break in this view",
                              hint="pass faults=[...] with elements of the model (a database, a service, a region)")
        # The topology already tells same-named boxes apart ("Web App (EU region)"), so the menu, the
        # captions and the reasons all use one name for each box.
        return {alias: topo.name(alias) for alias in aliases}

    def _toggles(self, protections: Mapping[tuple[Any, Any], Sequence[str] | str]
                 ) -> list[tuple[str, str, str, bool]]:
        """``(source, target, protection, on_by_default)`` for each checkbox, checked against the model."""
        out = []
        for pair, names in protections.items():
            if not (isinstance(pair, tuple) and len(pair) == 2):
                raise WidgetError(f"protections key {pair!r} is not a (caller, callee) pair",
                                  hint='write protections={(web, db): ["circuit_breaker"]}')
            source, target = (self.topology.resolve(alias_of(end)) for end in pair)
            edges = self.topology.hop_edges(source, target)
            if not edges:
                raise WidgetError(f"{self.topology.name(source)} does not call {self.topology.name(target)} in "
                                  "this model, so there is no call to protect",
                                  hint="name the caller first: protections={(caller, callee): [...]}")
            for raw in [names] if isinstance(names, str) else list(names):
                protection = normalise_protection(raw, where=f"{source} -> {target}")
                present = all(self.topology.edges[i].has(protection) for i in edges)
                out.append((source, target, protection, present))
        return out

    def _toggle_specs(self) -> list[tuple[str, str, str, bool, str]]:
        return [(f"{p}:{s}->{t}", s, t, on, p) for s, t, p, on in self.toggles]

    def _simulation(self, switched: tuple[bool, ...]) -> FailureSimulation:
        """The simulation with each protection checkbox on or off (prepared once per combination)."""
        sim = self._sims.get(switched)
        if sim is None:
            topo = self.topology
            for (source, target, protection, _), on in zip(self.toggles, switched):
                for i in topo.hop_edges(source, target):
                    edge = topo.edges[i]
                    wanted = {*edge.protections, protection} if on else set(edge.protections) - {protection}
                    topo = topo.with_call(edge.source, edge.target, protections=wanted)
            sim = self._sims[switched] = FailureSimulation(topo, self.journeys,
                                                           failover_degrades=self.failover_degrades)
        return sim

    # --------------------------------------------------------------- frames
    def _irrelevant(self, values: Mapping[str, str]) -> set[str]:
        return {"mode"} if values["down"] == NOTHING and len(self.modes) > 1 else set()

    def _compute(self, values: dict[str, str]) -> Frame:
        switched = tuple(values[name] == "on" for name, *_ in self._toggle_specs())
        sim = self._simulation(switched)
        down = values["down"]
        mode = values.get("mode", self.modes[0].value)
        result = sim.run(None if down == NOTHING else {down: mode})
        drawn = failure_overlay(self._annotated(switched), result)
        return frame(text_of(drawn, flowchart=self.flowchart), result.caption(), result.details())

    def _annotated(self, switched: tuple[bool, ...]) -> Diagram:
        """The view with each switched-on protection written on the arrow it protects (one per combination)."""
        on = [(s, t, p) for (s, t, p, _), is_on in zip(self.toggles, switched) if is_on]
        if not on:
            return self.diagram
        if switched in self._drawings:
            return self._drawings[switched]  # overlays copy their input, so sharing it is safe
        diagram = self._drawings[switched] = copy.deepcopy(self.diagram)
        shown = {node.alias for node, _ in diagram.walk()}
        words: dict[tuple[str, str], list[str]] = {}
        for source, target, protection in on:
            pair = (self._lift(source, shown), self._lift(target, shown))
            words.setdefault(pair, []).append(protection_words(protection))  # type: ignore[arg-type]
        for rel in diagram.relationships:
            extra = words.get((rel.source, rel.target))
            if extra:
                rel.label = f"{rel.label} (with {', '.join(extra)})".strip()
        return diagram

    def _lift(self, alias: str, shown: set[str]) -> str | None:
        for candidate in (alias, *self.topology.ancestors(alias)):
            if candidate in shown:
                return candidate
        return None


def _modes(modes: Sequence[str]) -> tuple[Status, ...]:
    parsed = tuple(dict.fromkeys(Status.parse(m, where="modes") for m in ([modes] if isinstance(modes, str)
                                                                           else modes)))
    if not parsed or Status.HEALTHY in parsed:
        raise WidgetError(f"modes={tuple(modes)!r} must list 'down' and/or 'degraded'",
                          hint='modes=("down", "degraded") offers both; ("down",) only down')
    return parsed


def _topology(view: Any, diagram: Diagram, model: Any, calls: Mapping[tuple[Any, Any], Any] | None) -> Topology:
    """What the lab simulates (see the module docstring)."""
    from c4kit.model.views import DeploymentView
    from c4kit.model.workspace import Workspace

    if model is not None:
        return Topology.of(model)
    if isinstance(view, DeploymentView):
        return Topology.from_diagram(diagram, calls={**_deployment_calls(view, diagram), **dict(calls or {})})
    workspace = getattr(view, "workspace", None)
    if isinstance(workspace, Workspace):
        if calls:
            raise WidgetError("calls= is for diagrams without a model; this view has a workspace",
                              hint="write the protection on the relationship: a.uses(b, ..., "
                                   "protections=['circuit_breaker'])")
        return Topology.from_workspace(workspace)
    return Topology.from_diagram(diagram, calls=calls)


def _deployment_calls(view: Any, diagram: Diagram) -> dict[tuple[str, str], dict[str, Any]]:
    """``sync`` and ``protections`` of the container relationship behind each instance-to-instance arrow."""
    containers = {inst.alias: inst.container for inst in view.environment.instances()}
    relationships = view.workspace.relationships
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for arrow in diagram.relationships:
        source, target = containers.get(arrow.source), containers.get(arrow.target)
        found = [r for r in relationships if r.source is source and r.target is target] if source and target else []
        if not found:
            continue
        protections = sorted({p for r in found for p in r.protections})
        sync = next((r.sync for r in found if r.sync is not None), None)
        if protections or sync is not None:
            out[(arrow.source, arrow.target)] = {"sync": sync, "protections": protections}
    return out
