"""Circuit breaker: closed, open, half-open, driven by a stream of calls.

The breaker watches the last ``window_size`` calls that reached the
dependency.  Once it has seen at least ``minimum_calls`` of them and the share
that failed reaches ``failure_rate_threshold``, it *opens*: for
``open_timeout`` seconds no call reaches the dependency; each is answered at
once by the fallback (or rejected, without one).  That is the point of the
pattern: a dead dependency costs the caller nothing, and the dependency gets
room to recover.  When the timeout has passed the breaker is *half-open*: the
next ``half_open_calls`` calls are let through as trials.  One failed trial
opens it again (and the timeout starts over); when every trial succeeds it
closes, with an empty window.

The stream is a list (or generator) of ``(time, success)`` pairs, or of
:class:`Call`; ``success`` says whether the dependency *would* answer that
call.  :func:`calls_with_outage` builds one.  Each call gives one frame.
"""

from __future__ import annotations

import enum
import itertools
import random
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

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


class BreakerState(str, enum.Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half-open"

    def __str__(self) -> str:
        return self.value


class CallOutcome(str, enum.Enum):
    """What happened to one call: it reached the dependency, or the breaker answered it."""

    PASSED = "passed"
    SHORT_CIRCUITED = "short-circuited"
    FALLBACK = "fallback"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class BreakerConfig:
    """The breaker's settings (defaults follow common library defaults, scaled down to be watchable)."""

    failure_rate_threshold: float = 0.5
    window_size: int = 10
    minimum_calls: int = 5
    open_timeout: float = 10.0
    half_open_calls: int = 3
    #: With a fallback, short-circuited calls get a cached/default answer instead of an error.
    fallback: bool = True

    def __post_init__(self) -> None:
        require_fraction("failure_rate_threshold", self.failure_rate_threshold)
        if self.failure_rate_threshold == 0:
            raise C4ModelError("failure_rate_threshold must be above 0",
                               hint="0 would open the breaker on a perfectly healthy dependency; try 0.5")
        require_int("window_size", self.window_size, minimum=1)
        require_int("minimum_calls", self.minimum_calls, minimum=1)
        if self.minimum_calls > self.window_size:
            raise C4ModelError(f"minimum_calls ({self.minimum_calls}) is larger than window_size "
                               f"({self.window_size}), so the breaker could never open",
                               hint="make minimum_calls at most window_size")
        require_number("open_timeout", self.open_timeout, minimum=0, strict_minimum=True,
                       hint="open_timeout is how many seconds the breaker stays open, e.g. 10")
        require_int("half_open_calls", self.half_open_calls, minimum=1)


@dataclass(frozen=True)
class Call:
    """One request: when it arrives and whether the dependency would answer it."""

    time: float
    success: bool


@dataclass(frozen=True)
class BreakerCall:
    """One call as the breaker handled it: a frame of the simulation."""

    index: int
    time: float
    #: The state the call found (after any timed open -> half-open change).
    state: BreakerState
    outcome: CallOutcome
    #: The dependency's answer; ``None`` when the breaker did not let the call through.
    success: bool | None
    #: The sliding window after this call (True = success), oldest first.
    window: tuple[bool, ...]
    failure_rate: float | None
    state_after: BreakerState
    note: str

    @property
    def label(self) -> str:
        """A short label for an arrow: ``"#7 passed, failed"`` / ``"#9 fallback"``."""
        result = "" if self.success is None else (", ok" if self.success else ", failed")
        return f"#{self.index + 1} {self.outcome.value}{result}"


@dataclass(frozen=True)
class Transition:
    time: float
    source: BreakerState
    target: BreakerState
    reason: str


@dataclass(frozen=True)
class BreakerRun:
    """The timeline of one stream through one breaker."""

    config: BreakerConfig
    calls: tuple[BreakerCall, ...]
    transitions: tuple[Transition, ...]

    def __len__(self) -> int:
        return len(self.calls)

    def __getitem__(self, index: int) -> BreakerCall:
        return self.calls[index]

    @property
    def frames(self) -> tuple[BreakerCall, ...]:
        """One frame per call, in order."""
        return self.calls

    def state_at(self, time: float) -> BreakerState:
        """The state at ``time`` (a transition at exactly ``time`` has happened)."""
        state = BreakerState.CLOSED
        for transition in self.transitions:
            if transition.time > time:
                break
            state = transition.target
        return state

    def count(self, outcome: CallOutcome | str) -> int:
        outcome = CallOutcome(outcome)
        return sum(1 for c in self.calls if c.outcome is outcome)

    def caption(self, index: int | None = None) -> str:
        if index is None:
            return (f"{len(self.calls)} calls: {self.count('passed')} passed, "
                    f"{self.count('fallback') + self.count('short-circuited')} answered by the breaker; "
                    f"{len(self.transitions)} state changes.")
        call = self.calls[index]
        return f"t={fmt(call.time)} s, breaker {call.state.value}: call {call.label}. {call.note}"

    def details(self) -> tuple[tuple[str, ...], ...]:
        return tuple((fmt(c.time), c.state.value, c.outcome.value,
                      "-" if c.success is None else ("ok" if c.success else "failed"),
                      "-" if c.failure_rate is None else f"{c.failure_rate:.0%}", c.note) for c in self.calls)

    _HEADINGS = ("t (s)", "state", "outcome", "result", "failure rate", "what happened")

    def __repr__(self) -> str:
        return f"<BreakerRun {self.caption()}>\n" + text_table(self._HEADINGS, self.details())

    def _repr_html_(self) -> str:
        return html_table(self._HEADINGS, self.details(), caption=self.caption())


def _stream(calls: Iterable[Any], limit: int) -> list[Call]:
    out: list[Call] = []
    previous = float("-inf")
    for i, item in enumerate(itertools.islice(calls, limit + 1)):
        if i == limit:
            raise C4ModelError(f"the request stream has more than {limit} calls",
                               hint="pass limit=... or cut an endless generator with itertools.islice")
        if isinstance(item, Call):
            call = item
        elif isinstance(item, bool):
            call = Call(float(i), item)
        elif isinstance(item, (tuple, list)) and len(item) == 2 and isinstance(item[1], bool):
            call = Call(require_number(f"call {i} time", item[0]), item[1])
        else:
            raise C4ModelError(f"call {i} of the stream is {item!r}",
                               hint="give (time, success) pairs such as (3.0, False), Call objects or booleans")
        if call.time < previous:
            raise C4ModelError(f"call {i} at t={call.time:g} comes before the previous call (t={previous:g})",
                               hint="the stream must be in time order")
        previous = call.time
        out.append(call)
    return out


def simulate_breaker(calls: Iterable[Any], config: BreakerConfig | None = None, *,
                     limit: int = 100_000) -> BreakerRun:
    """Feed a request stream through a circuit breaker and record every decision."""
    config = config or BreakerConfig()
    stream = _stream(calls, limit)
    state = BreakerState.CLOSED
    window: deque[bool] = deque(maxlen=config.window_size)
    opened_at = 0.0
    trials_ok = 0
    out: list[BreakerCall] = []
    transitions: list[Transition] = []

    def move(time: float, target: BreakerState, reason: str) -> None:
        nonlocal state
        transitions.append(Transition(time, state, target, reason))
        state = target

    for i, call in enumerate(stream):
        if state is BreakerState.OPEN and call.time >= opened_at + config.open_timeout:
            move(opened_at + config.open_timeout, BreakerState.HALF_OPEN,
                 f"the open timeout of {fmt(config.open_timeout)} s has passed")
            trials_ok = 0
        found = state
        if state is BreakerState.OPEN:
            outcome = CallOutcome.FALLBACK if config.fallback else CallOutcome.SHORT_CIRCUITED
            answer = "the fallback answers" if config.fallback else "it is rejected at once"
            reopens = opened_at + config.open_timeout
            out.append(BreakerCall(i, call.time, found, outcome, None, tuple(window), _rate(window, config),
                                   state, f"Open: the call does not reach the dependency; {answer} "
                                          f"(trial calls from t={fmt(reopens)} s)."))
            continue
        if state is BreakerState.HALF_OPEN:
            if call.success:
                trials_ok += 1
                if trials_ok >= config.half_open_calls:
                    window.clear()
                    move(call.time, BreakerState.CLOSED, f"{trials_ok} trial call(s) succeeded")
                    note = f"Trial call {trials_ok} of {config.half_open_calls} succeeded: the breaker closes."
                else:
                    note = f"Trial call {trials_ok} of {config.half_open_calls} succeeded."
            else:
                opened_at = call.time
                move(call.time, BreakerState.OPEN, "a trial call failed")
                note = "The trial call failed: the breaker opens again and the timeout starts over."
            out.append(BreakerCall(i, call.time, found, CallOutcome.PASSED, call.success, tuple(window),
                                   _rate(window, config), state, note))
            continue
        window.append(call.success)
        rate = _rate(window, config)
        note = "Closed: the call reaches the dependency" + (" and succeeds." if call.success else " and fails.")
        if rate is not None and rate >= config.failure_rate_threshold:
            opened_at = call.time
            move(call.time, BreakerState.OPEN,
                 f"{rate:.0%} of the last {len(window)} calls failed (threshold {config.failure_rate_threshold:.0%})")
            note += f" {rate:.0%} of the last {len(window)} calls failed: the breaker opens."
        out.append(BreakerCall(i, call.time, found, CallOutcome.PASSED, call.success, tuple(window), rate, state,
                               note))
    return BreakerRun(config, tuple(out), tuple(transitions))


def _rate(window: deque[bool], config: BreakerConfig) -> float | None:
    if len(window) < config.minimum_calls:
        return None
    return sum(1 for ok in window if not ok) / len(window)


def calls_with_outage(count: int = 40, *, interval: float = 1.0, outages: Iterable[tuple[float, float]] = ((10, 25),),
                      error_rate: float = 0.0, seed: int = 0, start: float = 0.0) -> tuple[Call, ...]:
    """A steady stream of ``count`` calls, ``interval`` seconds apart.

    Calls fail inside the ``outages`` windows (``[start, end)`` in seconds) and,
    outside them, with probability ``error_rate`` drawn from ``random.Random(seed)``:
    the same arguments always give the same stream.
    """
    require_int("count", count, minimum=0)
    require_number("interval", interval, minimum=0, strict_minimum=True)
    require_fraction("error_rate", error_rate)
    windows = check_windows("outages", outages)
    rng = random.Random(seed)
    calls = []
    for i in range(count):
        time = start + i * interval
        noise = rng.random() < error_rate
        calls.append(Call(time, not (in_windows(time, windows) or noise)))
    return tuple(calls)
