"""Circuit breaker: thresholds, the open timeout, half-open trials, and a property over random streams."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from c4kit.errors import C4ModelError
from c4kit.sim import BreakerConfig, BreakerState, Call, CallOutcome, calls_with_outage, simulate_breaker

CLOSED, OPEN, HALF = BreakerState.CLOSED, BreakerState.OPEN, BreakerState.HALF_OPEN


def test_opens_at_the_threshold_but_not_before_the_minimum_number_of_calls():
    config = BreakerConfig(failure_rate_threshold=0.5, window_size=4, minimum_calls=4, open_timeout=5)
    run = simulate_breaker([(0, False), (1, False), (2, False), (3, True), (4, True)], config)
    assert [c.state_after for c in run.calls] == [CLOSED, CLOSED, CLOSED, OPEN, OPEN]
    assert run.calls[2].failure_rate is None  # three calls are not enough to judge
    assert run.calls[3].failure_rate == 0.75
    assert run.calls[4].outcome is CallOutcome.FALLBACK and run.calls[4].success is None
    assert run.transitions[0].reason == "75% of the last 4 calls failed (threshold 50%)"


def test_sliding_window_forgets_old_failures():
    config = BreakerConfig(failure_rate_threshold=0.5, window_size=4, minimum_calls=4)
    stream = [False, True, True, True, False, True, True, True, False]
    run = simulate_breaker(stream, config)
    assert all(c.state_after is CLOSED for c in run.calls)
    assert run.calls[-1].window == (True, True, True, False)
    assert run.calls[-1].failure_rate == 0.25


def test_open_timeout_then_half_open_trials_close_it():
    config = BreakerConfig(window_size=2, minimum_calls=2, open_timeout=10, half_open_calls=2)
    run = simulate_breaker([(0, False), (1, False), (5, True), (11, True), (12, True), (13, True)], config)
    assert [c.outcome for c in run.calls] == [CallOutcome.PASSED] * 2 + [CallOutcome.FALLBACK] + [
        CallOutcome.PASSED] * 3
    assert [c.state for c in run.calls] == [CLOSED, CLOSED, OPEN, HALF, HALF, CLOSED]
    assert [(t.time, t.target) for t in run.transitions] == [(1, OPEN), (11, HALF), (12, CLOSED)]
    assert run.state_at(10.9) is OPEN and run.state_at(11) is HALF and run.state_at(100) is CLOSED
    assert run.calls[-1].window == (True,)  # closing starts a fresh window


def test_a_failed_trial_reopens_and_restarts_the_timeout():
    config = BreakerConfig(window_size=2, minimum_calls=2, open_timeout=10, half_open_calls=3, fallback=False)
    run = simulate_breaker([(0, False), (1, False), (11, True), (12, False), (20, True), (22, True)], config)
    assert [c.state_after for c in run.calls] == [CLOSED, OPEN, HALF, OPEN, OPEN, HALF]
    assert run.calls[4].outcome is CallOutcome.SHORT_CIRCUITED
    assert "timeout starts over" in run.calls[3].note


def test_streams_can_be_calls_pairs_booleans_or_generators():
    calls = [Call(0, True), Call(1, False)]
    assert len(simulate_breaker(calls)) == 2
    assert simulate_breaker(iter([True, False, True])).calls[2].time == 2.0
    with pytest.raises(C4ModelError, match="more than 5 calls"):
        simulate_breaker((Call(i, True) for i in range(10**9)), limit=5)
    with pytest.raises(C4ModelError, match="comes before"):
        simulate_breaker([(3, True), (1, True)])
    with pytest.raises(C4ModelError, match="call 0 of the stream"):
        simulate_breaker([("soon", "yes")])


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"failure_rate_threshold": 1.5}, "at most 1"),
    ({"failure_rate_threshold": 0}, "above 0"),
    ({"window_size": 0}, "at least 1"),
    ({"minimum_calls": 20, "window_size": 10}, "could never open"),
    ({"open_timeout": -1}, "greater than 0"),
    ({"half_open_calls": 0}, "at least 1"),
])
def test_bad_settings_are_explained(kwargs, message):
    with pytest.raises(C4ModelError, match=message):
        BreakerConfig(**kwargs)


def test_outage_stream_is_deterministic_and_shows_the_whole_cycle():
    stream = calls_with_outage(40, outages=[(10, 25)], error_rate=0.05, seed=7)
    assert stream == calls_with_outage(40, outages=[(10, 25)], error_rate=0.05, seed=7)
    assert all(not c.success for c in stream if 10 <= c.time < 25)
    run = simulate_breaker(stream)
    assert {t.target for t in run.transitions} == {OPEN, HALF, CLOSED}
    assert run.caption().startswith("40 calls:")
    assert "<table" in run._repr_html_() and "half-open" in repr(run)
    assert run.frames[5].label.startswith("#6 ")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 5, allow_nan=False), st.booleans()), max_size=60),
       st.integers(1, 8), st.integers(1, 8), st.floats(0.1, 1.0), st.floats(0.5, 20), st.integers(1, 4))
def test_never_passes_a_call_while_open_before_the_timeout(gaps, window, minimum, threshold, timeout, trials):
    minimum = min(minimum, window)
    config = BreakerConfig(threshold, window, minimum, timeout, trials)
    time, stream = 0.0, []
    for gap, ok in gaps:
        time += gap
        stream.append((time, ok))
    run = simulate_breaker(stream, config)
    opened_at = None
    trial_passes = 0
    for call in run.calls:
        if opened_at is not None and call.time < opened_at + timeout:
            assert call.outcome is not CallOutcome.PASSED
            assert call.state is OPEN
        if call.state is HALF:  # trials of one half-open episode
            trial_passes += 1
            assert trial_passes <= trials
        if call.state_after is not HALF:
            trial_passes = 0
        if call.state_after is OPEN and call.state is not OPEN:
            opened_at = call.time
        elif call.state_after is not OPEN:
            opened_at = None
    allowed = {(CLOSED, OPEN), (OPEN, HALF), (HALF, OPEN), (HALF, CLOSED)}
    assert all((t.source, t.target) in allowed for t in run.transitions)
