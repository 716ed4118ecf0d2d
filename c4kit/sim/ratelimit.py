"""Rate limiting with a token bucket, and a client that backs off on "429 Too Many Requests".

The bucket holds at most ``capacity`` tokens and gains ``refill_rate`` tokens
per second.  Each request takes one token; with none left it is rejected
with status 429 and told how long until the next token (``Retry-After``).
A burst of up to ``capacity`` requests is therefore fine, while the long-run
rate is capped at ``refill_rate``.

The client retries a rejected request after an exponential backoff (2 s,
4 s, 8 s... with the default :class:`~c4kit.sim.retry.Backoff` of base 2) and
gives up after ``max_retries``.  A client that retried at once would only
burn the tokens others are waiting for: the "retry storm" that backoff is
there to prevent.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from c4kit.errors import C4ModelError
from c4kit.sim._common import EPSILON, fmt, html_table, require_int, require_number, text_table
from c4kit.sim.retry import Backoff


@dataclass(frozen=True)
class TokenBucket:
    """``capacity`` tokens at most, ``refill_rate`` new tokens per second; starts with ``initial`` (full)."""

    capacity: float = 10.0
    refill_rate: float = 1.0
    initial: float | None = None

    def __post_init__(self) -> None:
        require_number("capacity", self.capacity, minimum=1,
                       hint="capacity is the largest burst the bucket allows; it needs at least 1 token")
        require_number("refill_rate", self.refill_rate, minimum=0, strict_minimum=True,
                       hint="refill_rate is tokens per second, e.g. 10/60 for 10 requests a minute")
        if self.initial is not None:
            require_number("initial", self.initial, minimum=0, maximum=self.capacity)

    @property
    def start(self) -> float:
        return self.capacity if self.initial is None else float(self.initial)


@dataclass(frozen=True)
class RateEvent:
    """One request attempt reaching the limiter: a frame."""

    time: float
    request: str
    attempt: int
    accepted: bool
    #: Tokens left after this attempt (never above capacity, never below 0).
    tokens: float
    #: Seconds until the next token (the ``Retry-After`` of a 429); 0 when accepted.
    retry_after: float
    next_time: float | None
    note: str


@dataclass(frozen=True)
class RateLimitRun:
    """Every attempt in time order, and which requests got through."""

    bucket: TokenBucket
    events: tuple[RateEvent, ...]
    accepted: tuple[str, ...]
    gave_up: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.events)

    @property
    def frames(self) -> tuple[RateEvent, ...]:
        return self.events

    @property
    def rejections(self) -> int:
        return sum(1 for e in self.events if not e.accepted)

    def caption(self, index: int | None = None) -> str:
        if index is not None:
            return self.events[index].note
        return (f"{len(self.accepted)} request(s) served, {len(self.gave_up)} given up; "
                f"{self.rejections} attempt(s) answered with 429.")

    def details(self) -> tuple[tuple[str, ...], ...]:
        return tuple((fmt(round(e.time, 3)), e.request, str(e.attempt), "accepted" if e.accepted else "429",
                      fmt(round(e.tokens, 2)), "-" if e.next_time is None else fmt(round(e.next_time, 3)))
                     for e in self.events)

    _HEADINGS = ("t (s)", "request", "attempt", "answer", "tokens left", "retry at")

    def __repr__(self) -> str:
        return f"<RateLimitRun {self.caption()}>\n" + text_table(self._HEADINGS, self.details())

    def _repr_html_(self) -> str:
        return html_table(self._HEADINGS, self.details(), caption=self.caption())


def steady(rate: float, duration: float, *, start: float = 0.0) -> tuple[float, ...]:
    """Arrival times of ``rate`` requests per second for ``duration`` seconds."""
    require_number("rate", rate, minimum=0, strict_minimum=True)
    require_number("duration", duration, minimum=0)
    count = int(rate * duration + EPSILON)
    return tuple(start + i / rate for i in range(count))


def burst(count: int, *, at: float = 0.0, spacing: float = 0.0) -> tuple[float, ...]:
    """``count`` requests at once (or ``spacing`` seconds apart) starting at ``at``."""
    require_int("count", count, minimum=0)
    require_number("spacing", spacing, minimum=0)
    return tuple(at + i * spacing for i in range(count))


def _requests(requests: int | Iterable[Any]) -> list[tuple[str, float]]:
    if isinstance(requests, int) and not isinstance(requests, bool):
        return [(f"r{i + 1}", 0.0) for i in range(require_int("requests", requests, minimum=0))]
    out: list[tuple[str, float]] = []
    for i, item in enumerate(requests):
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            out.append((f"r{i + 1}", require_number(f"request {i + 1} time", item)))
        elif isinstance(item, (tuple, list)) and len(item) == 2 and isinstance(item[0], str):
            out.append((item[0], require_number(f"time of {item[0]}", item[1])))
        else:
            raise C4ModelError(f"request {item!r} is neither an arrival time nor an (id, time) pair",
                               hint="pass a count, arrival times such as steady(5, 10), or [('r1', 0.0), ...]")
    if len({r for r, _ in out}) != len(out):
        raise C4ModelError("two requests have the same id", hint="give every request its own id")
    return out


def simulate_rate_limit(requests: int | Iterable[Any], bucket: TokenBucket | None = None, *,
                        backoff: Backoff | None = None,
                        max_retries: int = 3, honor_retry_after: bool = False) -> RateLimitRun:
    """Send ``requests`` through a token bucket; rejected ones are retried with exponential backoff.

    ``requests``: a count (all at t=0), arrival times, or ``(id, time)``
    pairs.  ``backoff=None`` uses ``Backoff(base=2)`` (2 s, 4 s, 8 s);
    ``max_retries=0`` makes a client that never retries.  With
    ``honor_retry_after`` the client waits at least the ``Retry-After`` the
    limiter sent.
    """
    bucket = bucket or TokenBucket()
    if backoff is None:
        backoff = Backoff(base=2.0)
    elif not isinstance(backoff, Backoff):
        raise C4ModelError(f"backoff must be a Backoff, got {backoff!r}", hint="e.g. backoff=Backoff(base=2)")
    require_int("max_retries", max_retries, minimum=0)
    arrivals = _requests(requests)
    queue = [(time, seq, rid, 1) for seq, (rid, time) in enumerate(arrivals)]
    heapq.heapify(queue)
    seq = len(queue)
    rng = random.Random(backoff.seed)
    tokens, last = bucket.start, min((t for t, *_ in queue), default=0.0)
    events: list[RateEvent] = []
    accepted: list[str] = []
    gave_up: list[str] = []
    while queue:
        time, _, rid, attempt = heapq.heappop(queue)
        tokens = min(bucket.capacity, tokens + (time - last) * bucket.refill_rate)
        last = time
        label = f"t={fmt(round(time, 3))} s: {rid}" + (f" (retry {attempt - 1})" if attempt > 1 else "")
        if tokens >= 1 - EPSILON:
            tokens = max(0.0, tokens - 1)
            events.append(RateEvent(time, rid, attempt, True, tokens, 0.0, None,
                                    f"{label} takes a token and is served; {fmt(round(tokens, 2))} left."))
            accepted.append(rid)
            continue
        retry_after = (1 - tokens) / bucket.refill_rate
        if attempt > max_retries:
            events.append(RateEvent(time, rid, attempt, False, tokens, retry_after, None,
                                    f"{label} gets 429 Too Many Requests; the client gives up after "
                                    f"{max_retries} retries."))
            gave_up.append(rid)
            continue
        wait = backoff.delay(attempt, rng)
        if honor_retry_after:
            wait = max(wait, retry_after)
        events.append(RateEvent(time, rid, attempt, False, tokens, retry_after, time + wait,
                                f"{label} gets 429 Too Many Requests (Retry-After {fmt(round(retry_after, 2))} s); "
                                f"the client waits {fmt(round(wait, 3))} s."))
        heapq.heappush(queue, (time + wait, seq, rid, attempt + 1))
        seq += 1
    return RateLimitRun(bucket, tuple(events), tuple(accepted), tuple(gave_up))
