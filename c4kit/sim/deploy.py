"""Deployment strategies: rolling, blue-green and canary, phase by phase.

Each strategy turns "release v2" into a short list of phases.  A phase says
which version runs where (replicas per version per group: a colour for
blue-green, stable/canary for a canary, one pool for a rolling update), how
the traffic is split, what was observed, and whether the release is still
progressing, complete or rolled back.

A release is judged on the error rate of the new version, observed only
while the new version takes live traffic (a rolling batch that is up, a
canary step, a blue-green switch).  When it is above ``threshold`` the
release is rolled back at once: the rolling update puts the old version
back, blue-green switches the router back to the old colour (the instant
rollback that is its selling point), and the canary sends all traffic back
to the stable version.  After a rollback no traffic reaches the new version.

The observed rate is the new version's error rate itself, unless
``requests_per_phase`` is given: then that many requests are split by the
traffic weights and the new version's errors are drawn from
``random.Random(seed)``, so a small canary can miss a rare bug, as in life.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from c4kit.errors import C4ModelError
from c4kit.sim._common import fmt, html_table, require_fraction, require_int, require_number, text_table

#: The error rate used for a "bad version" when none is given.
BAD_VERSION_ERROR_RATE = 0.25
#: The error rate of a good new version when none is given.
GOOD_VERSION_ERROR_RATE = 0.01

ErrorRate = float | Callable[[float], float]


@dataclass(frozen=True)
class Placement:
    """``replicas`` instances of ``version`` in ``group`` (a colour, "stable", "canary", a pool)."""

    group: str
    version: str
    replicas: int


@dataclass(frozen=True)
class TrafficShare:
    """``percent`` of the requests go to ``version`` in ``group``."""

    group: str
    version: str
    percent: float


@dataclass(frozen=True)
class Phase:
    """One moment of a release: a frame."""

    index: int
    name: str
    placements: tuple[Placement, ...]
    traffic: tuple[TrafficShare, ...]
    #: "start", "progressing", "complete" or "rolled back".
    state: str
    #: The new version's error rate as observed in this phase (``None``: it had no traffic).
    observed_error_rate: float | None
    note: str

    @property
    def healthy(self) -> bool:
        return self.state != "rolled back"

    def replicas(self, version: str | None = None, group: str | None = None) -> int:
        """Replicas running, optionally of one version and/or in one group."""
        return sum(p.replicas for p in self.placements
                   if (version is None or p.version == version) and (group is None or p.group == group))

    def traffic_to(self, version: str | None = None, group: str | None = None) -> float:
        """Percent of traffic going to a version and/or a group."""
        return sum(t.percent for t in self.traffic
                   if (version is None or t.version == version) and (group is None or t.group == group))

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.group for p in self.placements))

    def describe(self) -> str:
        """``"blue: v1 x4 (0 %); green: v2 x4 (100 %)"``: replicas and traffic share per version per group."""
        parts = []
        for group in self.groups:
            running = [f"{p.version} x{p.replicas} ({fmt(round(self.traffic_to(p.version, group), 1))} %)"
                       for p in self.placements if p.group == group and p.replicas]
            parts.append(f"{group}: {', '.join(running) or 'empty'}")
        return "; ".join(parts)


@dataclass(frozen=True)
class Rollout:
    """All phases of one release with one strategy."""

    strategy: str
    old: str
    new: str
    threshold: float
    phases: tuple[Phase, ...]

    def __len__(self) -> int:
        return len(self.phases)

    def __getitem__(self, index: int) -> Phase:
        return self.phases[index]

    @property
    def frames(self) -> tuple[Phase, ...]:
        return self.phases

    @property
    def rolled_back(self) -> bool:
        return self.phases[-1].state == "rolled back"

    @property
    def outcome(self) -> str:
        """``"released"`` or ``"rolled back"``."""
        return "rolled back" if self.rolled_back else "released"

    def caption(self, index: int | None = None) -> str:
        if index is not None:
            phase = self.phases[index]
            return f"{phase.name}. {phase.note}"
        return f"{self.strategy} release of {self.new} (replacing {self.old}): {self.outcome} after " \
               f"{len(self.phases) - 1} phase(s)."

    def details(self) -> tuple[tuple[str, ...], ...]:
        return tuple((str(p.index), p.name, p.describe(), p.state,
                      "-" if p.observed_error_rate is None else f"{p.observed_error_rate:.1%}") for p in self.phases)

    _HEADINGS = ("#", "phase", "where it runs (traffic)", "state", "new version's errors")

    def __repr__(self) -> str:
        return f"<Rollout {self.caption()}>\n" + text_table(self._HEADINGS, self.details())

    def _repr_html_(self) -> str:
        return html_table(self._HEADINGS, self.details(), caption=self.caption())


class _Observer:
    """Decides what error rate the new version shows at a given traffic share."""

    def __init__(self, new_error_rate: ErrorRate | None, bad_version: bool, threshold: float,
                 requests_per_phase: int | None, seed: int) -> None:
        if new_error_rate is None:
            new_error_rate = BAD_VERSION_ERROR_RATE if bad_version else GOOD_VERSION_ERROR_RATE
        if not callable(new_error_rate):
            require_fraction("new_error_rate", new_error_rate)
        self.rate = new_error_rate
        self.threshold = require_fraction("threshold", threshold)
        if requests_per_phase is not None:
            require_int("requests_per_phase", requests_per_phase, minimum=1)
        self.requests = requests_per_phase
        self.rng = random.Random(seed)

    def observe(self, percent: float) -> float | None:
        if percent <= 0:
            return None
        rate = self.rate(percent) if callable(self.rate) else self.rate
        rate = require_fraction("new_error_rate(...)", rate)
        if self.requests is None:
            return rate
        seen = round(self.requests * percent / 100)
        if seen == 0:
            return None
        errors = sum(1 for _ in range(seen) if self.rng.random() < rate)
        return errors / seen

    def verdict(self, observed: float | None) -> tuple[bool, str]:
        """(unhealthy?, words)"""
        if observed is None:
            return False, "the new version had no traffic to judge it by"
        bad = observed > self.threshold
        words = f"new version's error rate {observed:.1%} ({'above' if bad else 'within'} the " \
                f"{self.threshold:.1%} threshold)"
        return bad, words


def _check_versions(old: str, new: str) -> None:
    if not (isinstance(old, str) and isinstance(new, str) and old and new) or old == new:
        raise C4ModelError(f"old and new versions must be two different names, got {old!r} and {new!r}",
                           hint='e.g. old="v1", new="v2"')


def rolling(replicas: int = 6, batch: int = 2, *, old: str = "v1", new: str = "v2", group: str = "production",
            new_error_rate: ErrorRate | None = None, bad_version: bool = False, threshold: float = 0.05,
            requests_per_phase: int | None = None, seed: int = 0) -> Rollout:
    """Replace ``batch`` replicas at a time; traffic follows the replicas that are up."""
    require_int("replicas", replicas, minimum=1)
    require_int("batch", batch, minimum=1, hint="batch is how many replicas are replaced at once, e.g. 2")
    if batch > replicas:
        raise C4ModelError(f"batch ({batch}) is larger than replicas ({replicas})",
                           hint="a batch can replace at most every replica at once")
    _check_versions(old, new)
    observer = _Observer(new_error_rate, bad_version, threshold, requests_per_phase, seed)
    batches = math.ceil(replicas / batch)
    phases = [Phase(0, "Start", (Placement(group, old, replicas), Placement(group, new, 0)),
                    (TrafficShare(group, old, 100.0), TrafficShare(group, new, 0.0)), "start", None,
                    f"All {replicas} replicas run {old}.")]
    for k in range(1, batches + 1):
        updated = min(k * batch, replicas)
        share = 100.0 * updated / replicas
        observed = observer.observe(share)
        bad, words = observer.verdict(observed)
        name = f"Batch {k} of {batches}"
        placements = (Placement(group, old, replicas - updated), Placement(group, new, updated))
        traffic = (TrafficShare(group, old, 100.0 - share), TrafficShare(group, new, share))
        state = "complete" if updated == replicas and not bad else "progressing"
        phases.append(Phase(k, name, placements, traffic, state, observed,
                            f"{updated} of {replicas} replicas run {new} and take {fmt(round(share, 1))} % of "
                            f"the traffic; {words}."))
        if bad:
            phases.append(Phase(k + 1, "Rolled back", (Placement(group, old, replicas), Placement(group, new, 0)),
                                (TrafficShare(group, old, 100.0), TrafficShare(group, new, 0.0)), "rolled back",
                                None, f"The new version's errors crossed the threshold, so every replica goes back to "
                                f"{old}."))
            break
    return Rollout("rolling", old, new, observer.threshold, tuple(phases))


def blue_green(replicas: int = 4, *, old: str = "v1", new: str = "v2", live: str = "blue", idle: str = "green",
               new_error_rate: ErrorRate | None = None, bad_version: bool = False, threshold: float = 0.05,
               requests_per_phase: int | None = None, seed: int = 0) -> Rollout:
    """Deploy the new version beside the live one, switch all traffic, switch back if it misbehaves."""
    require_int("replicas", replicas, minimum=1)
    _check_versions(old, new)
    if live == idle:
        raise C4ModelError("the two environments need different names", hint='live="blue", idle="green"')
    observer = _Observer(new_error_rate, bad_version, threshold, requests_per_phase, seed)

    def phase(i: int, name: str, idle_version: str, idle_replicas: int, to_idle: float, state: str,
              observed: float | None, note: str) -> Phase:
        return Phase(i, name, (Placement(live, old, replicas), Placement(idle, idle_version, idle_replicas)),
                     (TrafficShare(live, old, 100.0 - to_idle), TrafficShare(idle, idle_version, to_idle)),
                     state, observed, note)

    phases = [
        phase(0, f"{live.title()} live", new, 0, 0.0, "start", None,
              f"{live.title()} runs {old} on {replicas} replicas and takes all traffic; {idle} is empty."),
        phase(1, f"Deploy {idle}", new, replicas, 0.0, "progressing", None,
              f"{new} is installed on {replicas} {idle} replicas and smoke-tested; users still reach {live}."),
    ]
    observed = observer.observe(100.0)
    bad, words = observer.verdict(observed)
    phases.append(phase(2, f"Switch to {idle}", new, replicas, 100.0, "progressing" if bad else "complete", observed,
                        f"The router sends all traffic to {idle}; {words}. {live.title()} stays up for an instant "
                        "rollback."))
    if bad:
        phases.append(phase(3, f"Switch back to {live}", new, replicas, 0.0, "rolled back", None,
                            f"The router sends all traffic back to {live} ({old}) at once; {idle} keeps {new} for "
                            "the post-mortem but gets no traffic."))
    return Rollout("blue-green", old, new, observer.threshold, tuple(phases))


def canary(replicas: int = 4, steps: Iterable[float] = (10, 25, 50, 100), *, old: str = "v1", new: str = "v2",
           new_error_rate: ErrorRate | None = None, bad_version: bool = False, threshold: float = 0.05,
           requests_per_phase: int | None = None, seed: int = 0) -> Rollout:
    """Shift traffic to the new version step by step, rolling back at the first step that looks bad.

    The canary gets enough replicas for its share (at least one); the stable
    version keeps all of its replicas until the canary is promoted.
    """
    require_int("replicas", replicas, minimum=1)
    _check_versions(old, new)
    steps = tuple(steps)
    if not steps:
        raise C4ModelError("a canary needs traffic steps", hint="e.g. steps=(10, 25, 50, 100)")
    previous = 0.0
    for i, step in enumerate(steps):
        require_number(f"steps[{i}]", step, minimum=0, strict_minimum=True, maximum=100,
                       hint="each step is a percent of traffic between 0 (exclusive) and 100")
        if step <= previous:
            raise C4ModelError(f"canary steps must grow: {fmt(step)} % comes after {fmt(previous)} %",
                               hint="e.g. steps=(10, 25, 50, 100)")
        previous = step
    if steps[-1] != 100:
        raise C4ModelError(f"the last canary step is {fmt(steps[-1])} %, so the new version would never take over",
                           hint="end the steps with 100")
    observer = _Observer(new_error_rate, bad_version, threshold, requests_per_phase, seed)
    phases = [Phase(0, "Stable", (Placement("stable", old, replicas), Placement("canary", new, 0)),
                    (TrafficShare("stable", old, 100.0), TrafficShare("canary", new, 0.0)), "start", None,
                    f"{old} runs on {replicas} replicas and takes all traffic.")]
    for k, percent in enumerate(steps, start=1):
        canaries = max(1, math.ceil(replicas * percent / 100))
        observed = observer.observe(percent)
        bad, words = observer.verdict(observed)
        phases.append(Phase(k, f"Canary {fmt(percent)} %",
                            (Placement("stable", old, replicas), Placement("canary", new, canaries)),
                            (TrafficShare("stable", old, 100.0 - percent), TrafficShare("canary", new, percent)),
                            "progressing", observed,
                            f"Step {k} of {len(steps)}: {fmt(percent)} % of traffic goes to {new} on {canaries} "
                            f"canary replica(s); {words}."))
        if bad:
            phases.append(Phase(k + 1, "Rolled back", (Placement("stable", old, replicas),
                                                       Placement("canary", new, 0)),
                                (TrafficShare("stable", old, 100.0), TrafficShare("canary", new, 0.0)),
                                "rolled back", None,
                                f"Automated rollback: all traffic returns to {old} and the canary is removed; only "
                                f"the {fmt(percent)} % of users on the canary saw the errors."))
            break
    else:
        phases.append(Phase(len(phases), "Promoted", (Placement("stable", new, replicas),
                                                      Placement("canary", new, 0)),
                            (TrafficShare("stable", new, 100.0), TrafficShare("canary", new, 0.0)), "complete", None,
                            f"{new} becomes the stable version on {replicas} replicas; {old} is retired."))
    return Rollout("canary", old, new, observer.threshold, tuple(phases))


STRATEGIES: dict[str, Callable[..., Rollout]] = {"rolling": rolling, "blue-green": blue_green, "canary": canary}


def rollout(strategy: str, **options: Any) -> Rollout:
    """``rollout("canary", bad_version=True)``: the strategy by name, for a strategy switcher."""
    key = strategy.strip().lower().replace("_", "-").replace(" ", "-")
    if key == "bluegreen":
        key = "blue-green"
    if key not in STRATEGIES:
        raise C4ModelError(f"unknown deployment strategy {strategy!r}", hint=f"use one of: {', '.join(STRATEGIES)}")
    return STRATEGIES[key](**options)
