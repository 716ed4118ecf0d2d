"""Sagas: both styles, every failure point, consistency and reverse-order compensation."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from c4kit import Workspace
from c4kit.errors import C4ModelError
from c4kit.sim import Saga, SagaStep, StepState


def trip() -> Saga:
    return Saga("Book trip", [
        SagaStep("flights", "Reserve seats", "Release seats", done_event="FlightReserved",
                 failed_event="FlightReservationFailed", compensated_event="FlightReservationCancelled"),
        SagaStep("hotels", "Book room", "Cancel room"),
        SagaStep("payments", "Charge card", "Refund card"),
    ], coordinator="booking", bus="event_bus")


def test_orchestration_sends_commands_and_receives_replies():
    run = trip().orchestrate()
    assert run.succeeded and run.is_consistent()
    assert [(e.kind, e.source, e.target, e.message) for e in run.events] == [
        ("command", "booking", "flights", "Reserve seats"),
        ("reply", "flights", "booking", "FlightReserved"),
        ("command", "booking", "hotels", "Book room"),
        ("reply", "hotels", "booking", "Book room done"),
        ("command", "booking", "payments", "Charge card"),
        ("reply", "payments", "booking", "Charge card done"),
        ("end", "booking", "booking", "Saga completed"),
    ]
    assert run.completed == ("Reserve seats", "Book room", "Charge card") and run.compensated == ()


def test_orchestrated_failure_compensates_in_reverse_order():
    run = trip().orchestrate(fail_at="Charge card")
    assert not run.succeeded and run.is_consistent()
    assert run.compensated == ("Book room", "Reserve seats")
    compensations = [(e.kind, e.target, e.message) for e in run.events if e.phase == "compensation"]
    assert compensations == [
        ("compensate", "hotels", "Cancel room"), ("compensated", "booking", "Cancel room done"),
        ("compensate", "flights", "Release seats"), ("compensated", "booking", "FlightReservationCancelled"),
    ]
    assert dict(run.final) == {"Reserve seats": StepState.COMPENSATED, "Book room": StepState.COMPENSATED,
                               "Charge card": StepState.FAILED}


def test_choreography_publishes_and_consumes_through_the_bus():
    run = trip().choreograph(fail_at=1)
    assert [(e.kind, e.source, e.target, e.message) for e in run.events] == [
        ("publish", "booking", "event_bus", "Book trip requested"),
        ("deliver", "event_bus", "flights", "Book trip requested"),
        ("publish", "flights", "event_bus", "FlightReserved"),
        ("deliver", "event_bus", "hotels", "FlightReserved"),
        ("publish", "hotels", "event_bus", "Book room failed"),
        ("deliver", "event_bus", "flights", "Book room failed"),
        ("compensated", "flights", "event_bus", "FlightReservationCancelled"),
        ("deliver", "event_bus", "booking", "FlightReservationCancelled"),
    ]
    assert run.compensated == ("Reserve seats",) and run.is_consistent()
    assert "consumes 'Book room failed' and reacts: it must release seats" in run.events[5].text


def test_frames_step_forward_and_back():
    run = trip().orchestrate(fail_at=2)
    assert len(run) == len(run.events) + 1
    assert all(state is StepState.PENDING for _, state in run.frame(0).steps)
    assert run.frame(0).caption.startswith("Before the saga starts")
    assert run.frame(1).state("Reserve seats") is StepState.RUNNING
    assert run.frame(2).state("Reserve seats") is StepState.DONE
    assert run.frame(-1).steps == run.final
    assert run.frame(3).history == run.events[:3]
    assert dict(run.frame(5).services) == {"flights": StepState.DONE, "hotels": StepState.DONE,
                                          "payments": StepState.RUNNING}
    with pytest.raises(C4ModelError, match="frames 0 to"):
        run.frame(99)


def test_model_elements_name_the_participants():
    ws = Workspace()
    shop = ws.system("Shop")
    orders, stock = shop.container("Order Service"), shop.container("Stock Service")
    saga = Saga("Place order", [SagaStep(stock, "Reserve stock", "Release stock"),
                                SagaStep(orders, "Confirm order")], coordinator=orders)
    assert saga.steps[0].service == "stock_service" and saga.steps[0].service_name == "Stock Service"
    run = saga.orchestrate(fail_at="Confirm order")
    assert run.events[0].text == "Order Service tells Stock Service to reserve stock."
    assert ("1", "command", "Order Service", "Stock Service", "Reserve stock") == run.details()[0]
    assert "<table" in run._repr_html_() and "rolled back" in repr(run)


@pytest.mark.parametrize(("build", "message"), [
    (lambda: Saga("Empty", []), "has no steps"),
    (lambda: Saga("x", [SagaStep("a", "Do", ""), SagaStep("b", "More", "Undo")]), "no compensation"),
    (lambda: Saga("x", [SagaStep("a", "Do", "Undo"), SagaStep("b", "Do", "Undo")]), "same name"),
    (lambda: SagaStep("a", ""), "needs an action"),
    (lambda: trip().run(fail_at=3), "steps 0 to 2"),
    (lambda: trip().run(fail_at="Fly"), "no step 'Fly'"),
    (lambda: trip().run(style="anarchy"), "unknown saga style"),
])
def test_bad_sagas_are_explained(build, message):
    with pytest.raises(C4ModelError, match=message):
        build()


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 8), st.data(), st.sampled_from(["orchestration", "choreography"]))
def test_every_failure_point_ends_consistent_with_reverse_compensation(steps, data, style):
    saga = Saga("S", [SagaStep(f"svc{i % 3}", f"Do {i}", f"Undo {i}") for i in range(steps)])
    fail_at = data.draw(st.sampled_from(saga.failure_points()))
    run = saga.run(fail_at, style=style)
    assert run.is_consistent()
    assert run.compensated == (() if fail_at is None else tuple(reversed(run.completed)))
    index = None if fail_at is None else [s.name for s in saga.steps].index(fail_at)
    expected_completed = [s.name for s in saga.steps][: steps if index is None else index]
    assert list(run.completed) == expected_completed
    final = dict(run.final)
    for i, step in enumerate(saga.steps):
        if index is None:
            assert final[step.name] is StepState.DONE
        elif i < index:
            assert final[step.name] is StepState.COMPENSATED
        elif i == index:
            assert final[step.name] is StepState.FAILED
        else:
            assert final[step.name] is StepState.PENDING
    # Frames are a faithful replay: each differs from the previous by at most one step.
    for before, after in itertools.pairwise(run.frames):
        assert sum(a != b for a, b in zip(before.steps, after.steps)) <= 1
    assert [e.number for e in run.events] == list(range(1, len(run.events) + 1))


def test_a_rollback_says_what_it_undid_even_when_nothing_had_completed():
    from c4kit.widgets import demo

    saga = demo.trip_saga().saga
    first = saga.steps[0].name
    for style in ("orchestration", "choreography"):
        text = saga.run(first, style=style).frames[-1].event.text
        assert "nothing had completed and nothing needed compensating" in text
        assert "every completed step" in saga.run(saga.steps[-1].name, style=style).frames[-1].event.text
