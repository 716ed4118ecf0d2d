"""The three small models the widgets needed: event replay, state machines and cache tiers."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from c4kit.errors import C4ModelError
from c4kit.sim import Status
from c4kit.sim.cache import CacheTier, Origin, simulate_cache
from c4kit.sim.events import Event, Projection, events
from c4kit.sim.statemachine import StateMachine, Transition

# ---------------------------------------------------------------------------
# Event sourcing
# ---------------------------------------------------------------------------


def account() -> Projection:
    return Projection("Account", {"balance": 0}, {
        "Opened": lambda s, e: {**s, "owner": e.data["owner"]},
        "Deposited": lambda s, e: {**s, "balance": s["balance"] + e.data["amount"]},
        "Withdrawn": lambda s, e: {**s, "balance": s["balance"] - e.data["amount"]},
    }, ignore=["Audited"])


STREAM = [("Opened", {"owner": "Ada"}), ("Deposited", {"amount": 100}), ("Audited", {}),
          ("Withdrawn", {"amount": 30})]


def test_replay_rebuilds_any_earlier_state():
    projection = account()
    assert projection.replay(STREAM).state == {"balance": 70, "owner": "Ada"}
    assert projection.replay(STREAM, upto=0).state == {"balance": 0}
    after_two = projection.replay(STREAM, upto=2)
    assert after_two.state == {"balance": 100, "owner": "Ada"} and after_two.event == Event("Deposited",
                                                                                           {"amount": 100})
    assert after_two.changed_by == {"owner": 1, "balance": 2}
    assert projection.replay(STREAM).changed_by == {"owner": 1, "balance": 4}  # the ignored event changed nothing


def test_snapshots_are_every_point_of_one_replay_and_never_share_state():
    snapshots = account().snapshots(STREAM)
    assert [s.position for s in snapshots] == [0, 1, 2, 3, 4]
    assert [s.state["balance"] for s in snapshots] == [0, 0, 100, 100, 70]
    snapshots[1].state["balance"] = 999  # type: ignore[index]
    assert snapshots[2].state["balance"] == 100


def test_handlers_may_change_the_state_in_place():
    def deposit(state, event):
        state["balance"] += event.data["amount"]

    projection = Projection("In place", {"balance": 5}, {"Deposited": deposit})
    assert projection.replay([("Deposited", {"amount": 1})]).state == {"balance": 6}
    assert projection.initial == {"balance": 5}


def test_unknown_events_and_failing_handlers_say_which_event():
    with pytest.raises(C4ModelError, match="no handler for event 1 \\(Deposit\\)") as err:
        account().replay([("Deposit", {"amount": 1})])
    assert "did you mean 'Deposited'?" in err.value.hint
    with pytest.raises(C4ModelError, match=r"the Deposited handler of Account failed on event 2 .*KeyError"):
        account().replay([("Opened", {"owner": "A"}), ("Deposited", {"sum": 1})])
    with pytest.raises(C4ModelError, match="returned int"):
        Projection("P", {}, {"A": lambda s, e: 3}).replay(["A"])
    with pytest.raises(C4ModelError, match="upto must be a whole number from 0 to 4"):
        account().replay(STREAM, upto=5)


def test_events_accept_pairs_names_and_objects_and_refuse_the_rest():
    assert events(["A", ("B", {"x": 1}), Event("C")]) == (Event("A"), Event("B", {"x": 1}), Event("C"))
    assert Event("B", {"x": 1, "y": 2}).describe() == "B (x: 1, y: 2)"
    with pytest.raises(C4ModelError, match="event 2 is 42"):
        events(["A", 42])
    with pytest.raises(C4ModelError, match="needs a type name"):
        Event("")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(min_value=-50, max_value=50), max_size=20))
def test_replaying_deposits_sums_them_at_every_point(amounts):
    projection = Projection("Sum", {"total": 0}, {"Added": lambda s, e: {"total": s["total"] + e.data["n"]}})
    stream = [("Added", {"n": n}) for n in amounts]
    for k, snapshot in enumerate(projection.snapshots(stream)):
        assert snapshot.state["total"] == sum(amounts[:k])


# ---------------------------------------------------------------------------
# State machines
# ---------------------------------------------------------------------------


def order() -> StateMachine:
    return StateMachine("Order", [("Pending", "pay", "Paid"), ("Paid", "ship", "Shipped"),
                                  ("Shipped", "deliver", "Delivered"), ("Pending", "cancel", "Cancelled"),
                                  Transition("Paid", "cancel", "Cancelled")],
                        initial="Pending", final=["Delivered", "Cancelled"])


def test_state_machine_accepts_legal_events_and_refuses_others_with_the_reason():
    machine = order()
    assert machine.states == ("Pending", "Paid", "Shipped", "Delivered", "Cancelled")
    assert machine.events == ("pay", "ship", "deliver", "cancel")
    assert machine.allowed("Paid") == ("ship", "cancel")
    step = machine.fire("Pending", "ship")
    assert not step.accepted and step.target == "Pending"
    assert step.message == "Rejected: 'ship' is not allowed in Pending; in Pending only pay, cancel are allowed."
    assert "final state" in machine.fire("Delivered", "cancel").message


def test_a_run_keeps_the_state_on_rejected_events():
    steps = order().run(["pay", "deliver", "ship", "cancel", "deliver"])
    assert [(s.event, s.accepted, s.target) for s in steps] == [
        ("pay", True, "Paid"), ("deliver", False, "Paid"), ("ship", True, "Shipped"), ("cancel", False, "Shipped"),
        ("deliver", True, "Delivered")]


def test_state_machine_definitions_are_checked():
    with pytest.raises(C4ModelError, match="leads both to Paid and to Void"):
        StateMachine("X", [("A", "go", "Paid"), ("A", "go", "Void")], initial="A")
    with pytest.raises(C4ModelError, match="transition 1"):
        StateMachine("X", [("A", "go")], initial="A")
    with pytest.raises(C4ModelError, match="no event 'pai'") as err:
        order().fire("Pending", "pai")
    assert "did you mean 'pay'?" in err.value.hint
    with pytest.raises(C4ModelError, match="no state 'Shiped'"):
        order().allowed("Shiped")


# ---------------------------------------------------------------------------
# Cache tiers
# ---------------------------------------------------------------------------

TIERS = [CacheTier("cdn", 5, name="CDN"), CacheTier("redis", 1, name="Redis")]
ORIGIN = Origin("db", latency_ms=20, capacity=250, name="DB")


def test_cache_tiers_divide_the_load_that_reaches_the_origin():
    result = simulate_cache(TIERS, ORIGIN, rate=2000, hit_ratio=0.9)
    assert [round(t.reaching, 6) for t in result.tiers] == [2000, 200]
    assert result.origin_load == pytest.approx(20) and result.utilisation == pytest.approx(20 / 250)
    # 5 ms for everyone, 1 ms for the 10 % reaching Redis, 20 / (1 - u) ms for the 1 % reaching the DB
    assert result.mean_latency_ms == pytest.approx(5 + 0.1 * 1 + 0.01 * 20 / (1 - 20 / 250))
    assert result.origin_status is Status.HEALTHY


def test_a_tier_down_multiplies_the_origin_load():
    one = simulate_cache(TIERS, ORIGIN, rate=2000, hit_ratio=0.9, down=["redis"])
    assert one.origin_load == pytest.approx(200) and one.origin_status is Status.DEGRADED
    both = simulate_cache(TIERS, ORIGIN, rate=2000, hit_ratio=0.9, down=["redis", "cdn"])
    assert both.overloaded and both.origin_status is Status.DOWN and math.isinf(both.mean_latency_ms)
    assert "requests time out" in both.caption()
    assert both.details()[0] == ("CDN", "down", "2000", "0", "-")


def test_a_tier_with_its_own_hit_ratio_keeps_it():
    tiers = [CacheTier("cdn", 5, hit_ratio=0.5, name="CDN"), CacheTier("redis", 1, name="Redis")]
    result = simulate_cache(tiers, ORIGIN, rate=1000, hit_ratio=0.9)
    assert result.origin_load == pytest.approx(1000 * 0.5 * 0.1)


def test_cache_inputs_are_checked():
    with pytest.raises(C4ModelError, match="not a cache tier"):
        simulate_cache(TIERS, ORIGIN, rate=10, down=["db"])
    with pytest.raises(C4ModelError, match="hit_ratio"):
        simulate_cache(TIERS, ORIGIN, rate=10, hit_ratio=90)
    with pytest.raises(C4ModelError, match="capacity"):
        Origin("db", capacity=0)


@settings(max_examples=60, deadline=None)
@given(st.floats(0, 1), st.floats(1, 5000), st.sets(st.sampled_from(["cdn", "redis"])))
def test_requests_are_conserved_and_more_hits_never_load_the_origin_more(ratio, rate, down):
    result = simulate_cache(TIERS, ORIGIN, rate=rate, hit_ratio=ratio, down=down)
    assert sum(t.served for t in result.tiers) + result.origin_load == pytest.approx(rate)
    better = simulate_cache(TIERS, ORIGIN, rate=rate, hit_ratio=min(1.0, ratio + 0.05), down=down)
    assert better.origin_load <= result.origin_load + 1e-9


def test_fields_changed_by_one_event_are_listed_in_field_order_whatever_the_hash_seed():
    import subprocess
    import sys

    code = ("from c4kit.sim.events import Projection, Event\n"
            "p = Projection('O', {'status': 'none', 'items': [], 'total': 0},\n"
            "    {'Add': lambda s, e: {**s, 'items': [1], 'total': 3, 'status': 'draft'}})\n"
            "print(list(p.snapshots([Event('Add')])[-1].changed_by))\n")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2", "3")}
    assert seen == {"['status', 'items', 'total']\n"}
