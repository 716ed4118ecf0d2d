"""``MigrationPhases``: a strangler-fig migration, phase by phase, on the container view.

A strangler fig replaces a legacy system route by route: a router (a facade,
an API gateway, a proxy) sends each route either to the legacy system or to
the new service that has taken it over.  The notebook author lists the
phases, each saying which routes the new services serve by then; every other
route still goes to the legacy system.  The slider (with Play and step
buttons) moves through the phases; each frame writes the routes on the
router's arrows and tags every box: legacy serving, retired, new and live, or
not live yet.

The widget computes nothing beyond "which route goes where"; it is a
presentation of the author's plan, drawn on the real view.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from c4kit.frames import Frame
from c4kit.sim import Mark, legend, mark
from c4kit.widgets._views import alias_in, arrow_between, arrow_labels, as_diagram, labels, text_of
from c4kit.widgets.base import FrameWidget, WidgetError, frame, slider


@dataclass(frozen=True)
class MigrationPhase:
    """One phase: its name, ``{route: new service}`` for the routes moved so far, and a note."""

    name: str
    routes: Mapping[str, Any] = field(default_factory=dict)
    note: str = ""


class MigrationPhases(FrameWidget):
    """Step through a strangler-fig migration drawn on ``view``.

    ``router``: the box that routes requests; ``legacy``: the system being replaced.
    ``phases``: :class:`MigrationPhase` objects or ``(name, {route: service})`` / ``(name, routes, note)`` tuples.
    ``routes``: every route, in the order to list them (default: as they first appear in the phases).
    """

    kind = "strangler-fig"

    def __init__(self, view: Any, *, router: Any, legacy: Any, phases: Sequence[Any],
                 routes: Sequence[str] | None = None, flowchart: bool | str = False, title: str | None = None) -> None:
        self.diagram = as_diagram(view)
        self.flowchart = flowchart
        self.router = alias_in(self.diagram, router, param="router")
        self.legacy = alias_in(self.diagram, legacy, param="legacy")
        self.phases = tuple(_phase(p, i) for i, p in enumerate(phases, start=1))
        if not self.phases:
            raise WidgetError("a migration needs phases", hint='phases=[("Start", {}), ("Catalogue moved", '
                                                               '{"/catalogue": catalogue_service})]')
        mentioned = list(dict.fromkeys(r for p in self.phases for r in p.routes))
        self.routes = tuple(routes) if routes is not None else tuple(mentioned)
        unknown = [r for r in mentioned if r not in self.routes]
        if unknown or not self.routes:
            raise WidgetError(f"routes={self.routes!r} misses route(s) the phases use: {unknown}"
                              if unknown else "there are no routes to migrate",
                              hint="list every route in routes=, or leave routes= out")
        self.targets: dict[tuple[int, str], str] = {}
        services: dict[str, None] = {}
        for i, phase in enumerate(self.phases):
            for route, target in phase.routes.items():
                alias = alias_in(self.diagram, target, param=f"phase {phase.name!r}, route {route!r}")
                self.targets[(i, route)] = alias
                if alias != self.legacy:
                    services[alias] = None
        self.services = tuple(services)
        self.arrows = {alias: arrow_between(self.diagram, self.router, alias, param=f"router -> {alias}",
                                            advice=f"add {self.router}.uses({alias}, 'Routes requests') to the model")
                       for alias in (self.legacy, *self.services)}
        options = [(str(i), p.name) for i, p in enumerate(self.phases)]
        super().__init__(title or "Strangler fig: migrating route by route", [slider("phase", "Phase", options,
                                                                                     play=True)],
                         legend=legend([Mark.STABLE, Mark.NEW, Mark.IDLE]), detail_headings=("route", "served by"))

    def _compute(self, values: dict[str, str]) -> Frame:
        index = int(values["phase"])
        phase = self.phases[index]
        served: dict[str, list[str]] = {alias: [] for alias in (self.legacy, *self.services)}
        for route in self.routes:
            served[self.targets.get((index, route), self.legacy)].append(route)
        names = labels(self.diagram)
        arrow_text = arrow_labels(self.diagram)
        elements: dict[str, Mark] = {}
        tags: dict[str, str] = {}
        arrows: dict[tuple[str, str], Mark] = {}
        rel_labels: dict[tuple[str, str], str] = {}
        for alias, routes in served.items():
            total = len(self.routes)
            if alias == self.legacy:
                state = Mark.STABLE if routes else Mark.IDLE
                tag = f"[LEGACY: {len(routes)} of {total} routes]" if routes else "[RETIRED: no routes left]"
            else:
                state = Mark.NEW if routes else Mark.IDLE
                tag = f"[NEW: {len(routes)} route{'s' * (len(routes) != 1)}]" if routes else "[NOT LIVE YET]"
            elements[alias], tags[alias] = state, tag
            pair = self.arrows[alias]
            arrows[pair] = state
            rel_labels[pair] = f"{arrow_text[pair]} ({', '.join(routes) if routes else 'no routes'})".strip()
        drawn = mark(self.diagram, elements, arrows, element_tags=tags, rel_labels=rel_labels, describe=False)
        moved = sum(len(r) for a, r in served.items() if a != self.legacy)
        caption = (f"Phase {index + 1} of {len(self.phases)}, {phase.name}: {moved} of {len(self.routes)} routes "
                   f"served by new services." + (f" {phase.note}" if phase.note else ""))
        rows = [(route, names[alias]) for alias, routes in served.items() for route in routes]
        rows.sort(key=lambda row: self.routes.index(row[0]))
        return frame(text_of(drawn, flowchart=self.flowchart), caption, rows)


def _phase(value: Any, number: int) -> MigrationPhase:
    if isinstance(value, MigrationPhase):
        phase = value
    elif isinstance(value, (tuple, list)) and len(value) in (2, 3) and isinstance(value[0], str):
        phase = MigrationPhase(*value)
    else:
        raise WidgetError(f"phase {number} is {value!r}",
                          hint='write ("Catalogue moved", {"/catalogue": catalogue_service}) or MigrationPhase(...)')
    if not isinstance(phase.routes, Mapping):
        raise WidgetError(f"the routes of phase {phase.name!r} must map route -> service",
                          hint='e.g. {"/catalogue": catalogue_service}')
    for route in phase.routes:
        if not isinstance(route, str):
            raise WidgetError(f"phase {phase.name!r} has the route {route!r}, which is not text",
                              hint='name routes as text, e.g. "/orders"')
    return phase
