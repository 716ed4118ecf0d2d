"""``AutoScaler``: move the load and see how many replicas each metric asks for.

A front end to :func:`~c4kit.sim.scaling.replicas_for` and
:func:`~c4kit.sim.scaling.autoscale`.  One slider picks a constant load; the
frame shows where the autoscaler settles: the service's box relabelled with
its replica count (``Web API (x6)``), the load on the arrows into it, and a
table with each metric's value per replica, its target and the replicas it
alone would ask for.  The largest wins, so the table shows which metric
drives the scaling, and when even ``max_replicas`` is not enough.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from c4kit.frames import Frame
from c4kit.model.diagram import DeploymentNode, Diagram, DiagramKind, Element, ElementKind, Relationship
from c4kit.sim import Mark, ScalingPolicy, autoscale, mark, replicas_for
from c4kit.sim._common import fmt
from c4kit.sim.overlay import BLUE, ORANGE, TEAL
from c4kit.widgets._views import alias_in, as_diagram, labels, relabel, text_of
from c4kit.widgets.base import FrameWidget, WidgetError, frame, slider

LEGEND = [
    (BLUE, "blue [MINIMUM] = running the minimum number of replicas"),
    (TEAL, "teal [SCALED OUT] = more replicas than the minimum, enough for the load"),
    (ORANGE, "orange [AT MAXIMUM] = the load needs more replicas than max_replicas allows"),
]
HEADINGS = ("metric", "per replica", "target", "replicas it asks for", "")
_REPLICAS = re.compile(r"\s*\(x\d+\)$")


class AutoScaler(FrameWidget):
    """Auto-scaling of ``service`` (a box of ``view``) over a few constant ``loads``.

    ``policy``: a :class:`~c4kit.sim.scaling.ScalingPolicy` (default: CPU, memory, requests and queue depth).
    Without a view the widget draws a small deployment diagram of its own.
    """

    kind = "auto-scaling"

    def __init__(self, view: Any = None, service: Any = None, *, policy: ScalingPolicy | None = None,
                 loads: Sequence[float] = (50, 100, 200, 400, 800, 1600), unit: str = "req/s",
                 flowchart: bool | str = False, title: str | None = None) -> None:
        self.policy = policy or ScalingPolicy()
        if not isinstance(self.policy, ScalingPolicy):
            raise WidgetError(f"policy must be a ScalingPolicy, got {type(policy).__name__}",
                              hint='ScalingPolicy(metrics=[Metric("cpu", 70, per_load=0.7, unit="%")])')
        loads = tuple(loads)
        if not loads or len(set(loads)) != len(loads):
            raise WidgetError(f"loads={loads!r} must list some different loads", hint="e.g. loads=(100, 400, 1600)")
        self.unit = unit
        self.flowchart = flowchart
        if view is None:
            if service is not None:
                raise WidgetError("service= names a box of a view, but no view was given",
                                  hint="pass the view too, or leave both out for the built-in diagram")
            self.diagram, self.service = default_diagram(), "service"
        else:
            if service is None:
                raise WidgetError("say which box scales", hint="AutoScaler(view, web_api_instance)")
            self.diagram = as_diagram(view)
            self.service = alias_in(self.diagram, service, param="service")
        self.base_label = _REPLICAS.sub("", labels(self.diagram)[self.service])
        for load in loads:  # a load the metrics cannot read fails now, naming the load point
            replicas_for(load, self.policy)
        options = [(fmt(x), f"{fmt(x)} {unit}") for x in loads]
        self._loads = dict(zip((value for value, _ in options), loads))
        super().__init__(title or f"Auto-scaling {self.base_label}", [slider("load", "Load", options)],
                         legend=LEGEND, detail_headings=HEADINGS)

    def _compute(self, values: dict[str, str]) -> Frame:
        load = self._loads[values["load"]]
        policy = self.policy
        replicas = replicas_for(load, policy)
        readings = autoscale([load], policy, start_replicas=replicas).steps[0].readings
        needed = max(r.desired for r in readings)
        driver = max(readings, key=lambda r: r.desired)
        if needed > policy.max_replicas and replicas == policy.max_replicas:
            state, tag = Mark.DEGRADED, f"[AT MAXIMUM: needs {needed}]"
            verdict = (f"needs {needed} replicas for {driver.metric} but max_replicas is {policy.max_replicas}: "
                       "the service is overloaded")
        elif replicas == policy.min_replicas:
            state, tag = Mark.STABLE, "[MINIMUM]"
            verdict = f"stays at the minimum of {replicas} replicas"
        else:
            state, tag = Mark.NEW, "[SCALED OUT]"
            verdict = f"settles at {replicas} replicas; {driver.metric} drives it"
        diagram = relabel(self.diagram, self.service, f"{self.base_label} (x{replicas})")
        into = {(r.source, r.target): f"{r.label} ({fmt(load)} {self.unit})".strip()
                for r in diagram.relationships if r.target == self.service}
        drawn = mark(diagram, {self.service: state}, element_tags={self.service: tag}, rel_labels=into,
                     describe=False)
        rows = []
        for r in readings:
            metric = next(m for m in policy.metrics if m.name == r.metric)
            unit = f" {metric.unit}" if metric.unit else ""
            rows.append((r.metric, f"{fmt(round(r.value, 1))}{unit}", f"{fmt(r.target)}{unit}", str(r.desired),
                         "drives the scaling" if r is driver and needed > policy.min_replicas else ""))
        caption = f"At {fmt(load)} {self.unit} the autoscaler {verdict}."
        return frame(text_of(drawn, flowchart=self.flowchart), caption, rows)


def default_diagram() -> Diagram:
    """Users, a load balancer and a scaled web API in a cluster: the diagram used when no view is given."""
    cluster = DeploymentNode("cluster", "Kubernetes cluster", "Kubernetes", children=[
        Element("ingress", "Load balancer", ElementKind.CONTAINER, "Spreads requests over the replicas", "Ingress"),
        Element("service", "Web API", ElementKind.CONTAINER, "Stateless: any replica can answer", "Python"),
    ])
    users = Element("users", "Users", ElementKind.PERSON, "Send requests")
    rels = [Relationship("users", "ingress", "Send requests", "HTTPS"),
            Relationship("ingress", "service", "Routes requests", "HTTP")]
    return Diagram(DiagramKind.DEPLOYMENT, "Auto-scaling the web API", [users, cluster], rels)
