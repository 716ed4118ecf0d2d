"""Retries with backoff and the dead-letter queue; token bucket rate limiting with a backing-off client."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from c4kit.errors import C4ModelError
from c4kit.sim import (
    Backoff,
    RetryPolicy,
    TokenBucket,
    burst,
    simulate_rate_limit,
    simulate_retries,
    steady,
)

# ---------------------------------------------------------------------------
# Backoff and retries
# ---------------------------------------------------------------------------


def test_default_backoff_is_one_two_four_seconds():
    assert Backoff().schedule(3) == (1.0, 2.0, 4.0)
    assert Backoff(base=2).schedule(3) == (2.0, 4.0, 8.0)
    assert Backoff(base=1, factor=3, max_delay=5).schedule(4) == (1.0, 3.0, 5.0, 5.0)


def test_jitter_is_seeded_and_bounded():
    full = Backoff(jitter="full", seed=3).schedule(5)
    assert full == Backoff(jitter="full", seed=3).schedule(5) != Backoff(jitter="full", seed=4).schedule(5)
    assert all(0 <= d <= 2 ** i for i, d in enumerate(full))
    equal = Backoff(jitter="equal", seed=1).schedule(5)
    assert all(2 ** i / 2 <= d <= 2 ** i for i, d in enumerate(equal))


def test_a_transient_fault_is_ridden_out():
    run = simulate_retries(1, fails_first=2)
    assert [(a.time, a.number, a.outcome) for a in run.attempts] == [
        (0.0, 1, "retry"), (1.0, 2, "retry"), (3.0, 3, "delivered")]
    assert run.delivered == ("m1",) and run.dead_lettered == ()


def test_after_max_retries_the_message_goes_to_the_dlq():
    run = simulate_retries(["order-7"], RetryPolicy(max_retries=3), poison=["order-7"])
    assert [a.time for a in run.attempts] == [0.0, 1.0, 3.0, 7.0]
    assert run.attempts[-1].outcome == "dead-lettered"
    assert "after 3 retries it goes to the dead-letter queue" in run.attempts[-1].note
    assert run.dead_lettered == ("order-7",)
    assert run.of("order-7") == run.attempts


def test_outage_windows_and_several_messages_interleave_in_time_order():
    run = simulate_retries([("a", 0.0), ("b", 0.5)], outages=[(0, 2.5)])
    times = [a.time for a in run.attempts]
    assert times == sorted(times)
    assert set(run.delivered) == {"a", "b"}
    assert "outage" in run.attempts[0].note
    assert "dead-letter" in run.caption()


@pytest.mark.parametrize(("call", "message"), [
    (lambda: Backoff(base=0), "greater than 0"),
    (lambda: Backoff(factor=0.5), "at least 1"),
    (lambda: Backoff(jitter="wild"), "unknown jitter"),
    (lambda: RetryPolicy(max_retries=-1), "at least 0"),
    (lambda: simulate_retries([]), "no messages"),
    (lambda: simulate_retries(["a", "a"]), "same id"),
    (lambda: simulate_retries(["a"], poison=["b"]), "unknown message"),
    (lambda: simulate_retries(1, outages=[(5, 1)]), "ends"),
    (lambda: simulate_retries(1, error_rate=2), "at most 1"),
])
def test_bad_retry_input_is_explained(call, message):
    with pytest.raises(C4ModelError, match=message):
        call()


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 6), st.integers(0, 5), st.floats(0, 1), st.integers(0, 10**6),
       st.sampled_from(["none", "full", "equal"]))
def test_every_message_ends_delivered_or_dead_lettered_once(messages, retries, error_rate, seed, jitter):
    policy = RetryPolicy(retries, Backoff(jitter=jitter, seed=seed))
    run = simulate_retries(messages, policy, error_rate=error_rate, seed=seed)
    ids = [f"m{i + 1}" for i in range(messages)]
    assert sorted(run.delivered + run.dead_lettered) == sorted(ids)
    for message in ids:
        attempts = run.of(message)
        assert len(attempts) <= retries + 1
        assert [a.number for a in attempts] == list(range(1, len(attempts) + 1))
        for before, after in itertools.pairwise(attempts):
            assert after.time == before.next_time
            assert after.time - before.time <= policy.backoff.nominal(before.number) + 1e-9
        assert attempts[-1].outcome in ("delivered", "dead-lettered")


# ---------------------------------------------------------------------------
# Rate limiting
# ---------------------------------------------------------------------------

def test_a_burst_up_to_capacity_passes_then_429_with_retry_after():
    run = simulate_rate_limit(burst(12), TokenBucket(capacity=10, refill_rate=10 / 60), max_retries=0)
    assert len(run.accepted) == 10 and run.gave_up == ("r11", "r12")
    rejected = run.events[10]
    assert not rejected.accepted and rejected.retry_after == pytest.approx(6.0)
    assert "429 Too Many Requests" in rejected.note


def test_the_client_backs_off_exponentially_and_can_honour_retry_after():
    bucket = TokenBucket(capacity=1, refill_rate=0.1)
    run = simulate_rate_limit([0.0, 0.0], bucket, max_retries=3)
    second = [e for e in run.events if e.request == "r2"]
    assert [e.time for e in second] == [0.0, 2.0, 6.0, 14.0]
    assert second[-1].accepted
    patient = simulate_rate_limit([0.0, 0.0], bucket, max_retries=3, honor_retry_after=True)
    assert [e.time for e in patient.events if e.request == "r2"] == [0.0, 10.0]


def test_steady_load_and_bad_input():
    assert steady(2, 3) == (0.0, 0.5, 1.0, 1.5, 2.0, 2.5)
    with pytest.raises(C4ModelError, match="capacity"):
        TokenBucket(capacity=0)
    with pytest.raises(C4ModelError, match="refill_rate"):
        TokenBucket(refill_rate=0)
    with pytest.raises(C4ModelError, match="arrival time"):
        simulate_rate_limit(["soon"])
    with pytest.raises(C4ModelError, match="Backoff"):
        simulate_rate_limit(3, backoff=2)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(0, 30, allow_nan=False), max_size=40), st.floats(1, 20), st.floats(0.05, 10),
       st.integers(0, 4), st.booleans())
def test_token_bucket_never_exceeds_capacity_nor_goes_negative(times, capacity, rate, retries, honour):
    bucket = TokenBucket(capacity=capacity, refill_rate=rate)
    run = simulate_rate_limit(sorted(times), bucket, max_retries=retries, honor_retry_after=honour)
    assert all(0 <= e.tokens <= capacity for e in run.events)
    assert [e.time for e in run.events] == sorted(e.time for e in run.events)
    assert len(run.accepted) + len(run.gave_up) == len(times)
    # Over any run the limiter serves at most the burst plus what was refilled.
    if run.events:
        span = run.events[-1].time - run.events[0].time
        assert len(run.accepted) <= capacity + rate * span + 1e-6
