"""Auto-scaling on several metrics: replicas over a load curve.

Every ``interval`` seconds the autoscaler reads each metric as an average per
replica and asks, metric by metric, how many replicas would bring it back to
its target, the rule of Kubernetes' Horizontal Pod Autoscaler::

    desired(metric) = ceil(current_replicas * value_per_replica / target)

It scales to the largest of these (scale *out* when *any* metric is over its
target, *in* only when *all* allow it), clamped to ``[min_replicas,
max_replicas]``.  Two brakes keep it from flapping: a scale-in uses the
highest recommendation of the last ``scale_down_window`` seconds (the
stabilisation window), and after any change it waits ``cooldown`` seconds.

Where do the per-replica values come from?  A load point is either a number
(say, requests per second) or a mapping of service-wide metric totals
(``{"requests": 1200, "queue_depth": 5000}``).  For a number, each
:class:`Metric` turns it into a total with ``per_load``; the per-replica value
is ``baseline + total / replicas``, so memory that a process holds anyway is
the ``baseline`` and does not shrink with more replicas.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from c4kit.errors import C4ModelError
from c4kit.sim._common import EPSILON, fmt, html_table, require_int, require_number, suggest, text_table


@dataclass(frozen=True)
class Metric:
    """A metric the autoscaler watches, with its per-replica ``target``."""

    name: str
    target: float
    per_load: float = 1.0
    baseline: float = 0.0
    unit: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise C4ModelError("a metric needs a name", hint='Metric("cpu", target=70, unit="%")')
        require_number(f"{self.name} target", self.target, minimum=0, strict_minimum=True,
                       hint="the target is the per-replica value to aim for, e.g. 70 for 70 % CPU")
        require_number(f"{self.name} per_load", self.per_load, minimum=0)
        require_number(f"{self.name} baseline", self.baseline, minimum=0)
        if self.baseline >= self.target:
            raise C4ModelError(f"the {self.name} baseline ({fmt(self.baseline)}) is not below its target "
                               f"({fmt(self.target)}), so no number of replicas could reach the target",
                               hint="lower the baseline or raise the target")


#: A default set: load is requests per second.
DEFAULT_METRICS = (
    Metric("cpu", 70, per_load=0.7, unit="%"),
    Metric("memory", 80, per_load=0.2, baseline=40, unit="%"),
    Metric("requests", 100, per_load=1.0, unit="req/s"),
    Metric("queue_depth", 1000, per_load=0.0, unit="messages"),
)


@dataclass(frozen=True)
class ScalingPolicy:
    """What to watch and the limits: ``min_replicas`` for availability, ``max_replicas`` for cost."""

    metrics: tuple[Metric, ...] = DEFAULT_METRICS
    min_replicas: int = 2
    max_replicas: int = 20
    scale_down_window: float = 180.0
    cooldown: float = 0.0
    #: Ratios within ``1 ± tolerance`` of the target cause no change (Kubernetes uses 0.1).
    tolerance: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "metrics", tuple(self.metrics))
        if not self.metrics:
            raise C4ModelError("a scaling policy needs at least one metric", hint='metrics=[Metric("cpu", 70)]')
        names = [m.name for m in self.metrics]
        if len(set(names)) != len(names):
            raise C4ModelError("two metrics have the same name", hint="name each metric once")
        require_int("min_replicas", self.min_replicas, minimum=1)
        require_int("max_replicas", self.max_replicas, minimum=1)
        if self.max_replicas < self.min_replicas:
            raise C4ModelError(f"max_replicas ({self.max_replicas}) is below min_replicas ({self.min_replicas})",
                               hint="max_replicas must be at least min_replicas")
        require_number("scale_down_window", self.scale_down_window, minimum=0)
        require_number("cooldown", self.cooldown, minimum=0)
        require_number("tolerance", self.tolerance, minimum=0, maximum=0.5)


@dataclass(frozen=True)
class Reading:
    """One metric at one moment: its per-replica value and the replicas it asks for."""

    metric: str
    value: float
    target: float
    desired: int


@dataclass(frozen=True)
class ScalingStep:
    """One evaluation of the autoscaler: a frame."""

    time: float
    load: Any
    replicas_before: int
    readings: tuple[Reading, ...]
    desired: int
    recommended: int
    replicas: int
    driver: str
    #: "scale out", "scale in" or "hold".
    action: str
    note: str


@dataclass(frozen=True)
class ScalingRun:
    policy: ScalingPolicy
    steps: tuple[ScalingStep, ...]

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def frames(self) -> tuple[ScalingStep, ...]:
        return self.steps

    @property
    def replicas(self) -> tuple[int, ...]:
        """Replicas after each evaluation."""
        return tuple(s.replicas for s in self.steps)

    def caption(self, index: int | None = None) -> str:
        if index is not None:
            return self.steps[index].note
        changes = sum(1 for s in self.steps if s.action != "hold")
        return (f"{len(self.steps)} evaluations, {changes} scaling change(s); replicas between "
                f"{min(self.replicas, default=0)} and {max(self.replicas, default=0)}.")

    def details(self) -> tuple[tuple[str, ...], ...]:
        return tuple((fmt(s.time), _load_text(s.load), str(s.replicas_before),
                      ", ".join(f"{r.metric} {fmt(round(r.value, 1))}/{fmt(r.target)}" for r in s.readings),
                      str(s.replicas), s.action) for s in self.steps)

    _HEADINGS = ("t (s)", "load", "replicas before", "per replica / target", "replicas after", "action")

    def __repr__(self) -> str:
        return f"<ScalingRun {self.caption()}>\n" + text_table(self._HEADINGS, self.details())

    def _repr_html_(self) -> str:
        return html_table(self._HEADINGS, self.details(), caption=self.caption())


def _load_text(load: Any) -> str:
    if isinstance(load, Mapping):
        return ", ".join(f"{k} {fmt(round(v, 1))}" for k, v in load.items())
    return fmt(round(load, 1))


def _totals(load: Any, policy: ScalingPolicy, index: int) -> dict[str, float]:
    if isinstance(load, Mapping):
        known = {m.name for m in policy.metrics} | {"load"}
        for key in load:
            if key not in known:
                raise C4ModelError(f"load point {index} names an unknown metric {key!r}",
                                   hint=f"{suggest(key, sorted(known))} (or add a Metric({key!r}, target=...))")
        base = require_number(f"load point {index} 'load'", load.get("load", 0.0), minimum=0)
        return {m.name: require_number(f"load point {index} {m.name}", load[m.name], minimum=0)
                if m.name in load else m.per_load * base for m in policy.metrics}
    value = require_number(f"load point {index}", load, minimum=0, hint="load is a number such as requests/s")
    return {m.name: m.per_load * value for m in policy.metrics}


def _desired(totals: Mapping[str, float], replicas: int, policy: ScalingPolicy) -> tuple[Reading, ...]:
    readings = []
    for metric in policy.metrics:
        value = metric.baseline + totals[metric.name] / replicas
        ratio = value / metric.target
        if abs(ratio - 1) <= policy.tolerance:
            desired = replicas
        else:
            desired = max(1, math.ceil(replicas * ratio - EPSILON))
        readings.append(Reading(metric.name, value, metric.target, desired))
    return tuple(readings)


def autoscale(load: Iterable[Any], policy: ScalingPolicy | None = None, *, start_replicas: int | None = None,
              interval: float = 60.0) -> ScalingRun:
    """Replicas over a load curve: one evaluation per load point, ``interval`` seconds apart."""
    policy = policy or ScalingPolicy()
    require_number("interval", interval, minimum=0, strict_minimum=True)
    replicas = policy.min_replicas if start_replicas is None else require_int("start_replicas", start_replicas,
                                                                               minimum=1)
    if not policy.min_replicas <= replicas <= policy.max_replicas:
        raise C4ModelError(f"start_replicas ({replicas}) is outside [{policy.min_replicas}, {policy.max_replicas}]",
                           hint="start within the policy's limits")
    history: deque[tuple[float, int]] = deque()
    last_change = -math.inf
    steps: list[ScalingStep] = []
    for i, point in enumerate(load):
        time = i * interval
        totals = _totals(point, policy, i)
        readings = _desired(totals, replicas, policy)
        driver = max(readings, key=lambda r: r.desired)
        desired = driver.desired
        history.append((time, desired))
        while history and history[0][0] < time - policy.scale_down_window - EPSILON:
            history.popleft()
        recommended = max(d for _, d in history) if desired < replicas else desired
        target = min(max(recommended, policy.min_replicas), policy.max_replicas)
        before = replicas
        why = f"{driver.metric} is {fmt(round(driver.value, 1))} per replica against a target of {fmt(driver.target)}"
        if target != before and time - last_change < policy.cooldown - EPSILON:
            action = "hold"
            note = f"t={fmt(time)} s: {why}, asking for {target}, but the {fmt(policy.cooldown)} s cooldown " \
                   f"since the last change has not passed: stay at {before}."
        elif target > before:
            action, replicas, last_change = "scale out", target, time
            capped = " (capped at max_replicas)" if recommended > policy.max_replicas else ""
            note = f"t={fmt(time)} s: {why}: scale out from {before} to {target}{capped}."
        elif target < before:
            action, replicas, last_change = "scale in", target, time
            floor = " (held at min_replicas)" if recommended < policy.min_replicas else ""
            note = f"t={fmt(time)} s: every metric allows fewer replicas: scale in from {before} to {target}{floor}."
        else:
            action = "hold"
            held = " (the stabilisation window remembers a higher need)" if recommended > desired else ""
            note = f"t={fmt(time)} s: {why}: stay at {before}{held}."
        steps.append(ScalingStep(time, point, before, readings, desired, recommended, replicas, driver.metric,
                                 action, note))
    return ScalingRun(policy, tuple(steps))


def replicas_for(load: Any, policy: ScalingPolicy | None = None) -> int:
    """Where the autoscaler settles under a constant ``load`` (for a load slider)."""
    policy = policy or ScalingPolicy()
    totals = _totals(load, policy, 0)
    replicas = policy.min_replicas
    for _ in range(100):
        desired = max(r.desired for r in _desired(totals, replicas, policy))
        nxt = min(max(desired, policy.min_replicas), policy.max_replicas)
        if nxt == replicas:
            break
        replicas = nxt
    return replicas
