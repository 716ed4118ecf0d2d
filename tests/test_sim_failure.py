"""Blast radius: the propagation rules, reason chains, journeys, the diagram adapter, and properties."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from c4kit import Workspace
from c4kit.errors import C4ModelError
from c4kit.model.diagram import (
    Boundary,
    BoundaryKind,
    DeploymentNode,
    Diagram,
    DiagramKind,
    Element,
    ElementKind,
    RelKind,
    Shape,
)
from c4kit.model.diagram import Relationship as DRel
from c4kit.sim import FailureSimulation, Journey, Status, Topology, blast_radius, derive_journeys
from c4kit.sim.topology import PROTECTIONS

DOWN, DEGRADED, HEALTHY = Status.DOWN, Status.DEGRADED, Status.HEALTHY


def bookshop(**protections):
    """Customer -> web -> api -> db, api -> queue -> worker -> db, api -> payments (external)."""
    ws = Workspace("Bookshop")
    m = {"ws": ws}
    m["customer"] = ws.person("Customer", "Buys books")
    m["shop"] = shop = ws.system("Bookshop", "Sells books")
    m["web"] = shop.container("Web Shop", "Django", "Serves pages")
    m["api"] = shop.container("API", "FastAPI", "Business logic")
    m["db"] = shop.database("Shop DB", "PostgreSQL", "Orders")
    m["queue"] = shop.queue("Order Queue", "RabbitMQ", "Orders to ship")
    m["worker"] = shop.container("Shipping Worker", "Python", "Ships orders")
    m["payments"] = ws.system("Payments", "Takes money", external=True)
    m["customer"].uses(m["web"], "Buys books", "HTTPS")
    m["web"].uses(m["api"], "Calls", "JSON/HTTPS", protections=protections.get("web_api", ()))
    m["api"].uses(m["db"], "Reads and writes", "SQL", protections=protections.get("api_db", ()))
    m["api"].uses(m["queue"], "Publishes orders", "AMQP")
    m["queue"].uses(m["worker"], "Delivers orders", "AMQP", protections=protections.get("queue_worker", ()))
    m["worker"].uses(m["db"], "Updates orders", "SQL")
    m["api"].uses(m["payments"], "Charges", "HTTPS", protections=protections.get("api_payments", ()))
    return m


# ---------------------------------------------------------------------------
# The rules, one by one
# ---------------------------------------------------------------------------

def test_nothing_marked_means_everything_healthy():
    m = bookshop()
    result = blast_radius(m["ws"])
    assert result.down == () and result.degraded == ()
    assert result.title == "No failure"
    assert all(j.status is HEALTHY for j in result.journeys)


def test_unprotected_synchronous_failure_propagates_with_a_reason_chain():
    m = bookshop()
    result = blast_radius(m["ws"], {m["db"]: "down"})
    assert set(result.down) == {"shop_db", "api", "web_shop", "shipping_worker", "bookshop"}
    assert result["web_shop"].reason == (
        "Web Shop is down because it calls API synchronously (JSON/HTTPS) and API is down; "
        "no circuit breaker or fallback protects that call.")
    assert result.explain(m["web"]).splitlines() == [
        result["web_shop"].reason,
        "API is down because it calls Shop DB synchronously (SQL) and Shop DB is down; "
        "no circuit breaker or fallback protects that call.",
        "Shop DB is down because it was marked down.",
    ]
    assert result["shop_db"].injected and not result["api"].injected
    # People are never "down": journeys say what they can still do.
    assert result.status(m["customer"]) is HEALTHY
    assert result["payments"].status is HEALTHY


def test_circuit_breaker_keeps_the_caller_up_but_degraded():
    m = bookshop(api_payments=["circuit_breaker"])
    result = blast_radius(m["ws"], {m["payments"]: "down"})
    assert result.status(m["api"]) is DEGRADED
    assert "circuit breaker opens and a fallback serves stale or default data" in result["api"].reason
    call = next(r for r in result.relationships if r.target == "payments")
    assert call.status is DEGRADED and call.mechanism == "circuit_breaker"
    assert result.status(m["web"]) is DEGRADED  # web waits on a degraded API
    assert result.status(m["db"]) is HEALTHY


@pytest.mark.parametrize(("protection", "caller", "call"), [
    ([], DOWN, DOWN),
    (["retry"], DOWN, DOWN),
    (["timeout"], DEGRADED, DOWN),
    (["bulkhead"], DEGRADED, DOWN),
    (["circuit_breaker"], DEGRADED, DEGRADED),
    (["failover"], HEALTHY, DEGRADED),
    (["circuit-breaker", "retry"], DEGRADED, DEGRADED),
])
def test_each_protection_against_a_dead_dependency(protection, caller, call):
    m = bookshop(api_payments=protection)
    result = blast_radius(m["ws"], {m["payments"]: "down"})
    assert result.status(m["api"]) is caller
    assert next(r for r in result.relationships if r.target == "payments").status is call


def test_retry_rides_out_a_degraded_dependency_but_not_a_dead_one():
    m = bookshop(api_db=["retry"])
    degraded = blast_radius(m["ws"], {m["db"]: "degraded"})
    assert degraded.status(m["api"]) is HEALTHY
    assert "retries with exponential backoff" in next(r for r in degraded.relationships
                                                      if (r.source, r.target) == ("api", "shop_db")).reason
    dead = blast_radius(m["ws"], {m["db"]: "down"})
    assert dead.status(m["api"]) is DOWN
    assert "retries cannot bring back a dead dependency" in dead["api"].reason
    unprotected = blast_radius(bookshop()["ws"], {"shop_db": "degraded"})
    assert unprotected.status("api") is DEGRADED


def test_failover_can_count_as_degraded():
    m = bookshop(api_db=["failover"])
    assert blast_radius(m["ws"], {m["db"]: "down"}).status(m["api"]) is HEALTHY
    result = blast_radius(m["ws"], {m["db"]: "down"}, failover_degrades=True)
    assert result.status(m["api"]) is DEGRADED and "replica takes over" in result["api"].reason


def test_a_queue_absorbs_the_outage_of_its_consumer():
    m = bookshop()
    result = blast_radius(m["ws"], {m["worker"]: "down"})
    assert result.status(m["queue"]) is HEALTHY and result.status(m["api"]) is HEALTHY
    delivery = next(r for r in result.relationships if r.target == "shipping_worker")
    assert not delivery.sync and delivery.status is DEGRADED
    assert "messages wait in Order Queue until it recovers" in delivery.reason
    ship = Journey("Ship", [m["customer"], m["web"], m["api"], m["queue"], m["worker"]])
    outcome = FailureSimulation(m["ws"], [ship]).run({m["worker"]: "down"}).journey("Ship")
    assert outcome.status is DEGRADED and outcome.blocked_at == "order_queue -> shipping_worker"
    assert outcome.reason == ("Ship is degraded: Shipping Worker is down; messages wait in Order Queue "
                              "until it recovers")
    assert outcome.chain == ("Shipping Worker is down because it was marked down.",)


def test_dlq_is_mentioned_and_a_dead_broker_degrades_its_publisher():
    m = bookshop(queue_worker=["dlq"])
    result = blast_radius(m["ws"], {m["worker"]: "down"})
    assert "dead-letter queue" in next(r for r in result.relationships if r.target == "shipping_worker").reason
    broker = blast_radius(m["ws"], {m["queue"]: "down"})
    assert broker.status(m["api"]) is DEGRADED
    assert "cannot be sent until Order Queue recovers" in broker["api"].reason


def test_explicit_sync_flag_and_queue_protection_make_calls_asynchronous():
    ws = Workspace()
    a, b, c = ws.system("A"), ws.system("B"), ws.system("C")
    a.uses(b, "Notifies", sync=False)
    a.uses(c, "Sends jobs", protections=["queue"])
    result = blast_radius(ws, [b, c])
    assert result.status(a) is HEALTHY
    topo = Topology.from_workspace(ws)
    assert [(e.sync, e.sync_basis) for e in topo.edges] == [(False, "explicit"), (False, "protection")]


def test_technology_saying_async_is_asynchronous():
    ws = Workspace()
    a, b = ws.system("A"), ws.system("B")
    a.uses(b, "Publishes", "Async")
    assert Topology.from_workspace(ws).edges[0].sync is False


# ---------------------------------------------------------------------------
# Parents and children
# ---------------------------------------------------------------------------

def test_a_marked_parent_takes_its_children_with_it():
    m = bookshop()
    result = blast_radius(m["ws"], {m["shop"]: "down"})
    assert result.status(m["db"]) is DOWN
    assert result["shop_db"].reason == "Shop DB is down because it is inside Bookshop, which was marked down."
    degraded = blast_radius(m["ws"], {m["shop"]: "degraded"})
    assert degraded.status(m["worker"]) is DEGRADED


def test_a_parent_is_down_only_when_every_entry_point_is_down():
    m = bookshop()
    worker_down = blast_radius(m["ws"], {m["worker"]: "down"})
    assert worker_down.status(m["shop"]) is DEGRADED
    assert worker_down["bookshop"].reason == ("Bookshop is degraded because part of it is not working: "
                                              "Shipping Worker is down.")
    web_down = blast_radius(m["ws"], {m["web"]: "down"})
    assert web_down.status(m["shop"]) is DOWN  # the web shop is the only thing outsiders call
    assert "its entry point Web Shop is down" in web_down["bookshop"].reason


def test_system_level_relationship_uses_the_parent_status():
    ws = Workspace()
    shop = ws.system("Shop")
    shop.container("Web")
    partner = ws.system("Partner")
    partner.uses(shop, "Orders stock")
    result = blast_radius(ws, {"web": "down"})
    assert result.status(shop) is DOWN and result.status(partner) is DOWN


def test_cycles_terminate_and_chains_end_at_a_marked_element():
    ws = Workspace()
    a, b, c = ws.system("A"), ws.system("B"), ws.system("C")
    a.uses(b, "x", bidirectional=True)
    b.uses(c, "y")
    result = blast_radius(ws, {c: "down"})
    assert result.down == ("a", "b", "c")
    assert result["a"].chain[-1] == "C is down because it was marked down."


# ---------------------------------------------------------------------------
# Journeys
# ---------------------------------------------------------------------------

def test_journeys_fail_degrade_or_work_with_reasons():
    m = bookshop(api_payments=["circuit_breaker"])
    checkout = Journey("Checkout", [m["customer"], m["web"], m["api"], m["db"]])
    pay = Journey("Pay", [m["customer"], m["web"], m["api"], m["payments"]])
    sim = FailureSimulation(m["ws"], [checkout, pay])
    db_down = sim.run({m["db"]: "down"})
    assert db_down.failed_journeys == ("Checkout", "Pay")
    assert db_down.journey("Checkout").reason.startswith("Checkout fails: Web Shop is down because")
    assert db_down.journey("Checkout").chain[-1] == "Shop DB is down because it was marked down."
    payments_down = sim.run({m["payments"]: "down"})
    assert payments_down.journey("Pay").status is DEGRADED
    assert payments_down.journey("Pay").verdict == "is degraded"


def test_a_bulkhead_only_fails_the_journeys_through_that_dependency():
    ws = Workspace()
    user = ws.person("User")
    app = ws.system("App")
    web = app.container("Web")
    api = app.container("API")
    reports = app.container("Reports")
    user.uses(web, "Uses")
    web.uses(api, "Calls")
    api.uses(reports, "Builds reports", protections=["bulkhead"])
    sim = FailureSimulation(ws, [Journey("Order", [user, web, api]), Journey("Report", [user, web, api, reports])])
    result = sim.run({reports: "down"})
    assert result.status(api) is DEGRADED
    assert result.journey("Order").status is HEALTHY
    assert result.journey("Report").status is DOWN


def test_a_shielding_call_caps_the_journey_at_degraded():
    m = bookshop(api_db=["failover"])
    sim = FailureSimulation(m["ws"], [Journey("Checkout", [m["customer"], m["web"], m["api"], m["db"]])])
    outcome = sim.run({m["db"]: "down"}).journey("Checkout")
    assert outcome.status is DEGRADED and outcome.blocked_at == "api -> shop_db"
    assert "replica serves the calls" in outcome.reason


def test_derived_journeys_follow_the_people():
    m = bookshop()
    journeys = derive_journeys(m["ws"])
    assert [(j.name, j.path) for j in journeys] == [("Customer: Buys books", ("customer", "web_shop"))]
    assert blast_radius(m["ws"], m["db"]).failed_journeys == ("Customer: Buys books",)


def test_journey_hops_may_be_recorded_between_components():
    ws = Workspace()
    user = ws.person("User")
    app = ws.system("App")
    web, api = app.container("Web"), app.container("API")
    handler = web.component("Handler")
    user.uses(web, "Uses")
    handler.uses(api, "Calls")
    result = FailureSimulation(ws, [Journey("J", [user, web, api])]).run({api: "down"})
    assert result.journey("J").status is DOWN


# ---------------------------------------------------------------------------
# Diagram adapter, scenarios, bad input
# ---------------------------------------------------------------------------

def test_a_parsed_style_diagram_can_be_simulated_with_tags_and_calls():
    diagram = Diagram(DiagramKind.DEPLOYMENT, "Deployment", nodes=[
        Element("lb", "Load balancer", ElementKind.CONTAINER),
        DeploymentNode("node1", "Server 1", children=[Element("web1", "Web", ElementKind.CONTAINER)]),
        Boundary("grp", "Data", BoundaryKind.GENERIC, children=[
            Element("db", "DB", ElementKind.CONTAINER, shape=Shape.DB),
            Element("q", "Jobs", ElementKind.CONTAINER, shape=Shape.QUEUE)]),
    ], relationships=[
        DRel("lb", "web1", "Routes"),
        DRel("web1", "db", "Reads", tags="circuit_breaker"),
        DRel("web1", "q", "Enqueues"),
        DRel("db", "lb", "Health checks", kind=RelKind.REL_BACK),
    ])
    topo = Topology.from_diagram(diagram)
    assert topo.node("web1").parent == "node1" and topo.node("db").parent is None
    assert topo.edges[1].protections == ("circuit_breaker",)
    assert (topo.edges[3].source, topo.edges[3].target) == ("lb", "db")
    assert blast_radius(diagram, {"node1": "down"}).status("lb") is DOWN
    assert blast_radius(diagram, {"db": "down"}).status("web1") is DEGRADED
    with_timeout = Topology.from_diagram(diagram, calls={("web1", "db"): ["timeout"]})
    assert with_timeout.edges[1].protections == ("circuit_breaker", "timeout")
    with pytest.raises(C4ModelError, match="no such relationship"):
        Topology.from_diagram(diagram, calls={("db", "web1"): ["retry"]})


def test_views_are_accepted_and_with_call_is_a_what_if():
    m = bookshop()
    view_result = blast_radius(m["ws"].container_view(m["shop"]), {"shop_db": "down"})
    assert view_result.status("api") is DOWN
    topo = Topology.of(m["ws"]).with_call(m["api"], m["db"], protections=["circuit_breaker"])
    assert blast_radius(topo, {"shop_db": "down"}).status("api") is DEGRADED
    assert blast_radius(m["ws"], {"shop_db": "down"}).status("api") is DOWN  # the model is untouched


def test_scenarios_enumerate_every_single_fault():
    m = bookshop()
    sim = FailureSimulation(m["ws"])
    scenarios = sim.scenarios(statuses=("down", "degraded"))
    non_people = [n.alias for n in sim.topology.nodes if n.kind != "person"]
    assert len(scenarios) == 1 + 2 * len(non_people)
    assert scenarios[0].key == "none" and scenarios[1].key == f"{non_people[0]}:down"
    assert len({s.key for s in scenarios}) == len(scenarios)
    frames = sim.frames(statuses=("down",))
    assert [f.title for f in frames][:2] == ["No failure", "Bookshop down"]


def test_bad_input_is_explained():
    m = bookshop()
    with pytest.raises(C4ModelError, match="'shop_dbb' is not an element") as err:
        blast_radius(m["ws"], {"shop_dbb": "down"})
    assert "shop_db" in err.value.hint
    with pytest.raises(C4ModelError, match="unknown status"):
        blast_radius(m["ws"], {"shop_db": "exploded"})
    with pytest.raises(C4ModelError, match="unknown protection") as err:
        m["api"].uses(m["worker"], "Pokes", protections=["circuit_braker"])
        blast_radius(m["ws"])
    assert "circuit_breaker" in err.value.hint
    m = bookshop()
    with pytest.raises(C4ModelError, match="nothing there calls it"):
        FailureSimulation(m["ws"], [Journey("Backwards", [m["db"], m["api"]])])
    with pytest.raises(C4ModelError, match="at least two"):
        Journey("Lonely", [m["web"]])


def test_result_renders_as_text_and_html():
    m = bookshop()
    result = blast_radius(m["ws"], {m["db"]: "down"})
    assert "Shop DB down: 5 down, 0 degraded" in repr(result)
    html = result._repr_html_()
    assert "<table" in html and "Journey: Customer: Buys books" in html
    assert ("Shop DB", "down", "Shop DB is down because it was marked down.") in result.details()


def test_sixty_elements_simulate_quickly():
    ws = Workspace("Big")
    systems = [ws.system(f"S{i}") for i in range(12)]
    containers = [s.container(f"C{i}{j}") for i, s in enumerate(systems) for j in range(4)]
    for i, c in enumerate(containers):
        c.uses(containers[(i + 1) % len(containers)], "calls", protections=["retry"] if i % 3 else [])
        c.uses(containers[(i * 7 + 3) % len(containers)], "reads", sync=i % 2 == 0)
    sim = FailureSimulation(ws)
    assert len(sim.topology.nodes) == 60
    sim.run({containers[5]: "down"})
    start = time.perf_counter()
    for c in containers[:20]:
        sim.run({c: "down"})
    per_run = (time.perf_counter() - start) / 20
    assert per_run < 0.01, f"{per_run * 1000:.2f} ms per run"


# ---------------------------------------------------------------------------
# Properties over random models
# ---------------------------------------------------------------------------

@st.composite
def random_models(draw):
    ws = Workspace()
    elements = []
    for i in range(draw(st.integers(2, 7))):
        system = ws.system(f"S{i}", shape=draw(st.sampled_from(["plain", "plain", "queue"])))
        elements.append(system)
        for j in range(draw(st.integers(0, 3))):
            elements.append(system.container(f"C{i}{j}", shape=draw(st.sampled_from(["plain", "db", "queue"]))))
    for _ in range(draw(st.integers(1, 14))):
        a, b = draw(st.sampled_from(elements)), draw(st.sampled_from(elements))
        if a is b:
            continue
        a.uses(b, "uses", sync=draw(st.sampled_from([None, True, False])),
               protections=draw(st.lists(st.sampled_from(PROTECTIONS), max_size=2)))
    faults = draw(st.dictionaries(st.sampled_from(elements), st.sampled_from([DOWN, DEGRADED]), max_size=3))
    return ws, faults


PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(random_models())
def test_an_asynchronous_or_shielded_call_never_takes_its_caller_down(model):
    ws, faults = model
    topo = Topology.of(ws)
    result = blast_radius(topo, faults)
    marked = {e.alias for e in faults}
    for node in topo.nodes:
        calls = [topo.edges[i] for i in topo.calls_from(node.alias)]
        # One failover target stands for an undrawn replica, so it always shields; several drawn ones are
        # alternatives, and when all of them are down the caller is too (tested on its own below).
        lone_failover = len({e.target for e in calls if e.has("failover")}) == 1
        safe = all(not e.sync or (e.has("failover") and lone_failover) or e.has("circuit_breaker")
                   or e.has("bulkhead") or e.has("timeout") for e in calls)
        inside_marked = any(a in marked for a in (node.alias, *topo.ancestors(node.alias)))
        if safe and not inside_marked and not topo.children(node.alias):
            assert result.status(node.alias) is not DOWN


@PROPS
@given(random_models())
def test_every_reason_chain_ends_at_a_marked_element(model):
    ws, faults = model
    result = blast_radius(ws, faults)
    marked_names = {e.name for e in faults}
    for outcome in result.elements:
        if outcome.status is HEALTHY:
            assert outcome.chain == ()
            continue
        assert outcome.chain[0] == outcome.reason and len(set(outcome.chain)) == len(outcome.chain)
        last = outcome.chain[-1]
        assert any(last.startswith(f"{name} is ") and "was marked" in last for name in marked_names)


@PROPS
@given(random_models(), st.data())
def test_protection_and_fewer_faults_never_make_anything_worse(model, data):
    ws, faults = model
    before = blast_radius(ws, faults)
    if ws.relationships:
        rel = data.draw(st.sampled_from(ws.relationships))
        added = (*rel.protections, data.draw(st.sampled_from(PROTECTIONS)))
        topo = Topology.of(ws).with_call(rel.source, rel.target, protections=added)
        after = blast_radius(topo, faults)
        for outcome in before.elements:
            assert after.status(outcome.alias).severity <= outcome.status.severity
    # Failover is the one honest exception to "fewer faults, no worse": it shields a caller from a target
    # that is down, not from one that is merely degraded (a grey failure), so healing a fault can turn a
    # failed-over "down" into a slow "degraded".  test_failover_shields_from_down_not_from_degraded pins it.
    if faults and not any("failover" in r.protections for r in ws.relationships):
        fewer = dict(list(faults.items())[1:])
        smaller = blast_radius(ws, fewer)
        for outcome in before.elements:
            assert smaller.status(outcome.alias).severity <= outcome.status.severity


def test_mermaid_text_can_be_simulated():
    parse = pytest.importorskip("c4kit.mermaid.parse").parse
    diagram = parse('''C4Container
    title Shop
    Person(customer, "Customer")
    System_Boundary(shop, "Shop") {
        Container(web, "Web", "Django")
        ContainerDb(db, "DB", "PostgreSQL")
        ContainerQueue(q, "Jobs", "RabbitMQ")
        Container(worker, "Worker", "Python")
    }
    System_Ext(pay, "Payments")
    Rel(customer, web, "Buys")
    Rel(web, db, "Reads", "SQL")
    Rel(web, pay, "Charges", "HTTPS", $tags="circuit_breaker")
    Rel(web, q, "Enqueues")
    Rel(q, worker, "Delivers")
''')
    result = blast_radius(diagram, {"pay": "down"})
    assert result.status("web") is DEGRADED and result.status("shop") is DEGRADED
    assert blast_radius(diagram, "worker").status("web") is HEALTHY
    db_down = blast_radius(diagram, "db")
    assert db_down.status("shop") is DOWN and db_down.failed_journeys == ("Customer: Buys",)


def _two_regions():
    from c4kit import Workspace

    ws = Workspace("Failover")
    users = ws.person("Users", "Use the shop")
    shop = ws.system("Shop", "Sells things")
    dns = shop.container("DNS", "Route 53", "Health-checked routing")
    east = shop.container("API east", "Go", "Region east")
    west = shop.container("API west", "Go", "Region west")
    db = shop.database("Orders DB", "PostgreSQL", "Orders")
    users.uses(dns, "Resolves the shop", "DNS")
    for api in (east, west):
        dns.uses(api, "Routes to", "HTTPS", protections=["failover"])
        api.uses(db, "Reads and writes", "SQL")
    return ws, dns, east, west, db


def test_failover_between_drawn_alternatives_fails_only_when_every_alternative_is_down():
    from c4kit.sim import blast_radius

    ws, _dns, east, west, _ = _two_regions()
    one = blast_radius(ws, [east])
    assert one["dns"].status.value == "healthy"
    assert "failover sends the calls to API west" in next(
        r.reason for r in one.relationships if (r.source, r.target) == ("dns", "api_east"))
    both = blast_radius(ws, [east, west])
    assert both["dns"].status.value == "down"
    assert "every alternative it fails over to" in both["dns"].reason
    assert all(j.status.value == "down" for j in both.journeys)


def test_a_degraded_alternative_is_routed_around_while_another_is_healthy():
    from c4kit.sim import blast_radius

    ws, _dns, east, west, _ = _two_regions()
    assert blast_radius(ws, {east: "degraded"})["dns"].status.value == "healthy"
    strained = blast_radius(ws, {east: "degraded", west: "degraded"})
    assert strained["dns"].status.value == "degraded" and "no alternative" in strained["dns"].reason


def test_a_single_failover_call_still_stands_for_an_undrawn_replica():
    from c4kit import Workspace
    from c4kit.sim import blast_radius

    ws = Workspace("Replica")
    shop = ws.system("Shop", "Sells things")
    api = shop.container("API", "Go", "Serves")
    db = shop.database("DB", "PostgreSQL", "Data")
    api.uses(db, "Reads", "SQL", protections=["failover"])
    assert blast_radius(ws, [db])["api"].status.value == "healthy"


def test_same_named_boxes_are_told_apart_by_the_nearest_node_that_differs():
    ws = Workspace("Shop")
    shop = ws.system("Shop")
    web, db = shop.container("Web App", "Django"), shop.database("DB", "PostgreSQL")
    web.uses(db, "Reads", "SQL")
    env = ws.deployment_environment("Live")
    for region in ("EU", "US"):
        cluster = env.node(f"{region} region", "AWS").node("Kubernetes cluster", "EKS")
        cluster.instance(web), cluster.instance(db)
    names = [n.name for n in Topology.from_diagram(ws.deployment_view(env)).nodes]
    # the region, not the cluster name both regions share
    assert "Web App (EU region)" in names and "Web App (US region)" in names
    assert "Kubernetes cluster (EU region)" in names and "EU region" in names
    result = blast_radius(ws.deployment_view(env), {"db_kubernetes_cluster": "down"})
    assert "DB (EU region) is down" in result["web_app_kubernetes_cluster"].reason


def test_boxes_alike_at_every_level_fall_back_to_their_alias():
    from c4kit.mermaid.parse import parse

    twins = parse('C4Container\n  Container(a, "Worker", "Go")\n  Container(b, "Worker", "Go")\n  Rel(a, b, "Pings")\n')
    assert [n.name for n in Topology.from_diagram(twins).nodes] == ["Worker (a)", "Worker (b)"]


def test_failover_shields_from_down_not_from_degraded():
    ws = Workspace("Shop")
    web, db = ws.system("Web"), ws.system("DB")
    web.uses(db, "Reads", protections=["failover"])
    assert blast_radius(ws, {db: DOWN}).status("web") is HEALTHY  # the replica takes over
    grey = blast_radius(ws, {db: DEGRADED})
    assert grey.status("web") is DEGRADED  # health checks pass, so nothing fails over: answers are slow
