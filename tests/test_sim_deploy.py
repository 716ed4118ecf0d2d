"""Deployment strategies and auto-scaling."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from c4kit.errors import C4ModelError
from c4kit.sim import Metric, ScalingPolicy, autoscale, blue_green, canary, replicas_for, rolling, rollout

# ---------------------------------------------------------------------------
# Deployment strategies
# ---------------------------------------------------------------------------


def test_rolling_replaces_a_batch_at_a_time():
    release = rolling(replicas=6, batch=2)
    assert [(p.replicas("v1"), p.replicas("v2")) for p in release.phases] == [(6, 0), (4, 2), (2, 4), (0, 6)]
    assert release.phases[1].traffic_to("v2") == pytest.approx(100 / 3)
    assert release.outcome == "released" and release.phases[-1].state == "complete"
    assert rolling(replicas=5, batch=2).phases[-1].replicas("v2") == 5


def test_a_bad_rolling_release_goes_back_to_the_old_version():
    release = rolling(bad_version=True)
    assert release.rolled_back and len(release) == 3
    assert release.phases[-1].replicas("v2") == 0 and release.phases[-1].traffic_to("v1") == 100


def test_blue_green_switches_and_rolls_back_instantly():
    good = blue_green(replicas=4)
    assert [p.name for p in good.phases] == ["Blue live", "Deploy green", "Switch to green"]
    assert good.phases[1].replicas(group="green") == 4 and good.phases[1].traffic_to(group="green") == 0
    assert good.phases[2].traffic_to("v2") == 100 and good.phases[2].replicas(group="blue") == 4
    bad = blue_green(bad_version=True)
    assert bad.rolled_back and bad.phases[-1].name == "Switch back to blue"
    assert bad.phases[-1].traffic_to("v1") == 100 and bad.phases[-1].replicas("v2") == 4
    assert bad.phases[-1].describe() == "blue: v1 x4 (100 %); green: v2 x4 (0 %)"


def test_canary_steps_through_the_traffic_shares_and_promotes():
    release = canary(replicas=4)
    assert [p.traffic_to("v2") for p in release.phases] == [0, 10, 25, 50, 100, 100]
    assert [p.replicas("v2", "canary") for p in release.phases[1:5]] == [1, 1, 2, 4]
    assert release.phases[-1].name == "Promoted" and release.phases[-1].replicas("v1") == 0
    assert "released" in release.caption()


def test_a_bad_canary_rolls_back_at_the_first_step():
    release = canary(bad_version=True)
    assert [p.name for p in release.phases] == ["Stable", "Canary 10 %", "Rolled back"]
    assert release.phases[1].observed_error_rate == 0.25
    assert "only the 10 % of users on the canary saw the errors" in release.phases[-1].note
    late_bug = canary(new_error_rate=lambda percent: 0.2 if percent >= 50 else 0.0)
    assert [p.name for p in late_bug.phases][-2:] == ["Canary 50 %", "Rolled back"]


def test_sampling_makes_small_canaries_noisy_but_reproducible():
    one = canary(new_error_rate=0.06, requests_per_phase=100, seed=3)
    assert one == canary(new_error_rate=0.06, requests_per_phase=100, seed=3)
    assert one.phases[1].observed_error_rate in {i / 10 for i in range(11)}  # 10 requests at 10 %


@pytest.mark.parametrize(("call", "message"), [
    (lambda: rolling(batch=0), "at least 1"),
    (lambda: rolling(replicas=2, batch=3), "larger than replicas"),
    (lambda: canary(steps=(10, 5, 100)), "must grow"),
    (lambda: canary(steps=(10, 50)), "end the steps with 100"),
    (lambda: canary(steps=()), "needs traffic steps"),
    (lambda: blue_green(old="v1", new="v1"), "two different"),
    (lambda: canary(threshold=2), "at most 1"),
    (lambda: rollout("big-bang"), "unknown deployment strategy"),
])
def test_bad_release_settings_are_explained(call, message):
    with pytest.raises(C4ModelError, match=message):
        call()


def test_strategy_switcher_and_display():
    assert rollout("Blue Green", replicas=2).strategy == "blue-green"
    assert rollout("canary").strategy == "canary"
    release = rollout("rolling")
    assert "<table" in release._repr_html_() and "Batch 1 of 3" in repr(release)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["rolling", "blue-green", "canary"]), st.integers(1, 12),
       st.lists(st.integers(1, 99), max_size=4, unique=True), st.floats(0, 1), st.floats(0, 0.5),
       st.one_of(st.none(), st.integers(1, 500)), st.integers(0, 1000))
def test_no_traffic_ever_reaches_a_rolled_back_version(strategy, replicas, steps, error_rate, threshold, sample,
                                                       seed):
    options = {"replicas": replicas, "new_error_rate": error_rate, "threshold": threshold,
               "requests_per_phase": sample, "seed": seed}
    if strategy == "canary":
        options["steps"] = (*sorted(steps), 100)
    if strategy == "rolling":
        options["batch"] = max(1, replicas // 3)
    release = rollout(strategy, **options)
    rolled_back_at = None
    for phase in release.phases:
        assert sum(t.percent for t in phase.traffic) == pytest.approx(100)
        assert all(p.replicas >= 0 for p in phase.placements)
        for share in phase.traffic:  # traffic only goes where something runs
            if share.percent > 0:
                assert phase.replicas(share.version, share.group) > 0
        if phase.state == "rolled back":
            rolled_back_at = phase.index
        if rolled_back_at is not None:
            assert phase.traffic_to("v2") == 0
    assert rolled_back_at in (None, len(release.phases) - 1)
    # It rolls back at the first phase whose observation crosses the threshold, not later.
    observed = [p for p in release.phases if p.observed_error_rate is not None]
    crossing = [p for p in observed if p.observed_error_rate > threshold]
    assert release.rolled_back == bool(crossing)
    if crossing:
        assert crossing[0].index == len(release.phases) - 2


# ---------------------------------------------------------------------------
# Auto-scaling
# ---------------------------------------------------------------------------

def test_scale_out_follows_the_metric_furthest_over_target():
    policy = ScalingPolicy([Metric("cpu", 70, per_load=0.7), Metric("queue_depth", 1000, per_load=0)],
                           min_replicas=2, max_replicas=20)
    run = autoscale([100, {"load": 100, "queue_depth": 9000}], policy)
    assert run.replicas == (2, 9)
    assert run.steps[1].driver == "queue_depth" and run.steps[1].action == "scale out"
    assert run.steps[0].readings[0].value == pytest.approx(35)


def test_scale_in_waits_for_the_stabilisation_window_and_respects_limits():
    policy = ScalingPolicy([Metric("requests", 100)], min_replicas=2, max_replicas=10, scale_down_window=120)
    run = autoscale([1500, 100, 100, 100, 0], policy, interval=60)
    assert run.replicas == (10, 10, 10, 2, 2)
    assert "capped at max_replicas" in run.steps[0].note
    assert "stabilisation window" in run.steps[1].note
    assert run.steps[3].action == "scale in"


def test_cooldown_and_tolerance_hold_the_replica_count():
    policy = ScalingPolicy([Metric("requests", 100)], min_replicas=1, max_replicas=10, cooldown=120,
                           scale_down_window=0)
    run = autoscale([200, 500, 500, 500], policy, start_replicas=1, interval=60)
    assert run.replicas == (2, 2, 5, 5)
    assert "cooldown" in run.steps[1].note
    tolerant = ScalingPolicy([Metric("cpu", 70)], min_replicas=1, tolerance=0.1)
    assert autoscale([2 * 75], tolerant, start_replicas=2).replicas == (2,)


def test_replicas_for_a_constant_load_and_bad_policies():
    assert replicas_for(1500) == 15
    assert replicas_for(0) == 2
    assert replicas_for(10**6) == 20
    with pytest.raises(C4ModelError, match="below min_replicas"):
        ScalingPolicy(min_replicas=5, max_replicas=3)
    with pytest.raises(C4ModelError, match="baseline"):
        Metric("memory", 80, baseline=90)
    with pytest.raises(C4ModelError, match="unknown metric 'cpuu'") as err:
        autoscale([{"cpuu": 5}])
    assert "cpu" in err.value.hint
    with pytest.raises(C4ModelError, match="outside"):
        autoscale([1], start_replicas=50)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.floats(0, 5000), st.fixed_dictionaries({"queue_depth": st.floats(0, 50000)})),
                max_size=30),
       st.integers(1, 10), st.integers(0, 30), st.floats(0, 600), st.floats(0, 300), st.floats(0, 0.3))
def test_autoscaler_stays_within_min_and_max(load, low, extra, window, cooldown, tolerance):
    policy = ScalingPolicy(min_replicas=low, max_replicas=low + extra, scale_down_window=window, cooldown=cooldown,
                           tolerance=tolerance)
    run = autoscale(load, policy)
    assert all(low <= r <= low + extra for r in run.replicas)
    for step in run.steps:
        assert step.replicas_before == (run.steps[run.steps.index(step) - 1].replicas if step.time else low)
        if step.action == "scale out":
            assert step.replicas > step.replicas_before
        elif step.action == "scale in":
            assert step.replicas < step.replicas_before
        else:
            assert step.replicas == step.replicas_before
