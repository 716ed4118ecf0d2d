"""Overlays: simulation states drawn onto views, without touching the input, never by colour alone."""

from __future__ import annotations

import copy

import pytest

from c4kit import Workspace
from c4kit.errors import C4ModelError
from c4kit.sim import (
    MARKS,
    PALETTE,
    BreakerConfig,
    BreakerState,
    FailureSimulation,
    Mark,
    Saga,
    SagaStep,
    blast_radius,
    blue_green,
    breaker_overlay,
    canary,
    failure_overlay,
    legend,
    mark,
    overlay,
    rollout_overlay,
    saga_overlay,
    simulate_breaker,
)


def shop():
    ws = Workspace("Bookshop")
    m = {"ws": ws, "customer": ws.person("Customer", "Buys books")}
    m["shop"] = s = ws.system("Bookshop", "Sells books")
    m["web"] = s.container("Web Shop", "Django", "Serves pages")
    m["api"] = s.container("API", "FastAPI", "Business logic")
    m["db"] = s.database("Shop DB", "PostgreSQL", "Orders")
    m["pay"] = ws.system("Payments", "Takes money", external=True)
    m["customer"].uses(m["web"], "Buys books", "HTTPS")
    m["web"].uses(m["api"], "Calls", "JSON")
    m["api"].uses(m["db"], "Reads", "SQL")
    handler = m["api"].component("Checkout", "Python", "Takes orders")
    handler.uses(m["pay"], "Charges", "HTTPS", protections=["circuit_breaker"])
    return m


def by_alias(diagram):
    return {n.alias: n for n, _ in diagram.walk()}


def test_failure_overlay_tags_colours_and_describes_without_mutating():
    m = shop()
    view = m["ws"].container_view(m["shop"])
    diagram = view.to_diagram()
    pristine = copy.deepcopy(diagram)
    out = failure_overlay(diagram, blast_radius(m["ws"], {m["db"]: "down"}))
    assert diagram == pristine and out is not diagram
    nodes = by_alias(out)
    assert nodes["shop_db"].label == "Shop DB [DOWN]"
    assert nodes["api"].description == "DOWN: needs Shop DB, which is down. Business logic"
    assert nodes["bookshop"].label == "Bookshop [DOWN]"  # the boundary says it in words
    assert nodes["customer"].label == "Customer"  # people are not coloured in
    styles = {s.alias: s for s in out.element_styles}
    assert styles["shop_db"].bg_color == PALETTE["purple"] and styles["payments"].bg_color == PALETTE["teal"]
    assert "customer" not in styles
    rels = {(r.source, r.target): r for r in out.relationships}
    assert rels[("api", "shop_db")].label == "Reads [FAILING]"
    assert rels[("api", "payments")].label == "Charges"  # healthy arrows keep their label
    assert {(s.source, s.target) for s in out.rel_styles} == {("customer", "web_shop"), ("web_shop", "api"),
                                                              ("api", "shop_db")}


def test_implied_arrows_take_the_worst_status_of_the_calls_they_sum_up():
    m = shop()
    result = blast_radius(m["ws"], {m["pay"]: "down"})
    out = failure_overlay(m["ws"].container_view(m["shop"]), result, describe=False, show_healthy=False)
    rels = {(r.source, r.target): r for r in out.relationships}
    assert rels[("api", "payments")].label == "Charges [DEGRADED]"  # the breaker answers with a fallback
    nodes = by_alias(out)
    assert nodes["api"].label == "API [DEGRADED]" and nodes["api"].description == "Business logic"
    assert {s.alias for s in out.element_styles} == {"web_shop", "api", "payments"}
    context = failure_overlay(m["ws"].context_view(m["shop"]), result)
    assert by_alias(context)["bookshop"].label == "Bookshop [DEGRADED]"


def test_existing_styles_and_offsets_are_kept_where_they_do_not_carry_state():
    m = shop()
    view = m["ws"].container_view(m["shop"])
    view.style(m["db"], bg_color="#123456", shape="RoundedBoxShape").style_rel(m["api"], m["db"], offset_y=-20)
    out = failure_overlay(view, blast_radius(m["ws"], {m["db"]: "down"}))
    style = next(s for s in out.element_styles if s.alias == "shop_db")
    assert style.bg_color == PALETTE["purple"] and style.shape == "RoundedBoxShape"
    assert len([s for s in out.element_styles if s.alias == "shop_db"]) == 1
    rel_style = next(s for s in out.rel_styles if (s.source, s.target) == ("api", "shop_db"))
    assert rel_style.offset_y == -20 and rel_style.line_color == PALETTE["purple"]


def travel():
    ws = Workspace("Travel")
    app = ws.system("Travel")
    m = {"ws": ws, "app": app}
    for key, name in [("booking", "Booking Service"), ("flights", "Flight Service"), ("hotels", "Hotel Service")]:
        m[key] = app.container(name)
    m["bus"] = app.queue("Event Bus", "Kafka")
    m["booking"].uses(m["flights"], "Commands")
    m["booking"].uses(m["hotels"], "Commands")
    for key in ("booking", "flights", "hotels"):
        m[key].uses(m["bus"], "Publishes")
    m["bus"].uses(m["flights"], "Delivers")
    m["bus"].uses(m["hotels"], "Delivers")
    m["bus"].uses(m["booking"], "Delivers")
    m["saga"] = Saga("Trip", [SagaStep(m["flights"], "Reserve seats", "Release seats"),
                              SagaStep(m["hotels"], "Book room", "Cancel room")],
                     coordinator=m["booking"], bus=m["bus"])
    return m


def test_saga_overlay_numbers_the_current_message_and_tags_services():
    m = travel()
    view = m["ws"].container_view(m["app"])
    run = m["saga"].orchestrate(fail_at="Book room")
    frame = run.frame(4)  # the hotel replies that it failed
    out = saga_overlay(view, frame)
    nodes = by_alias(out)
    assert nodes["flight_service"].label == "Flight Service [DONE]"
    assert nodes["hotel_service"].label == "Hotel Service [FAILED]"
    rels = {(r.source, r.target): r for r in out.relationships}
    assert rels[("booking_service", "hotel_service")].label == "4. Book room failed"
    assert rels[("booking_service", "flight_service")].label == "Commands [steps 1, 2]"
    active = next(s for s in out.rel_styles if (s.source, s.target) == ("booking_service", "hotel_service"))
    assert active.line_color == MARKS[Mark.ACTIVE].bg
    last = saga_overlay(view, run.frame(-1))
    assert by_alias(last)["flight_service"].label == "Flight Service [COMPENSATED]"
    choreo = overlay(view, m["saga"].choreograph().frame(2))
    assert {(r.source, r.target): r.label for r in choreo.relationships}[("event_bus", "flight_service")] == \
        "2. Trip requested"


def bluegreen_view():
    ws = Workspace("Shop")
    app = ws.system("Shop")
    web = app.container("Web", "Python")
    env = ws.deployment_environment("Production")
    cloud = env.node("Cloud", "AWS")
    lb = cloud.infrastructure("Load Balancer", "ALB", alias="lb")
    blue = cloud.node("Blue", "ECS", alias="blue")
    green = cloud.node("Green", "ECS", alias="green")
    blue_web = blue.instance(web, replicas=4, alias="blue_web")
    green_web = green.instance(web, replicas=4, alias="green_web")
    lb.uses(blue_web, "Routes")
    lb.uses(green_web, "Routes")
    return ws.deployment_view(env)


def test_rollout_overlay_shows_versions_replicas_and_traffic_in_words():
    view = bluegreen_view()
    release = blue_green(bad_version=True)
    switched = rollout_overlay(view, release.phases[2], groups={"blue": "blue", "green": "green"}, router="lb")
    nodes = by_alias(switched)
    assert nodes["green"].label == "Green [NEW: v2 x4, 100 % traffic]"
    assert nodes["blue"].label == "Blue [IDLE: v1 x4, no traffic]"
    rels = {(r.source, r.target): r.label for r in switched.relationships}
    assert rels == {("lb", "blue_web"): "Routes (0 %)", ("lb", "green_web"): "Routes (100 %)"}
    back = rollout_overlay(view, release.phases[-1], groups={"blue": "blue", "green": "green"}, router="lb")
    assert by_alias(back)["green"].label == "Green [ROLLED BACK: v2 x4, no traffic]"
    assert by_alias(back)["blue"].label == "Blue [v1 x4, 100 % traffic]"
    with pytest.raises(C4ModelError, match="no group 'canary'"):
        rollout_overlay(view, release.phases[0], groups={"canary": "blue"})
    with pytest.raises(C4ModelError, match="not in the diagram"):
        rollout_overlay(view, release.phases[0], groups={"blue": "purple"})
    step = canary().phases[1]
    out = overlay(view, step, groups={"stable": "blue", "canary": "green"}, router="lb")
    assert {(r.source, r.target): r.label for r in out.relationships}[("lb", "green_web")] == "Routes (10 %)"


def test_breaker_overlay_follows_the_call():
    ws = Workspace("Svc")
    svc = ws.system("Order Service")
    app = svc.container("App")
    logic = app.component("Business Logic", alias="logic")
    breaker = app.component("Circuit Breaker", alias="breaker")
    client = app.component("Service B Client", alias="client")
    fallback = app.component("Fallback Handler", alias="fallback")
    logic.uses(breaker, "Calls")
    breaker.uses(client, "Protected call")
    breaker.uses(fallback, "When open")
    view = ws.component_view(app)
    run = simulate_breaker([(0, False), (1, False), (2, True)], BreakerConfig(window_size=2, minimum_calls=2))
    opened = breaker_overlay(view, run.calls[2], breaker=breaker, dependency=client, fallback="fallback")
    rels = {(r.source, r.target): r.label for r in opened.relationships}
    assert by_alias(opened)["breaker"].label == "Circuit Breaker [OPEN]"
    assert rels[("breaker", "client")] == "Protected call [NO CALLS: circuit open]"
    assert rels[("breaker", "fallback")] == "When open [#3 fallback]"
    passed = breaker_overlay(view, run.calls[0], breaker="breaker", dependency="client")
    assert {(r.source, r.target): r.label for r in passed.relationships}[("breaker", "client")] == \
        "Protected call [#1 passed, failed]"
    assert by_alias(overlay(view, BreakerState.HALF_OPEN, breaker="breaker"))["breaker"].label == \
        "Circuit Breaker [HALF-OPEN]"


def test_generic_mark_checks_aliases_and_legend_spells_out_colours():
    m = shop()
    view = m["ws"].container_view(m["shop"])
    with pytest.raises(C4ModelError, match="'nope', which is not in the diagram"):
        mark(view, {"nope": Mark.DOWN})
    with pytest.raises(C4ModelError, match="arrow web_shop -> shop_db"):
        mark(view, relationships={("web_shop", "shop_db"): Mark.DOWN})
    with pytest.raises(C4ModelError, match="no overlay for"):
        overlay(view, 42)
    assert legend("failure") == [
        ("#029E73", "teal = healthy (no tag)"),
        ("#DE8F05", "orange [DEGRADED] = degraded: works partly, slowly or on stale data"),
        ("#CC78BC", "purple [DOWN] = down: not working"),
    ]
    assert len(legend()) == len(Mark)
    assert all(colour in PALETTE.values() for colour, _ in legend())
    with pytest.raises(C4ModelError, match="no legend"):
        legend("weather")


def test_every_mark_has_a_word_and_a_readable_font():
    palette = pytest.importorskip("c4kit.mermaid.palette")
    for state, look in MARKS.items():
        assert look.bg in PALETTE.values()
        assert palette.contrast_ratio(look.bg, look.font) >= 4.5, state
        assert look.tag or state is Mark.HEALTHY or state is Mark.ACTIVE  # ACTIVE arrows get a number instead


def test_overlaid_diagrams_still_emit():
    m = shop()
    out = failure_overlay(m["ws"].container_view(m["shop"]), blast_radius(m["ws"], {m["db"]: "down"}))
    flowchart = out.to_flowchart()
    assert "Shop DB [DOWN]" in flowchart
    emit_c4 = pytest.importorskip("c4kit.mermaid.emit_c4")
    text = emit_c4.emit_c4(out)
    assert "UpdateElementStyle(shop_db" in text and "[DOWN]" in text


@pytest.mark.browser
def test_every_frame_of_three_simulations_renders_in_real_mermaid():
    from c4kit.render import render_svgs

    m = shop()
    view = m["ws"].container_view(m["shop"])
    failures = [failure_overlay(view, r).to_mermaid() for r in FailureSimulation(m["ws"]).frames()]
    t = travel()
    saga_view = t["ws"].container_view(t["app"])
    sagas = [saga_overlay(saga_view, f).to_mermaid() for f in t["saga"].choreograph(fail_at=1).frames]
    deploy_view = bluegreen_view()
    phases = [rollout_overlay(deploy_view, p, groups={"blue": "blue", "green": "green"}, router="lb").to_mermaid()
              for p in blue_green(bad_version=True).phases]
    texts = failures + sagas + phases
    results = render_svgs(texts)
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    down = results[next(i for i, text in enumerate(failures) if "Shop DB [DOWN]" in text)].svg
    assert "Shop DB [DOWN]" in down and PALETTE["purple"].lower() in down.lower()
    assert "2. Trip requested" in results[len(failures) + 2].svg
