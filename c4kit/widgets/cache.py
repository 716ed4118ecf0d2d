"""``CacheTierFailure``: switch cache tiers off, change the hit ratio, watch the load reach the origin.

A front end to :func:`~c4kit.sim.cache.simulate_cache` (a small steady-state
model, documented there).  Controls: one toggle per cache tier ("CDN down")
and a hit-ratio slider over a few values.  Each frame tags every tier with
what it answers (or ``[DOWN]``), tags the origin with its load and share of
capacity, writes the requests per second on the arrows into the tiers and
the origin, and tabulates the flow tier by tier.  The lesson is the
multiplication: at a 90 % hit ratio, losing one tier sends ten times the
traffic to the next.

Without a view the widget draws an application that looks each tier up in
turn, then the origin (cache-aside); with a view, the tiers and the origin
are boxes of it, named by the :class:`~c4kit.sim.cache.CacheTier` and
:class:`~c4kit.sim.cache.Origin` objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from c4kit.frames import Frame
from c4kit.model.diagram import Diagram, DiagramKind, Element, ElementKind, Relationship, Shape
from c4kit.sim import Mark, Status, legend, mark
from c4kit.sim._common import fmt
from c4kit.sim.cache import CacheResult, CacheTier, Origin, simulate_cache
from c4kit.widgets._views import alias_in, as_diagram, text_of
from c4kit.widgets.base import ControlSpec, FrameWidget, WidgetError, frame, slider, toggle

_STATUS_MARK = {Status.HEALTHY: Mark.HEALTHY, Status.DEGRADED: Mark.DEGRADED, Status.DOWN: Mark.DOWN}


class CacheTierFailure(FrameWidget):
    """Cache tiers in front of an origin, each of which can be down, at a choice of hit ratios.

    ``tiers``: :class:`CacheTier` objects, in the order requests try them; ``origin``: an :class:`Origin`.
    ``rate``: requests per second arriving; ``hit_ratios``: the slider's values (fractions).
    ``clients``: the boxes that send the lookups (default: everything with an arrow into the first
    tier); name them when something else also points at a cache (a writer invalidating keys), so
    that only the request path is labelled with request rates.
    """

    kind = "cache-failure"

    def __init__(self, view: Any = None, *, tiers: Sequence[CacheTier], origin: Origin, rate: float = 1000.0,
                 hit_ratios: Sequence[float] = (0.5, 0.8, 0.9, 0.95, 0.99), down_penalty_ms: float = 0.0,
                 clients: Sequence[Any] | None = None, flowchart: bool | str = False,
                 title: str | None = None) -> None:
        self.tiers = tuple(tiers)
        if not self.tiers or not all(isinstance(t, CacheTier) for t in self.tiers):
            raise WidgetError("tiers must be a list of CacheTier objects",
                              hint="tiers=[CacheTier(cdn, latency_ms=5), CacheTier(redis, latency_ms=1)]")
        if not isinstance(origin, Origin):
            raise WidgetError(f"origin must be an Origin, got {type(origin).__name__}",
                              hint="origin=Origin(database, latency_ms=20, capacity=500)")
        ratios = tuple(hit_ratios)
        if not ratios or len(set(ratios)) != len(ratios):
            raise WidgetError(f"hit_ratios={ratios!r} must list some different fractions", hint="e.g. (0.8, 0.9, 0.99)")
        self.origin = origin
        self.rate = rate
        self.down_penalty_ms = down_penalty_ms
        self.flowchart = flowchart
        self.diagram = default_diagram(self.tiers, origin) if view is None else as_diagram(view)
        self.clients = {alias_in(self.diagram, c, param="clients") for c in clients or ()}
        for item in (*self.tiers, origin):
            alias_in(self.diagram, item.alias, param=f"the {'origin' if item is origin else 'cache tier'} "
                                                     f"{item.name!r}")
        self._ratios = {fmt(r): r for r in ratios}
        for r in ratios:  # bad numbers fail now, with the parameter's name
            simulate_cache(self.tiers, origin, rate=rate, hit_ratio=r, down_penalty_ms=down_penalty_ms)
        controls: list[ControlSpec] = [toggle(f"down:{t.alias}", f"{t.name} down", ("up", "Up"), ("down", "Down"))
                                       for t in self.tiers]
        default = fmt(0.9) if fmt(0.9) in self._ratios else None
        controls.append(slider("hit", "Hit ratio", [(fmt(r), f"{r:.0%}") for r in ratios], default))
        super().__init__(title or f"Cache tiers in front of {origin.name}", controls, legend=legend("failure"),
                         detail_headings=CacheResult.HEADINGS)

    def _compute(self, values: dict[str, str]) -> Frame:
        ratio = self._ratios[values["hit"]]
        down = [t.alias for t in self.tiers if values[f"down:{t.alias}"] == "down"]
        result = simulate_cache(self.tiers, self.origin, rate=self.rate, hit_ratio=ratio, down=down,
                                down_penalty_ms=self.down_penalty_ms)
        elements: dict[str, Mark] = {}
        tags: dict[str, str] = {}
        into: dict[str, tuple[Mark | None, str]] = {}
        for tier in result.tiers:
            if tier.up:
                elements[tier.alias] = Mark.HEALTHY
                tags[tier.alias] = f"[hit {tier.hit_ratio:.0%}: answers {fmt(round(tier.served, 1))} req/s]"
                into[tier.alias] = (None, f"({fmt(round(tier.reaching, 1))} req/s)")
            else:
                elements[tier.alias], tags[tier.alias] = Mark.DOWN, "[DOWN: skipped]"
                into[tier.alias] = (Mark.DOWN, "[FAILING: cache down]")
        state = _STATUS_MARK[result.origin_status]
        word = "OVERLOADED" if result.overloaded else "LOAD"
        elements[self.origin.alias] = state
        tags[self.origin.alias] = (f"[{word}: {fmt(round(result.origin_load, 1))} req/s, "
                                   f"{result.utilisation:.0%} of capacity]")
        into[self.origin.alias] = (None if state is Mark.HEALTHY else state,
                                   f"({fmt(round(result.origin_load, 1))} req/s)")
        arrows: dict[tuple[str, str], Mark] = {}
        rel_labels: dict[tuple[str, str], str] = {}
        path = self._request_path()
        for rel in self.diagram.relationships:
            if rel.target in into and (rel.source, rel.target) in path:
                look, words = into[rel.target]
                rel_labels[(rel.source, rel.target)] = f"{rel.label} {words}".strip()
                if look is not None:
                    arrows[(rel.source, rel.target)] = look
        drawn = mark(self.diagram, elements, arrows, element_tags=tags, rel_labels=rel_labels, describe=False)
        caption = f"{fmt(self.rate)} req/s at a {ratio:.0%} hit ratio. {result.caption()}"
        return frame(text_of(drawn, flowchart=self.flowchart), caption, result.details())


    def _request_path(self) -> set[tuple[str, str]]:
        """The arrows a request travels: from the clients of the first tier, or an earlier tier, onwards.

        Other arrows into a cache (a writer that invalidates keys, a job that warms it) carry no
        lookups, so they get no request rate; labelling them would double-count the traffic.
        """
        chain = [t.alias for t in self.tiers] + [self.origin.alias]
        clients = self.clients or {r.source for r in self.diagram.relationships if r.target == chain[0]} - set(chain)
        path = set()
        for rel in self.diagram.relationships:
            if rel.target in chain and rel.source in chain:
                if chain.index(rel.source) < chain.index(rel.target):
                    path.add((rel.source, rel.target))
            elif rel.target in chain and rel.source in clients:
                path.add((rel.source, rel.target))
        return path


def default_diagram(tiers: Sequence[CacheTier], origin: Origin) -> Diagram:
    """An application that looks each tier up in turn, then reads the origin (cache-aside)."""
    taken = {t.alias for t in tiers} | {origin.alias}
    app = next(a for a in ("app", "application", "cache_client") if a not in taken)
    nodes = [Element(app, "Application", ElementKind.CONTAINER, "Tries each cache in turn, then the origin")]
    nodes += [Element(t.alias, t.name, ElementKind.CONTAINER, f"Cache, lookup {fmt(t.latency_ms)} ms")
              for t in tiers]
    nodes.append(Element(origin.alias, origin.name, ElementKind.CONTAINER,
                         f"Origin: {fmt(origin.latency_ms)} ms, {fmt(origin.capacity)} req/s at most", shape=Shape.DB))
    rels = [Relationship(app, t.alias, "Looks up") for t in tiers]
    rels.append(Relationship(app, origin.alias, "Reads on a miss"))
    return Diagram(DiagramKind.CONTAINER, f"Cache tiers in front of {origin.name}", nodes, rels)
