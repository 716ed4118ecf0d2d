"""Widgets, driven the way a learner drives them: set a control's ``.value``, read what the Output shows.

Every widget is also checked against the frame contract: its frame set
validates, has one frame per combination of control values, and holds
exactly the frames the live widget shows.
"""

from __future__ import annotations

import math

import ipywidgets as w
import pytest

from c4kit import Workspace, parse
from c4kit.frames import MIME_TYPE, FrameSet
from c4kit.sim import Saga, SagaStep, TokenBucket
from c4kit.widgets import (
    AutoScaler,
    CacheTier,
    CacheTierFailure,
    DeploymentSwitcher,
    Event,
    EventReplay,
    FailureLab,
    FrameWidget,
    MigrationPhase,
    MigrationPhases,
    Origin,
    Projection,
    RateLimitLab,
    SagaStepper,
    StateMachineStepper,
    WidgetError,
    ZoomExplorer,
    demo,
)
from c4kit.widgets.base import MAX_FRAMES, select


def shown(widget: FrameWidget) -> str:
    """The Mermaid text the widget's Output displays now (every renderer puts it in text/plain)."""
    (output,) = widget.output.outputs
    assert output["output_type"] == "display_data"
    return output["data"]["text/plain"]


def option_counts(widget: FrameWidget) -> list[int]:
    return [len(spec.values) for spec in widget.specs]


@pytest.fixture(scope="module")
def gallery() -> dict[str, FrameWidget]:
    return demo.gallery()


# ---------------------------------------------------------------------------
# The frame contract, for every widget
# ---------------------------------------------------------------------------

def test_every_widget_has_a_kind_from_the_course_map(gallery):
    kinds = {widget.kind for widget in gallery.values()}
    assert kinds == {"failure-lab", "saga-stepper", "deployment-switcher", "zoom-explorer", "event-replay",
                     "state-stepper", "rate-limit", "auto-scaling", "strangler-fig", "cache-failure",
                     "dynamic-stepper"}


@pytest.mark.parametrize("name", list(demo.gallery()))
def test_frameset_is_complete_and_matches_the_live_widget(gallery, name):
    widget = gallery[name]
    frames = widget.frameset()
    assert frames.validate() is frames
    assert len(frames.frames) == math.prod(option_counts(widget)) == widget.frame_count
    assert frames.kind == widget.kind and frames.title == widget.title
    assert [c.name for c in frames.controls] == [s.name for s in widget.specs]
    # Same states live and static: drive the controls to each of a few keys and compare.
    for frame in frames.frames[:: max(1, len(frames.frames) // 7)]:
        widget.set(**frame.key)
        assert widget.values == frame.key
        assert shown(widget) == frame.mermaid
        assert widget.frame == frame
    widget.set(**{c.name: c.default for c in frames.controls})


@pytest.mark.parametrize("name", list(demo.gallery()))
def test_display_bundle_carries_the_widget_view_and_the_frames(gallery, name):
    widget = gallery[name]
    bundle = widget._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == widget.box.model_id
    frames = FrameSet.from_json(bundle[MIME_TYPE]).validate()
    assert frames.kind == widget.kind and len(frames.frames) == widget.frame_count
    assert frames.legend == [tuple(item) for item in widget.legend]
    assert bundle["text/plain"].startswith(type(widget).__name__)


def test_controls_are_core_ipywidgets(gallery):
    allowed = (w.Dropdown, w.ToggleButtons, w.Checkbox, w.SelectionSlider)
    for widget in gallery.values():
        assert all(isinstance(c, allowed) for c in widget.controls.values())
        assert isinstance(widget.box, w.VBox) and isinstance(widget.output, w.Output)


def test_set_refuses_unknown_controls_and_values_with_a_hint():
    lab = demo.failure_lab()
    with pytest.raises(WidgetError, match="no control 'broken'") as err:
        lab.set(broken="db")
    assert "down" in err.value.hint
    with pytest.raises(WidgetError, match="'web' is not an option of the control 'down'") as err:
        lab.set(down="web")
    assert "shop_db" in err.value.hint
    assert lab.values["down"] == "nothing"  # nothing half-applied


def test_too_many_states_are_refused_before_anything_is_computed():
    class Huge(FrameWidget):
        kind = "huge"

        def _compute(self, values):  # pragma: no cover - never reached
            raise AssertionError

    many = [(str(i), str(i)) for i in range(100)]
    with pytest.raises(WidgetError, match=f"more than the {MAX_FRAMES}"):
        Huge("Too big", [select("a", "A", many), select("b", "B", many)])


def test_frames_are_computed_once_and_shared_by_irrelevant_controls():
    lab = demo.failure_lab()
    calls = []
    original = lab._compute
    lab._compute = lambda values: calls.append(dict(values)) or original(values)
    lab.clear_cache()
    lab.frameset()
    lab.frameset()
    # "mode" makes no difference while nothing is down: one computation serves both of its values.
    assert len(calls) == lab.frame_count - (len(lab.specs[1].values) - 1) * 4


# ---------------------------------------------------------------------------
# FailureLab
# ---------------------------------------------------------------------------

def test_failure_lab_shows_the_blast_radius_of_the_chosen_fault():
    m = demo.bookshop()
    lab = FailureLab(m.ws.container_view(m.shop), faults=[m.db, m.cache],
                     protections={(m.api, m.payments): ["circuit_breaker"]})
    assert "[DOWN]" not in shown(lab) and lab.controls["mode"].disabled
    lab.controls["down"].value = "shop_db"
    text = shown(lab)
    assert "Shop DB [DOWN]" in text and "Orders API [DOWN]" in text and "Reads and writes [FAILING]" in text
    assert not lab.controls["mode"].disabled
    assert "Shop DB down" in lab.caption.value
    assert "Journey: Customer: Browses and buys books" in lab.details.value and "fails" in lab.details.value
    lab.controls["mode"].value = "degraded"
    assert "Shop DB [DEGRADED]" in shown(lab) and "[DOWN]" not in shown(lab)


def test_failure_lab_protection_checkbox_turns_a_failure_into_a_degradation():
    m = demo.bookshop()
    lab = FailureLab(m.ws.container_view(m.shop), faults=[m.payments],
                     protections={(m.api, m.payments): "circuit_breaker"})
    breaker = lab.controls["circuit_breaker:orders_api->payment_provider"]
    assert isinstance(breaker, w.Checkbox) and breaker.value is False
    lab.set(down="payment_provider")
    assert "Web Shop [DOWN]" in shown(lab) and "Charges the card [FAILING]" in shown(lab)
    breaker.value = True
    text = shown(lab)
    assert "Web Shop [DEGRADED]" in text and "Charges the card (with circuit breaker) [DEGRADED]" in text
    assert "fallback" in lab.details.value


def test_failure_lab_checkbox_starts_on_when_the_model_already_has_the_protection():
    ws = Workspace("S")
    sys_ = ws.system("S")
    web, db = sys_.container("Web"), sys_.database("DB")
    web.uses(db, "Reads", protections=["timeout"])
    lab = FailureLab(ws.container_view(sys_), protections={(web, db): ["timeout"]})
    assert lab.values["timeout:web->db"] == "on"
    lab.set(down="db")
    assert "Web [DEGRADED]" in shown(lab)
    lab.set(**{"timeout:web->db": "off"})
    assert "Web [DOWN]" in shown(lab)
    lab.set(**{"timeout:web->db": True})  # a toggle also takes a bool
    assert lab.values["timeout:web->db"] == "on" and lab.controls["timeout:web->db"].value is True


def test_failure_lab_takes_down_a_region_of_a_deployment_view():
    ws = Workspace("Shop")
    shop = ws.system("Shop")
    web, db = shop.container("Web App", "Python"), shop.database("DB", "PostgreSQL")
    web.uses(db, "Reads", "SQL", protections=["failover"])
    env = ws.deployment_environment("Production")
    eu, us = env.node("EU region", "AWS"), env.node("US region", "AWS")
    eu.instance(web), us.instance(web), eu.instance(db), us.instance(db)
    lab = FailureLab(ws.deployment_view(env))
    names = dict((o.value, o.label) for o in lab.specs[0].control.options)
    assert names["eu_region"] == "EU region"
    assert names["web_app_eu_region"] == "Web App (EU region)"  # same name twice: where it runs is added
    lab.set(down="eu_region")
    text = shown(lab)
    assert "EU region [DOWN]" in text and "Web App [DOWN]" in text
    assert "US region" in text and "US region [" not in text


def test_failure_lab_works_on_parsed_mermaid_with_calls():
    diagram = parse("""C4Container
    title Checkout
    Container(web, "Web", "Go")
    ContainerDb(db, "DB", "PostgreSQL")
    Rel(web, db, "Reads")
    """)
    lab = FailureLab(diagram, calls={("web", "db"): ["circuit_breaker"]})
    lab.set(down="db")
    assert "Web [DEGRADED]" in shown(lab)


def test_failure_lab_refuses_a_protection_on_a_call_that_does_not_exist():
    m = demo.bookshop()
    with pytest.raises(WidgetError, match="Shop DB does not call Web Shop") as err:
        FailureLab(m.ws.container_view(m.shop), protections={(m.db, m.web): ["retry"]})
    assert "caller first" in err.value.hint
    with pytest.raises(Exception, match="unknown protection 'circuit_braker'"):
        FailureLab(m.ws.container_view(m.shop), protections={(m.web, m.cache): ["circuit_braker"]})
    with pytest.raises(WidgetError, match="calls= is for diagrams"):
        FailureLab(m.ws.container_view(m.shop), calls={("web_shop", "cache"): ["timeout"]})


def test_failure_lab_offers_only_down_when_asked():
    m = demo.bookshop()
    lab = FailureLab(m.ws.container_view(m.shop), faults=[m.db], modes=("down",))
    assert [s.name for s in lab.specs] == ["down"] and lab.frame_count == 2
    with pytest.raises(WidgetError, match="modes"):
        FailureLab(m.ws.container_view(m.shop), modes=("healthy",))


# ---------------------------------------------------------------------------
# SagaStepper
# ---------------------------------------------------------------------------

def test_saga_stepper_steps_forward_and_back_with_its_buttons():
    stepper = demo.saga_stepper()
    back, forward = stepper._steppers["step"]
    assert back.disabled and not forward.disabled
    assert "[RUNNING]" not in shown(stepper)
    forward.click()
    assert stepper.values["step"] == "1"
    assert "Flight service [RUNNING]" in shown(stepper) and "1. Reserve seats" in shown(stepper)
    forward.click()
    assert "Flight service [DONE]" in shown(stepper)
    back.click()
    assert "Flight service [RUNNING]" in shown(stepper)
    assert "Booking service tells Flight service to reserve seats." in stepper.caption.value


def test_saga_stepper_compensates_when_a_step_fails():
    stepper = demo.saga_stepper()
    stepper.controls["fail"].value = "Charge card"
    stepper.controls["step"].value = "6"
    assert "Payment service [FAILED]" in shown(stepper)
    stepper.controls["step"].value = "8"
    text = shown(stepper)
    assert "Hotel service [COMPENSATED]" in text and "Flight service [DONE]" in text
    assert "Cancel room" in stepper.details.value


def test_saga_stepper_holds_the_last_frame_of_a_shorter_run():
    stepper = demo.saga_stepper()
    last = stepper.specs[-1].values[-1]
    stepper.set(fail="none", step=last)
    assert "This run has ended" in stepper.caption.value and "[DONE]" in shown(stepper)
    stepper.controls["style"].value = "choreography"
    assert "Event bus" in shown(stepper)


def test_saga_stepper_play_moves_the_slider():
    stepper = demo.saga_stepper()
    play = next(c for c in stepper._rows[-1].children if isinstance(c, w.Play))
    play.value = 3
    assert stepper.values["step"] == "3" and "3. Book room" in shown(stepper)


def test_saga_side_by_side_draws_both_styles_in_one_diagram():
    stepper = demo.saga_stepper(side_by_side=True)
    assert "style" not in stepper.values
    stepper.set(step="2")
    text = shown(stepper)
    assert 'Boundary(p1, "Orchestrated", "view")' in text and 'Boundary(p2, "Choreographed", "view")' in text
    assert "p1_flight_service" in text and "p2_event_bus" in text
    assert stepper.caption.value.count("ed:") == 2
    assert stepper.detail_headings[0] == "style"


def test_saga_stepper_draws_its_own_diagram_and_checks_a_given_view():
    saga = Saga("Order", [SagaStep("stock", "Reserve stock", "Release stock"), SagaStep("pay", "Charge")],
                coordinator="orders", bus="bus")
    stepper = SagaStepper(saga, styles=["orchestration"])
    assert [s.name for s in stepper.specs] == ["fail", "step"]
    stepper.set(step="1")
    assert "stock [RUNNING]" in shown(stepper)
    m = demo.trip_saga()
    with pytest.raises(WidgetError, match="does not draw the saga participant") as err:
        SagaStepper(saga, m.ws.container_view(m.travel))
    assert "aliases=" in err.value.hint
    with pytest.raises(WidgetError, match="side_by_side"):
        SagaStepper(saga, styles=["choreography"], side_by_side=True)


# ---------------------------------------------------------------------------
# DeploymentSwitcher
# ---------------------------------------------------------------------------

def test_deployment_switcher_shows_traffic_per_phase_and_rolls_back_a_bad_version():
    switcher = demo.deployment_switcher()
    assert isinstance(switcher.controls["strategy"], w.ToggleButtons)
    assert isinstance(switcher.controls["bad"], w.Checkbox)
    switcher.controls["strategy"].value = "canary"
    switcher.controls["phase"].value = "1"
    text = shown(switcher)
    assert "Routes requests (10 %)" in text and "Routes requests (90 %)" in text
    assert "[NEW: v2 x1, 10 % traffic]" in text
    switcher.controls["bad"].value = True
    switcher.controls["phase"].value = "2"
    assert "Automated rollback" in switcher.caption.value and "rolled back" in switcher.caption.value
    assert "Routes requests (0 %)" in shown(switcher)


def test_deployment_switcher_blue_green_switches_all_traffic():
    switcher = demo.deployment_switcher()
    switcher.set(strategy="blue-green", phase="2")
    text = shown(switcher)
    assert "Green [NEW: v2 x4, 100 % traffic]" in text and "Blue [IDLE: v1 x4, no traffic]" in text
    assert "Outcome: released." in switcher.caption.value
    assert len(switcher.frame.details) == 3


def test_deployment_switcher_refuses_groups_the_strategy_does_not_have():
    m = demo.release()
    with pytest.raises(Exception, match="no group 'blue'"):
        DeploymentSwitcher(m.ws.deployment_view(m.env), groups={"canary": {"blue": m.blue}})
    with pytest.raises(WidgetError, match="unknown deployment strategy 'big-bang'"):
        DeploymentSwitcher(m.ws.deployment_view(m.env), groups={"big-bang": {"x": m.blue}})
    with pytest.raises(WidgetError, match="bad_version is the widget's checkbox"):
        DeploymentSwitcher(m.ws.deployment_view(m.env), groups={"rolling": {"production": m.blue}},
                           options={"rolling": {"bad_version": True}})


# ---------------------------------------------------------------------------
# ZoomExplorer
# ---------------------------------------------------------------------------

def test_zoom_explorer_moves_between_levels_with_one_question_each():
    zoom = demo.zoom_explorer()
    levels = zoom.controls["level"]
    assert isinstance(levels, w.ToggleButtons)
    assert shown(zoom).startswith("C4Context") and "who uses Bookshop" in zoom.caption.value
    levels.value = "container"
    assert shown(zoom).startswith("C4Container") and "Fulfilment worker" in shown(zoom)
    levels.value = "component"
    assert shown(zoom).startswith("C4Component") and "Checkout" in shown(zoom)
    assert "Orders API" in zoom.caption.value
    levels.value = "code"
    assert shown(zoom).startswith("---") and "classDiagram" in shown(zoom)
    assert "Level 4" in zoom.caption.value


def test_zoom_explorer_picks_the_container_when_several_have_components():
    m = demo.bookshop()
    m.worker.component("Packer", "Python", "Packs parcels")
    m.worker.component("Mailer", "Python", "Sends emails").uses(m.email, "Sends", "HTTPS")
    zoom = ZoomExplorer(m.shop, extra={"Checkout flow": (m.ws.container_view(m.shop), "How an order flows.")})
    assert zoom.controls["container"].disabled  # context level: nothing to pick
    zoom.set(level="component", container="fulfilment_worker")
    assert not zoom.controls["container"].disabled and "Packer" in shown(zoom)
    zoom.set(level="Checkout flow")
    assert zoom.caption.value.endswith("How an order flows.</p>")
    assert zoom.frame_count == 2 * 4


def test_zoom_explorer_explains_bad_input():
    m = demo.bookshop()
    with pytest.raises(WidgetError, match="software system"):
        ZoomExplorer(m.web)
    with pytest.raises(WidgetError, match="Web Shop has no components"):
        ZoomExplorer(m.shop, containers=[m.web])
    with pytest.raises(Exception, match="not a Mermaid diagram type"):
        ZoomExplorer(m.shop, code="clasDiagram\n  class A")


# ---------------------------------------------------------------------------
# EventReplay
# ---------------------------------------------------------------------------

def test_event_replay_rebuilds_the_state_up_to_the_slider():
    replay = demo.event_replay()
    assert "balance: 0" in shown(replay) and "[NOT YET]" in shown(replay)
    replay.controls["position"].value = "3"
    text = shown(replay)
    assert "Account 42 after 3 events<br/>owner: Ada<br/>balance: 70" in text
    assert "class ev1,ev2 applied" in text and "class ev3 last" in text
    assert "changed balance" in replay.caption.value
    assert "<td style='text-align:left'>balance</td><td style='text-align:left'>70</td>" in replay.details.value
    replay.step("position", -3)
    assert "No event replayed yet" in replay.caption.value


def test_event_replay_names_the_event_a_handler_fails_on():
    stream, projection = demo.account()
    overdraw = [*stream, Event("MoneyWithdrawn", {"amount": 1000})]
    with pytest.raises(Exception, match=r"failed on event 6 \(MoneyWithdrawn\).*insufficient funds"):
        EventReplay(overdraw, projection)
    with pytest.raises(WidgetError, match="'saldo'"):
        EventReplay(stream, projection, fields=["saldo"])


# ---------------------------------------------------------------------------
# StateMachineStepper
# ---------------------------------------------------------------------------

def test_state_stepper_follows_a_scenario_and_rejects_illegal_events():
    stepper = demo.state_stepper()
    assert 'state "Pending [CURRENT]"' in shown(stepper) and "class s_Pending current" in shown(stepper)
    stepper.controls["step"].value = "1"
    assert 'state "Paid [CURRENT]"' in shown(stepper) and "pay [TAKEN]" in shown(stepper)
    stepper.controls["step"].value = "2"
    text = shown(stepper)
    assert 'state "Paid [CURRENT, REJECTED deliver]"' in text and "class s_Paid rejected" in text
    assert "Rejected: 'deliver' is not allowed in Paid" in stepper.frame.caption
    assert "rejected" in stepper.details.value


def test_state_explorer_fires_events_from_any_state():
    stepper = demo.state_stepper(scenario=False)
    fire = stepper.fire_button
    assert fire.disabled
    stepper.controls["event"].value = "ship"
    assert "Rejected" in stepper.caption.value and not fire.disabled
    fire.click()
    assert stepper.values == {"state": "Pending", "event": "ship"}  # refused: nothing moves
    stepper.controls["event"].value = "pay"
    assert 'state "Paid [NEXT]"' in shown(stepper)
    fire.click()
    assert stepper.values == {"state": "Paid", "event": "none"} and 'state "Paid [CURRENT]"' in shown(stepper)


# ---------------------------------------------------------------------------
# RateLimitLab, AutoScaler, MigrationPhases, CacheTierFailure
# ---------------------------------------------------------------------------

def test_rate_limit_lab_throttles_fast_clients_and_bursts():
    lab = demo.rate_limit_lab()
    assert "[all admitted]" in shown(lab)
    lab.controls["burst"].value = True
    text = shown(lab)
    assert "API gateway [THROTTLING:" in text and "retries)" in text
    assert "burst of 15" in lab.caption.value
    lab.controls["rate"].value = "20"
    assert "Mobile app [GAVE UP on" in shown(lab)
    assert "<th style='text-align:left'>429</th>" in lab.details.value


def test_rate_limit_lab_draws_its_own_diagram_when_given_none():
    lab = RateLimitLab(bucket=TokenBucket(capacity=2, refill_rate=1), rates=(1, 4), burst=0, duration=3)
    assert list(lab.values) == ["rate"]  # no burst, no burst toggle
    lab.set(rate="4")
    assert "API gateway [THROTTLING:" in shown(lab)
    with pytest.raises(WidgetError, match="which box is the client and which the rate limiter"):
        m = demo.bookshop()
        RateLimitLab(m.ws.container_view(m.shop))


def test_auto_scaler_relabels_the_service_with_its_replicas():
    scaler = demo.auto_scaler()
    assert "Web API (x2) [MINIMUM]" in shown(scaler)
    scaler.controls["load"].value = "1200"
    assert "Web API (x" in shown(scaler) and "[SCALED OUT]" in shown(scaler)
    assert "Routes requests (1200 req/s)" in shown(scaler)
    assert "drives the scaling" in scaler.details.value
    scaler.controls["load"].value = "2400"
    assert "Web API (x12) [AT MAXIMUM: needs" in shown(scaler) and "overloaded" in scaler.caption.value
    default = AutoScaler()
    default.set(load="800")
    assert "Web API (x" in shown(default)


def test_migration_phases_move_routes_to_new_services():
    migration = demo.migration()
    assert "Legacy monolith [LEGACY: 4 of 4 routes]" in shown(migration)
    assert "Catalogue service [NOT LIVE YET]" in shown(migration)
    migration.controls["phase"].value = "1"
    text = shown(migration)
    assert "Routes (/products, /search)" in text and "Catalogue service [NEW: 2 routes]" in text
    migration.step("phase")
    assert "Legacy monolith [RETIRED: no routes left]" in shown(migration)
    assert "retired" in migration.caption.value


def test_migration_phases_need_an_arrow_from_the_router():
    ws = Workspace("R")
    s = ws.system("R")
    router, legacy, new = s.container("Router"), s.container("Legacy"), s.container("New")
    router.uses(legacy, "Routes")
    with pytest.raises(WidgetError, match="no arrow between 'router' and 'new'") as err:
        MigrationPhases(ws.container_view(s), router=router, legacy=legacy,
                        phases=[MigrationPhase("Move", {"/a": new})])
    assert "router.uses(new" in err.value.hint
    with pytest.raises(WidgetError, match="misses route"):
        router.uses(new, "Routes")
        MigrationPhases(ws.container_view(s), router=router, legacy=legacy, routes=["/b"],
                        phases=[("Move", {"/a": new})])


def test_cache_failure_multiplies_the_origin_load_when_a_tier_is_down():
    widget = demo.cache_tiers()
    assert "Product DB [LOAD: 20 req/s, 7% of capacity]" in shown(widget)
    widget.controls["down:redis_cache"].value = True
    text = shown(widget)
    assert "Redis cache [DOWN: skipped]" in text and "Product DB [LOAD: 200 req/s, 67% of capacity]" in text
    widget.controls["down:cdn"].value = True
    assert "Product DB [OVERLOADED: 2000 req/s" in shown(widget)
    assert "unbounded" in widget.caption.value
    widget.controls["hit"].value = "0.95"
    assert "[DOWN]" not in shown(widget)


def test_cache_failure_checks_its_tiers_are_in_the_view():
    m = demo.bookshop()
    with pytest.raises(WidgetError, match="cache tier 'Redis'"):
        CacheTierFailure(m.ws.container_view(m.shop), tiers=[CacheTier("redis", 1, name="Redis")],
                         origin=Origin(m.db))
    default = CacheTierFailure(tiers=[CacheTier("edge", 5, name="Edge")], origin=Origin("db", name="DB"))
    assert "Application" in shown(default) and default.frame_count == 2 * 5


def test_projection_and_stepper_types_are_checked():
    with pytest.raises(WidgetError, match="Projection"):
        EventReplay([Event("A")], {"A": lambda s, e: s})  # type: ignore[arg-type]
    with pytest.raises(WidgetError, match="StateMachine"):
        StateMachineStepper({"Pending": "Paid"})  # type: ignore[arg-type]
    with pytest.raises(WidgetError, match="Saga"):
        SagaStepper("Book trip")  # type: ignore[arg-type]
    assert isinstance(Projection("P", {}, {}), Projection)


def test_a_widget_can_draw_flowcharts_left_to_right() -> None:
    from c4kit.widgets._views import text_of

    ws = Workspace("Tiny")
    user = ws.person("User", "Reads the news")
    news = ws.system("News", "Publishes articles")
    user.uses(news, "Reads articles on", "HTTPS")
    diagram = ws.context_view(news).to_diagram()
    assert "\nflowchart LR\n" in text_of(diagram, flowchart="LR")
    assert "flowchart TB" in text_of(diagram, flowchart=True)
    assert text_of(diagram).startswith("C4Context")


def test_dynamic_stepper_marks_done_now_and_later_steps_in_words():
    stepper = demo.dynamic_stepper()
    assert stepper.frame_count == 7  # "Start" and six steps
    start = stepper.frame_for({"step": "0"})
    assert start.caption.startswith("Before step 1") and "[NOW]" not in start.mermaid
    assert [row[-1] for row in start.details] == ["next", "later", "later", "later", "later", "later"]
    fifth = stepper.frame_for({"step": "5"})
    assert fifth.caption == ("Step 5 of 6: Identity Provider to Web App: Returns an authorization code "
                             "(HTTPS redirect). A code, not a token: the app still has to prove it holds the secret.")
    assert "Returns an authorization code [NOW]" in fifth.mermaid
    assert fifth.mermaid.count("[DONE]") == 4
    assert "Identity Provider [SENDS]" in fifth.mermaid and "Web App [RECEIVES]" in fifth.mermaid
    assert [row[-1] for row in fifth.details] == ["done", "done", "done", "done", "now", "next"]


def test_dynamic_stepper_explains_what_it_cannot_step_through():
    from c4kit.widgets import DynamicStepper, WidgetError

    m = demo.bookshop()
    with pytest.raises(WidgetError, match="dynamic view"):
        DynamicStepper(m.ws.container_view(m.shop))
    with pytest.raises(WidgetError, match="steps 1 to 6"):
        DynamicStepper(demo.sign_in().view, notes={7: "no such step"})
    with pytest.raises(WidgetError, match="7 notes for 6 steps"):
        DynamicStepper(demo.sign_in().view, notes=["n"] * 7)


def test_saga_stepper_offers_only_the_failures_asked_for():
    from c4kit.widgets import SagaStepper, WidgetError

    m = demo.trip_saga()
    full = SagaStepper(m.saga, m.ws.container_view(m.travel))
    narrow = SagaStepper(m.saga, m.ws.container_view(m.travel), failures=["Charge card"])
    assert [o.value for o in narrow.frameset().controls[0].options] == ["none", "Charge card"]
    assert narrow.frame_count * 2 == full.frame_count
    values = {**full.values, "fail": "Charge card", "step": "12"}
    assert narrow.frame_for(values) == full.frame_for(values)
    with pytest.raises(WidgetError, match="does not have"):
        SagaStepper(m.saga, failures=["Book taxi"])


def test_cache_failure_writes_request_rates_only_on_the_request_path():
    ws = Workspace("Catalogue")
    s = ws.system("Catalogue")
    web = s.container("Web", "Go", "Serves product pages")
    redis = s.container("Redis cache", "Redis", "Product pages")
    db = s.database("Product DB", "PostgreSQL", "Products")
    admin = s.container("Admin", "Django", "Edits products")
    web.uses(redis, "Looks up")
    web.uses(db, "Reads on a miss")
    admin.uses(redis, "Invalidates keys")
    admin.uses(db, "Writes")
    widget = CacheTierFailure(ws.container_view(s), tiers=[CacheTier(redis, 1)], origin=Origin(db, capacity=500),
                              rate=100, hit_ratios=(0.9,), clients=[web], flowchart=True)
    text = shown(widget)
    assert "Looks up (100 req/s)" in text and "Reads on a miss (10 req/s)" in text
    assert "Invalidates keys (" not in text and "Writes (" not in text
    with pytest.raises(WidgetError, match="clients names 'nobody'"):
        CacheTierFailure(ws.container_view(s), tiers=[CacheTier(redis, 1)], origin=Origin(db), clients=["nobody"])


def test_state_stepper_writes_a_self_transition_inside_its_state():
    from c4kit.sim import StateMachine

    machine = StateMachine("Order", [("Pending", "pay", "Paid"), ("Paid", "ship", "Shipped"),
                                     ("Shipped", "retry delivery", "Shipped"), ("Shipped", "deliver", "Delivered")],
                           initial="Pending", final=["Delivered"])
    stepper = StateMachineStepper(machine, ["pay", "ship", "retry delivery"])
    texts = [f.mermaid for f in stepper.frameset().frames]
    assert all("s_Shipped --> s_Shipped" not in t for t in texts)  # no loop for Mermaid to mislabel
    assert 'state "Shipped<br/>↻ retry delivery#58; stays here" as s_Shipped' in texts[0]
    assert "↻ retry delivery#58; stays here [TAKEN]" in texts[-1] and "Shipped [CURRENT]" in texts[-1]
