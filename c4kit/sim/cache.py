"""Cache tiers in front of an origin: what each tier saves, and what happens when one is down.

A deliberately simple steady-state model, so a learner can check it by hand:

* Requests arrive at ``rate`` per second and try the tiers in order (say a
  CDN, then Redis).  A tier that is **up** answers a fraction ``hit_ratio``
  of the requests that reach it and passes the rest on; every request that
  reaches it pays its ``latency_ms`` (a lookup, hit or miss).
* A tier that is **down** is skipped: its requests go straight on to the next
  tier, paying only ``down_penalty_ms`` (a fast-failing connection attempt;
  0 by default).
* The **origin** (the database, the backend) serves what is left.  Its
  utilisation is ``load / capacity``; its latency grows with the queue in
  front of it as ``latency_ms / (1 - utilisation)`` (the M/M/1 rule of
  thumb) and it is *overloaded* at a utilisation of 1 or more: requests time
  out, and the mean latency is unbounded.
* The origin is healthy below ``degraded_at`` utilisation (0.7), degraded
  from there up to 1, and down (overloaded) beyond.

The mean latency is the sum over tiers of (share of requests reaching the
tier) x (its latency), plus the origin's share times the origin's latency.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from c4kit.errors import C4ModelError
from c4kit.sim._common import Status, alias_of, fmt, html_table, name_of, require_fraction, require_number, text_table


@dataclass(frozen=True)
class CacheTier:
    """One cache in the path: who it is (an element or alias), its lookup latency, and its own hit ratio.

    ``hit_ratio=None`` takes the ratio the simulation is run with.
    """

    alias: str
    name: str
    latency_ms: float
    hit_ratio: float | None = None

    def __init__(self, element: Any, latency_ms: float = 1.0, *, hit_ratio: float | None = None,
                 name: str = "") -> None:
        object.__setattr__(self, "alias", alias_of(element))
        object.__setattr__(self, "name", name or name_of(element))
        object.__setattr__(self, "latency_ms", require_number("latency_ms", latency_ms, minimum=0))
        object.__setattr__(self, "hit_ratio", None if hit_ratio is None else require_fraction("hit_ratio", hit_ratio))


@dataclass(frozen=True)
class Origin:
    """What the caches protect: its latency when idle and the requests per second it can take."""

    alias: str
    name: str
    latency_ms: float
    capacity: float
    degraded_at: float = 0.7

    def __init__(self, element: Any, latency_ms: float = 20.0, capacity: float = 500.0, *,
                 degraded_at: float = 0.7, name: str = "") -> None:
        object.__setattr__(self, "alias", alias_of(element))
        object.__setattr__(self, "name", name or name_of(element))
        object.__setattr__(self, "latency_ms", require_number("latency_ms", latency_ms, minimum=0))
        object.__setattr__(self, "capacity", require_number("capacity", capacity, minimum=0, strict_minimum=True,
                                                            hint="capacity is requests per second, e.g. 500"))
        object.__setattr__(self, "degraded_at", require_fraction("degraded_at", degraded_at))


@dataclass(frozen=True)
class TierOutcome:
    """One tier in one scenario: its requests per second in and served, and the share of all requests."""

    alias: str
    name: str
    up: bool
    reaching: float
    served: float
    hit_ratio: float


@dataclass(frozen=True)
class CacheResult:
    """The steady state of one scenario (which tiers are down, which hit ratio)."""

    rate: float
    tiers: tuple[TierOutcome, ...]
    origin: Origin
    origin_load: float
    utilisation: float
    origin_status: Status
    #: Mean latency in ms; ``math.inf`` when the origin is overloaded.
    mean_latency_ms: float

    @property
    def overloaded(self) -> bool:
        return self.utilisation >= 1

    def caption(self) -> str:
        down = [t.name for t in self.tiers if not t.up]
        which = f"{', '.join(down)} down" if down else "Every cache tier up"
        latency = "unbounded: requests time out" if math.isinf(self.mean_latency_ms) else \
            f"{fmt(round(self.mean_latency_ms, 1))} ms"
        return (f"{which}: {self.origin.name} takes "
                f"{fmt(round(self.origin_load, 1))} req/s ({self.utilisation:.0%} of its capacity, "
                f"{self.origin_status}); mean latency {latency}.")

    def details(self) -> tuple[tuple[str, ...], ...]:
        rows = [(t.name, "up" if t.up else "down", fmt(round(t.reaching, 1)), fmt(round(t.served, 1)),
                 f"{t.hit_ratio:.0%}" if t.up else "-") for t in self.tiers]
        rows.append((self.origin.name, str(self.origin_status), fmt(round(self.origin_load, 1)),
                     fmt(round(self.origin_load, 1)), f"{self.utilisation:.0%} of capacity"))
        return tuple(rows)

    HEADINGS = ("where", "state", "req/s reaching it", "req/s it answers", "hit ratio / load")

    def __repr__(self) -> str:
        return f"<CacheResult {self.caption()}>\n" + text_table(self.HEADINGS, self.details())

    def _repr_html_(self) -> str:
        return html_table(self.HEADINGS, self.details(), caption=self.caption())


def simulate_cache(tiers: Sequence[CacheTier], origin: Origin, *, rate: float, hit_ratio: float = 0.9,
                   down: Iterable[Any] = (), down_penalty_ms: float = 0.0) -> CacheResult:
    """Requests per second and latency at every tier and at the origin (see the module docstring)."""
    require_number("rate", rate, minimum=0, hint="rate is requests per second, e.g. 1000")
    default_ratio = require_fraction("hit_ratio", hit_ratio)
    require_number("down_penalty_ms", down_penalty_ms, minimum=0)
    known = {t.alias for t in tiers}
    if len(known) != len(tiers):
        raise C4ModelError("two cache tiers stand for the same element", hint="list each tier once")
    broken = {alias_of(d) for d in down}
    unknown = broken - known
    if unknown:
        raise C4ModelError(f"down names {', '.join(sorted(unknown))}, which {'is' if len(unknown) == 1 else 'are'} "
                           "not a cache tier", hint=f"tiers: {', '.join(t.alias for t in tiers)}")
    flow = float(rate)
    latency = 0.0
    outcomes = []
    for tier in tiers:
        share = flow / rate if rate else 0.0
        if tier.alias in broken:
            outcomes.append(TierOutcome(tier.alias, tier.name, False, flow, 0.0, 0.0))
            latency += share * down_penalty_ms
            continue
        ratio = default_ratio if tier.hit_ratio is None else tier.hit_ratio
        latency += share * tier.latency_ms
        served = flow * ratio
        outcomes.append(TierOutcome(tier.alias, tier.name, True, flow, served, ratio))
        flow -= served
    utilisation = flow / origin.capacity
    if utilisation >= 1:
        status, mean = Status.DOWN, math.inf
    else:
        status = Status.DEGRADED if utilisation >= origin.degraded_at else Status.HEALTHY
        share = flow / rate if rate else 0.0
        mean = latency + share * origin.latency_ms / (1 - utilisation)
    return CacheResult(float(rate), tuple(outcomes), origin, flow, utilisation, status, mean)


__all__ = ["CacheResult", "CacheTier", "Origin", "TierOutcome", "simulate_cache"]
