"""``RateLimitLab``: push requests through a token bucket and watch the 429s and the client's backoff.

A front end to :func:`~c4kit.sim.ratelimit.simulate_rate_limit`.  Controls:
the request rate (a slider over a few rates) and a burst toggle (a burst of
requests at t=0 on top of the steady stream).  Each frame tags the client,
the rate limiter and the backend with what happened, writes attempt and
forward counts on the arrows, and lists the timeline second by second:
new requests, retries, answers, 429s and the tokens left.

Without a view the lab draws a three-box diagram (client, API gateway with
the token bucket, backend); with one, name the boxes with ``client=``,
``limiter=`` and optionally ``backend=``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from c4kit.frames import Frame
from c4kit.model.diagram import Diagram, DiagramKind, Element, ElementKind, Relationship
from c4kit.sim import Mark, RateLimitRun, TokenBucket, mark, simulate_rate_limit, steady
from c4kit.sim import burst as make_burst
from c4kit.sim._common import fmt
from c4kit.sim.overlay import ORANGE, PURPLE, TEAL
from c4kit.sim.retry import Backoff
from c4kit.widgets._views import alias_in, arrow_between, arrow_labels, as_diagram, text_of
from c4kit.widgets.base import FrameWidget, WidgetError, frame, slider, toggle

LEGEND = [
    (TEAL, "teal = every request admitted and served"),
    (ORANGE, "orange [THROTTLING] = the limiter answers some attempts with 429 Too Many Requests"),
    (PURPLE, "purple [GAVE UP] = the client gave up on some requests after its retries"),
]
HEADINGS = ("second", "new requests", "retries", "served", "429", "tokens left")


class RateLimitLab(FrameWidget):
    """Rate limiting with a token bucket: vary the request rate, add a burst.

    ``rates``: the slider's request rates (per second); ``duration``: seconds of steady traffic;
    ``burst``: requests added at t=0 when the burst toggle is on (0: no toggle).
    ``bucket``, ``backoff``, ``max_retries``, ``honor_retry_after`` go to the simulation.
    """

    kind = "rate-limit"

    def __init__(self, view: Any = None, *, client: Any = None, limiter: Any = None, backend: Any = None,
                 bucket: TokenBucket | None = None, rates: Sequence[float] = (2, 5, 10, 20), burst: int = 20,
                 duration: float = 10.0, max_retries: int = 3, backoff: Backoff | None = None,
                 honor_retry_after: bool = False, flowchart: bool | str = False, title: str | None = None) -> None:
        self.bucket = bucket or TokenBucket(capacity=10, refill_rate=5)
        rates = tuple(rates)
        if not rates or len(set(rates)) != len(rates):
            raise WidgetError(f"rates={rates!r} must list some different request rates",
                              hint="e.g. rates=(2, 5, 10, 20) requests per second")
        if isinstance(burst, bool) or not isinstance(burst, int) or burst < 0:
            raise WidgetError(f"burst must be a whole number of requests, got {burst!r}", hint="e.g. burst=20")
        self.burst_size = burst
        self.duration = duration
        self.flowchart = flowchart
        self.diagram, self.client, self.limiter, self.backend = self._boxes(view, client, limiter, backend)
        self.runs: dict[tuple[str, str], RateLimitRun] = {}
        for rate in rates:
            for with_burst in ("off", "on") if burst else ("off",):
                times = sorted([*steady(rate, duration), *(make_burst(burst) if with_burst == "on" else ())])
                self.runs[(fmt(rate), with_burst)] = simulate_rate_limit(
                    times, self.bucket, backoff=backoff, max_retries=max_retries,
                    honor_retry_after=honor_retry_after)
        controls = [slider("rate", "Request rate", [(fmt(r), f"{fmt(r)} req/s") for r in rates])]
        if burst:
            controls.append(toggle("burst", f"Burst of {burst} requests at t=0", ("off", "Off"), ("on", "On")))
        super().__init__(title or "Rate limiting with a token bucket", controls, legend=LEGEND,
                         detail_headings=HEADINGS)

    def _boxes(self, view: Any, client: Any, limiter: Any, backend: Any) -> tuple[Diagram, str, str, str | None]:
        if view is None:
            if any(x is not None for x in (client, limiter, backend)):
                raise WidgetError("client=, limiter= and backend= name boxes of a view, but no view was given",
                                  hint="pass view=... too, or leave them out for the built-in diagram")
            return default_diagram(self.bucket), "client", "gateway", "backend"
        diagram = as_diagram(view)
        if client is None or limiter is None:
            raise WidgetError("with a view, say which box is the client and which the rate limiter",
                              hint="RateLimitLab(view, client=mobile_app, limiter=api_gateway, backend=orders)")
        c, lim = alias_in(diagram, client, param="client"), alias_in(diagram, limiter, param="limiter")
        arrow_between(diagram, c, lim, param="client -> limiter", advice="add client.uses(limiter, ...) to the model")
        b = None if backend is None else alias_in(diagram, backend, param="backend")
        if b is not None:
            arrow_between(diagram, lim, b, param="limiter -> backend", advice="add limiter.uses(backend, ...)")
        return diagram, c, lim, b

    def _compute(self, values: dict[str, str]) -> Frame:
        with_burst = values.get("burst", "off")
        run = self.runs[(values["rate"], with_burst)]
        first = sum(1 for e in run.events if e.attempt == 1)
        retries = len(run.events) - first
        served = len(run.accepted)
        elements: dict[str, Mark] = {self.limiter: Mark.DEGRADED if run.rejections else Mark.HEALTHY,
                                     self.client: Mark.DOWN if run.gave_up else Mark.HEALTHY}
        tags = {self.limiter: f"[THROTTLING: {run.rejections} x 429]" if run.rejections else "[all admitted]",
                self.client: f"[GAVE UP on {len(run.gave_up)}]" if run.gave_up else "[all answered]"}
        labels = arrow_labels(self.diagram)
        into = arrow_between(self.diagram, self.client, self.limiter, param="client", advice="")
        rel_labels = {into: f"{labels[into]} ({first} requests + {retries} retries)".strip()}
        arrows = {into: Mark.DEGRADED} if run.rejections else {}
        if self.backend is not None:
            elements[self.backend] = Mark.HEALTHY
            tags[self.backend] = f"[{served} served]"
            out = arrow_between(self.diagram, self.limiter, self.backend, param="backend", advice="")
            rel_labels[out] = f"{labels[out]} ({served} forwarded)".strip()
        drawn = mark(self.diagram, elements, arrows, element_tags=tags, rel_labels=rel_labels, describe=False)
        extra = f" plus a burst of {self.burst_size} at t=0" if with_burst == "on" else ""
        caption = (f"{values['rate']} req/s for {fmt(self.duration)} s{extra}, into a bucket of "
                   f"{fmt(self.bucket.capacity)} tokens refilled at {fmt(self.bucket.refill_rate)}/s: {run.caption()}")
        return frame(text_of(drawn, flowchart=self.flowchart), caption, _timeline(run))


def _timeline(run: RateLimitRun) -> list[tuple[str, ...]]:
    """One row per second: what reached the limiter and what it answered."""
    if not run.events:
        return []
    last = max(e.time for e in run.events)
    rows = []
    for second in range(math.floor(last) + 1):
        inside = [e for e in run.events if second <= e.time < second + 1]
        if not inside:
            continue
        rows.append((f"{second}-{second + 1} s", str(sum(1 for e in inside if e.attempt == 1)),
                     str(sum(1 for e in inside if e.attempt > 1)), str(sum(1 for e in inside if e.accepted)),
                     str(sum(1 for e in inside if not e.accepted)), fmt(round(inside[-1].tokens, 2))))
    return rows


def default_diagram(bucket: TokenBucket) -> Diagram:
    """Client, API gateway (the token bucket) and backend: the diagram used when no view is given."""
    nodes = [
        Element("client", "Client", ElementKind.CONTAINER, "Sends requests; backs off when it gets 429",
                "HTTP client"),
        Element("gateway", "API gateway", ElementKind.CONTAINER,
                f"Token bucket: {fmt(bucket.capacity)} tokens, {fmt(bucket.refill_rate)} per second", "Rate limiter"),
        Element("backend", "Backend service", ElementKind.CONTAINER, "Does the work", "Service"),
    ]
    rels = [Relationship("client", "gateway", "Sends requests", "HTTPS"),
            Relationship("gateway", "backend", "Forwards admitted requests", "HTTPS")]
    return Diagram(DiagramKind.CONTAINER, "Rate limiting at the API gateway", nodes, rels)
