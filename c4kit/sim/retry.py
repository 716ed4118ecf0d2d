"""Retries with exponential backoff, and the dead-letter queue behind them.

A consumer that fails to process a message tries again after a pause that
grows each time (1 s, 2 s, 4 s by default): a brief hiccup of the downstream
service is ridden out, and a struggling one is not hammered.  After
``max_retries`` retries the message is parked in the dead-letter queue (DLQ),
so one poison message cannot block the queue forever and a person can look at
it later.

:class:`Backoff` is also used by the rate-limit client (:mod:`c4kit.sim.ratelimit`).
Jitter, when asked for, is drawn from ``random.Random(seed)``, so a schedule
with jitter is still the same on every run.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from c4kit.errors import C4ModelError
from c4kit.sim._common import (
    check_windows,
    fmt,
    html_table,
    in_windows,
    require_fraction,
    require_int,
    require_number,
    text_table,
)

Jitter = Literal["none", "full", "equal"]


@dataclass(frozen=True)
class Backoff:
    """Delay before retry *n* = ``base * factor ** (n - 1)``, capped at ``max_delay``.

    ``jitter="full"`` draws the delay uniformly in ``[0, d]``; ``"equal"`` in
    ``[d/2, d]``.  Jitter spreads the retries of many clients so that they do
    not all come back at the same instant (the "thundering herd").
    """

    base: float = 1.0
    factor: float = 2.0
    max_delay: float | None = None
    jitter: Jitter = "none"
    seed: int = 0

    def __post_init__(self) -> None:
        require_number("base", self.base, minimum=0, strict_minimum=True, hint="base is the first delay in seconds")
        require_number("factor", self.factor, minimum=1, hint="factor 2 doubles the delay each time; 1 keeps it")
        if self.max_delay is not None:
            require_number("max_delay", self.max_delay, minimum=0, strict_minimum=True)
        if self.jitter not in ("none", "full", "equal"):
            raise C4ModelError(f"unknown jitter {self.jitter!r}", hint="use 'none', 'full' or 'equal'")

    def nominal(self, retry: int) -> float:
        """The delay before retry ``retry`` (1-based) without jitter."""
        require_int("retry", retry, minimum=1)
        delay = self.base * self.factor ** (retry - 1)
        return min(delay, self.max_delay) if self.max_delay is not None else delay

    def delay(self, retry: int, rng: random.Random | None = None) -> float:
        """The delay before retry ``retry``, with jitter drawn from ``rng``."""
        delay = self.nominal(retry)
        if self.jitter == "none":
            return delay
        rng = rng or random.Random(self.seed)
        if self.jitter == "full":
            return rng.uniform(0, delay)
        return delay / 2 + rng.uniform(0, delay / 2)

    def schedule(self, retries: int) -> tuple[float, ...]:
        """The delays before retries 1..``retries``: ``Backoff().schedule(3) == (1.0, 2.0, 4.0)``."""
        require_int("retries", retries, minimum=0)
        rng = random.Random(self.seed)
        return tuple(self.delay(n, rng) for n in range(1, retries + 1))


@dataclass(frozen=True)
class RetryPolicy:
    """How often to retry (``max_retries``, so ``max_retries + 1`` attempts) and how long to wait."""

    max_retries: int = 3
    backoff: Backoff = field(default_factory=Backoff)

    def __post_init__(self) -> None:
        require_int("max_retries", self.max_retries, minimum=0,
                    hint="max_retries counts retries after the first attempt; 3 gives 4 attempts")


@dataclass(frozen=True)
class Attempt:
    """One processing attempt of one message: a frame of the simulation."""

    message: str
    number: int
    time: float
    success: bool
    #: "delivered", "retry" (another attempt is scheduled) or "dead-lettered".
    outcome: str
    next_time: float | None = None
    note: str = ""


@dataclass(frozen=True)
class RetryRun:
    """Every attempt, in time order, and where each message ended up."""

    policy: RetryPolicy
    attempts: tuple[Attempt, ...]
    delivered: tuple[str, ...]
    dead_lettered: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.attempts)

    @property
    def frames(self) -> tuple[Attempt, ...]:
        return self.attempts

    def of(self, message: str) -> tuple[Attempt, ...]:
        """The attempts of one message."""
        found = tuple(a for a in self.attempts if a.message == message)
        if not found:
            raise C4ModelError(f"no message {message!r} in this run",
                               hint=f"messages: {', '.join(dict.fromkeys(a.message for a in self.attempts))}")
        return found

    def caption(self, index: int | None = None) -> str:
        if index is None:
            return (f"{len(self.attempts)} attempts: {len(self.delivered)} message(s) delivered, "
                    f"{len(self.dead_lettered)} sent to the dead-letter queue.")
        return self.attempts[index].note

    def details(self) -> tuple[tuple[str, ...], ...]:
        return tuple((fmt(a.time), a.message, str(a.number), "ok" if a.success else "failed", a.outcome,
                      "-" if a.next_time is None else fmt(a.next_time)) for a in self.attempts)

    _HEADINGS = ("t (s)", "message", "attempt", "result", "outcome", "next attempt at")

    def __repr__(self) -> str:
        return f"<RetryRun {self.caption()}>\n" + text_table(self._HEADINGS, self.details())

    def _repr_html_(self) -> str:
        return html_table(self._HEADINGS, self.details(), caption=self.caption())


def _messages(messages: int | Iterable[Any]) -> list[tuple[str, float]]:
    if isinstance(messages, int) and not isinstance(messages, bool):
        require_int("messages", messages, minimum=1)
        return [(f"m{i + 1}", float(i)) for i in range(messages)]
    out: list[tuple[str, float]] = []
    for item in messages:
        if isinstance(item, str):
            out.append((item, 0.0))
        elif isinstance(item, (tuple, list)) and len(item) == 2 and isinstance(item[0], str):
            out.append((item[0], require_number(f"arrival of {item[0]}", item[1])))
        else:
            raise C4ModelError(f"message {item!r} is neither an id nor an (id, arrival time) pair",
                               hint='pass a count, ["order-1", "order-2"] or [("order-1", 0.0), ("order-2", 3.5)]')
    if not out:
        raise C4ModelError("there are no messages to process", hint="pass at least one message (or a count)")
    ids = [m for m, _ in out]
    if len(set(ids)) != len(ids):
        raise C4ModelError("two messages have the same id", hint="give every message its own id")
    return out


def simulate_retries(messages: int | Iterable[Any] = 1, policy: RetryPolicy | None = None, *,
                     outages: Iterable[tuple[float, float]] = (), poison: Iterable[str] = (),
                     fails_first: int = 0, error_rate: float = 0.0, seed: int = 0) -> RetryRun:
    """Process messages against a flaky downstream service, retrying with backoff.

    An attempt fails when its message is in ``poison`` (it always fails), when
    it is one of the message's first ``fails_first`` attempts (a transient
    fault), when it falls in an ``outages`` window, or with probability
    ``error_rate`` (drawn from ``random.Random(seed)`` in time order).

    ``messages``: a count (``m1``, ``m2``... arriving one second apart), ids
    (all arriving at t=0) or ``(id, arrival time)`` pairs.
    """
    policy = policy or RetryPolicy()
    arrivals = _messages(messages)
    windows = check_windows("outages", outages)
    poisoned = set(poison)
    unknown = poisoned - {m for m, _ in arrivals}
    if unknown:
        raise C4ModelError(f"poison names unknown message(s): {', '.join(sorted(unknown))}",
                           hint="use the ids of the messages you pass")
    require_int("fails_first", fails_first, minimum=0)
    require_fraction("error_rate", error_rate)
    rng = random.Random(seed)
    jitter_rng = random.Random(policy.backoff.seed)
    queue = [(time, seq, message, 1) for seq, (message, time) in enumerate(arrivals)]
    heapq.heapify(queue)
    seq = len(queue)
    attempts: list[Attempt] = []
    delivered: list[str] = []
    dead: list[str] = []
    while queue:
        time, _, message, number = heapq.heappop(queue)
        cause = ("it is a poison message" if message in poisoned
                 else f"transient fault {number} of {fails_first}" if number <= fails_first
                 else "the downstream service is in an outage" if in_windows(time, windows)
                 else "a random error" if rng.random() < error_rate else "")
        prefix = f"t={fmt(time)} s: {message} attempt {number}"
        if not cause:
            attempts.append(Attempt(message, number, time, True, "delivered", None, f"{prefix} succeeds."))
            delivered.append(message)
        elif number > policy.max_retries:
            attempts.append(Attempt(message, number, time, False, "dead-lettered", None,
                                    f"{prefix} fails ({cause}); after {policy.max_retries} retries it goes to "
                                    "the dead-letter queue."))
            dead.append(message)
        else:
            wait = policy.backoff.delay(number, jitter_rng)
            attempts.append(Attempt(message, number, time, False, "retry", time + wait,
                                    f"{prefix} fails ({cause}); retry {number} in {fmt(wait)} s."))
            heapq.heappush(queue, (time + wait, seq, message, number + 1))
            seq += 1
    return RetryRun(policy, tuple(attempts), tuple(delivered), tuple(dead))
