"""The workspace API and the views derived from it."""

from __future__ import annotations

import copy

import pytest

from c4kit.errors import C4ModelError
from c4kit.model import (
    Boundary,
    BoundaryKind,
    DeploymentNode,
    DiagramKind,
    Element,
    ElementKind,
    RelKind,
    Shape,
    Workspace,
)
from c4kit.model.serialize import diagram_from_dict, diagram_to_dict
from c4kit.model.workspace import slugify


def bookshop() -> tuple[Workspace, dict]:
    """A small but complete model: enterprise, containers, components, an external system."""
    ws = Workspace("Bookshop")
    org = ws.enterprise("Bookshop Ltd")
    customer = ws.person("Customer", "Buys books online")
    staff = org.person("Shop Staff", "Keeps the catalogue up to date")
    shop = org.system("Bookshop", "Lets customers find and buy books")
    pay = ws.system("Payment Provider", "Takes card payments", external=True)
    web = shop.container("Web Shop", "Python, Django", "Serves the catalogue and checkout")
    db = shop.database("Shop Database", "PostgreSQL", "Books, stock and orders")
    checkout = web.component("Checkout", "Django view", "Turns a basket into an order")
    orders = web.component("Order Repository", "Django ORM", "Reads and writes orders")
    customer.uses(web, "Browses and buys books", "HTTPS")
    staff.uses(shop, "Updates the catalogue")
    checkout.uses(orders, "Saves the order")
    orders.uses(db, "Reads and writes", "SQL")
    checkout.uses(pay, "Charges the card", "HTTPS/JSON")
    return ws, dict(customer=customer, staff=staff, shop=shop, pay=pay, web=web, db=db, checkout=checkout,
                    orders=orders, org=org)


def rels(diagram) -> set[tuple[str, str, str]]:
    return {(r.source, r.target, r.label) for r in diagram.relationships}


def shape_of(diagram) -> list[tuple[int, str, str]]:
    return [(len(parents), type(node).__name__, node.alias) for node, parents in diagram.walk()]


class TestAliases:
    def test_slugify_folds_accents_and_symbols(self):
        assert slugify("Web Shop (v2)") == "web_shop_v2"
        assert slugify("Café Zürich") == "cafe_zurich"
        assert slugify("3D Renderer") == "e_3d_renderer"
        assert slugify("🚀") == "element"
        assert slugify("订单服务") == "element"

    def test_derived_aliases_are_unique(self):
        ws = Workspace()
        a = ws.system("API")
        b = ws.system("API")
        c = ws.system("订单服务")
        d = ws.system("支付服务")
        assert [a.alias, b.alias, c.alias, d.alias] == ["api", "api_2", "element", "element_2"]

    def test_explicit_alias_must_be_valid_and_free(self):
        ws = Workspace()
        ws.system("Shop", alias="shop")
        with pytest.raises(C4ModelError, match="already used"):
            ws.system("Other", alias="shop")
        with pytest.raises(C4ModelError, match="cannot be used in Mermaid") as err:
            ws.system("Bad", alias="my-shop")
        assert "my_shop" in err.value.hint

    def test_lookup_by_alias(self):
        ws, e = bookshop()
        assert ws["web_shop"] is e["web"]
        with pytest.raises(KeyError, match="nothing with the alias 'nope'") as err:
            ws["nope"]
        assert "known aliases:" in err.value.hint and "web_shop" in err.value.hint
        with pytest.raises(KeyError) as typo:  # a typo gets the close match, not the whole list
            ws["web_shp"]
        assert typo.value.hint == "did you mean 'web_shop'?"

    def test_lookup_finds_groups_nodes_and_instances_too(self):
        ws = Workspace("Shop")
        zone = ws.group("Partner zone", alias="partners")
        shop = ws.system("Shop")
        web = shop.container("Web", "Django")
        env = ws.deployment_environment("Live")
        node = env.node("eu-west-1", "AWS region", alias="eu")
        lb = node.infrastructure("Load Balancer", "AWS ALB", alias="lb")
        instance = node.instance(web, alias="web_eu")
        assert ws["partners"] is zone and ws["eu"] is node and ws["lb"] is lb and ws["web_eu"] is instance
        assert "lb" in ws and "nope" not in ws and 3 not in ws
        assert ws.environments == [env]
        with pytest.raises(C4ModelError, match="aliases are strings"):
            ws[0]

    def test_empty_name_is_refused(self):
        with pytest.raises(C4ModelError, match="needs a name"):
            Workspace().person("  ")


class TestElements:
    def test_kinds_and_shapes(self):
        _ws, e = bookshop()
        assert e["customer"].kind is ElementKind.PERSON
        assert e["db"].shape is Shape.DB and e["db"].parent is e["shop"]
        assert e["checkout"].container is e["web"] and e["web"].system is e["shop"]
        assert e["shop"].containers == [e["web"], e["db"]]
        assert list(e["shop"].descendants()) == [e["web"], e["checkout"], e["orders"], e["db"]]
        assert e["orders"].ancestors() == [e["web"], e["shop"]]

    def test_uses_rejects_non_elements_and_bad_direction(self):
        _ws, e = bookshop()
        with pytest.raises(C4ModelError, match="not an element"):
            e["web"].uses("db", "Reads")
        with pytest.raises(C4ModelError, match="unknown direction"):
            e["web"].uses(e["db"], "Reads", direction="north")
        with pytest.raises(C4ModelError, match="different workspaces"):
            e["web"].uses(Workspace().system("X"), "Calls")

    def test_group_factories_place_elements_in_the_group(self):
        ws = Workspace()
        shop = ws.system("Shop")
        front = shop.group("Frontend")
        spa = front.container("SPA", "React")
        assert spa.in_group is front and spa.parent is shop
        with pytest.raises(AttributeError, match="it can create: container, database, queue"):
            front.contianer  # noqa: B018  (a typo: the message lists what a group of a system can create)


class TestViews:
    def test_context_view_lifts_relationships_to_systems(self):
        ws, e = bookshop()
        d = ws.context_view(e["shop"]).to_diagram()
        assert d.kind is DiagramKind.CONTEXT
        assert rels(d) == {
            ("customer", "bookshop", "Browses and buys books"),
            ("shop_staff", "bookshop", "Updates the catalogue"),
            ("bookshop", "payment_provider", "Charges the card"),
        }
        # The enterprise boundary holds what the organisation owns.
        assert shape_of(d) == [
            (0, "Element", "customer"),
            (0, "Boundary", "bookshop_ltd"),
            (1, "Element", "shop_staff"),
            (1, "Element", "bookshop"),
            (0, "Element", "payment_provider"),
        ]
        assert d.find("bookshop_ltd").kind is BoundaryKind.ENTERPRISE

    def test_context_view_keeps_only_neighbours(self):
        ws, e = bookshop()
        ws.system("Unrelated", "Talks to nobody")
        d = ws.context_view(e["shop"]).to_diagram()
        assert "unrelated" not in d.aliases()
        assert "unrelated" in ws.landscape_view().to_diagram().aliases()

    def test_container_view_draws_the_system_as_a_boundary(self):
        ws, e = bookshop()
        d = ws.container_view(e["shop"]).to_diagram()
        boundary = d.find("bookshop")
        assert isinstance(boundary, Boundary) and boundary.kind is BoundaryKind.SYSTEM
        assert [c.alias for c in boundary.children] == ["web_shop", "shop_database"]
        assert rels(d) == {
            ("customer", "web_shop", "Browses and buys books"),
            ("web_shop", "shop_database", "Reads and writes"),
            ("web_shop", "payment_provider", "Charges the card"),
        }
        # Staff only relate to the system as a whole: no box can carry that arrow here.
        assert "shop_staff" not in d.aliases()
        web = d.find("web_shop")
        assert isinstance(web, Element) and web.technology == "Python, Django"

    def test_component_view_nests_container_in_system(self):
        ws, e = bookshop()
        d = ws.component_view(e["web"]).to_diagram()
        # Boxes keep model order, children next to their parents.
        assert shape_of(d) == [
            (0, "Boundary", "bookshop_ltd"),
            (1, "Boundary", "bookshop"),
            (2, "Boundary", "web_shop"),
            (3, "Element", "checkout"),
            (3, "Element", "order_repository"),
            (2, "Element", "shop_database"),
            (0, "Element", "payment_provider"),
        ]
        assert d.find("web_shop").kind is BoundaryKind.CONTAINER

    def test_explicit_relationship_wins_over_implied(self):
        ws = Workspace()
        a = ws.system("A")
        b = ws.system("B")
        api = a.container("API", "Go")
        api.uses(b, "Implied label")
        a.uses(b, "Explicit label")
        assert rels(ws.context_view(a).to_diagram()) == {("a", "b", "Explicit label")}

    def test_relationships_inside_one_box_disappear_when_zoomed_out(self):
        ws, e = bookshop()
        d = ws.context_view(e["shop"]).to_diagram()
        assert not any(r.source == r.target for r in d.relationships)

    def test_direction_and_bidirectional_become_rel_kinds(self):
        ws = Workspace()
        a, b, c = ws.system("A"), ws.system("B"), ws.system("C")
        a.uses(b, "Left of", direction="left")
        a.uses(c, "Syncs with", bidirectional=True)
        kinds = {(r.target, r.kind) for r in ws.landscape_view().to_diagram().relationships}
        assert kinds == {("b", RelKind.REL_L), ("c", RelKind.BIREL)}

    def test_zooming_into_an_empty_element_explains_itself(self):
        ws = Workspace()
        shop = ws.system("Shop")
        with pytest.raises(C4ModelError, match="no containers yet") as err:
            ws.container_view(shop).to_diagram()
        assert "shop.container(" in err.value.hint
        web = shop.container("Web")
        with pytest.raises(C4ModelError, match="no components yet"):
            ws.component_view(web).to_diagram()
        with pytest.raises(C4ModelError, match="needs a SoftwareSystem"):
            ws.container_view(web)

    def test_a_view_of_another_workspace_is_refused(self):
        _ws, e = bookshop()
        other = Workspace("Other")
        with pytest.raises(C4ModelError, match="belongs to the workspace 'Bookshop'"):
            other.container_view(e["shop"])

    def test_a_view_of_a_copy_explains_the_copy(self):
        ws, e = bookshop()
        trial = copy.deepcopy(ws)
        with pytest.raises(C4ModelError, match="another workspace also named 'Bookshop'") as err:
            trial.container_view(e["shop"])
        assert "trial['bookshop']" in err.value.hint

    def test_views_are_lazy(self):
        ws, e = bookshop()
        view = ws.container_view(e["shop"])
        cache = e["shop"].container("Cache", "Redis", "Hot pages")
        e["web"].uses(cache, "Caches pages", "RESP")
        assert "cache" in view.to_diagram().aliases()

    def test_styles_and_layout_are_carried(self):
        ws, e = bookshop()
        view = ws.container_view(e["shop"]).style(e["web"], bg_color="#0173B2").layout(3, 1)
        view.style_rel(e["web"], e["db"], line_color="#DE8F05", offset_y=-10)
        d = view.to_diagram()
        assert d.element_styles[0].alias == "web_shop" and d.element_styles[0].bg_color == "#0173B2"
        assert d.rel_styles[0].offset_y == -10
        assert (d.layout.shapes_in_row, d.layout.boundaries_in_row) == (3, 1)

    def test_titles(self):
        ws, e = bookshop()
        assert ws.context_view(e["shop"]).title == "System context of Bookshop"
        assert ws.container_view(e["shop"], "Inside the shop").title == "Inside the shop"


class TestDynamicView:
    def test_steps_are_numbered_in_order(self):
        ws, e = bookshop()
        view = ws.dynamic_view("Placing an order")
        view.step(e["customer"], e["web"], "Submits the basket", "HTTPS").step(e["web"], e["db"], "Saves the order")
        d = view.to_diagram()
        assert d.kind is DiagramKind.DYNAMIC
        assert [(r.index, r.source, r.target) for r in d.relationships] == [
            (1, "customer", "web_shop"), (2, "web_shop", "shop_database")]
        assert isinstance(d.find("bookshop"), Boundary)

    def test_mixed_levels_are_refused(self):
        ws, e = bookshop()
        view = ws.dynamic_view("Mixed").step(e["customer"], e["shop"], "Uses").step(e["web"], e["db"], "Reads")
        with pytest.raises(C4ModelError, match="drawn as a box and also around"):
            view.to_diagram()

    def test_a_repeated_pair_is_refused_because_mermaid_would_drop_it(self):
        ws, e = bookshop()
        view = ws.dynamic_view("Loop").step(e["customer"], e["web"], "Opens the shop")
        with pytest.raises(C4ModelError, match="repeats step 1") as err:
            view.step(e["customer"], e["web"], "Pays")
        assert "sequence diagram" in err.value.hint

    def test_empty_dynamic_view(self):
        ws, _ = bookshop()
        with pytest.raises(C4ModelError, match="has no steps"):
            ws.dynamic_view("Nothing yet").to_diagram()


class TestDeploymentView:
    def test_instances_nest_and_relationships_follow_containers(self):
        ws, e = bookshop()
        prod = ws.deployment_environment("Production")
        cloud = prod.node("Cloud region", "AWS", "eu-west-1")
        cluster = cloud.node("Cluster", "ECS Fargate")
        cluster.instance(e["web"], replicas=3)
        rds = cloud.node("Managed database", "Amazon RDS")
        rds.instance(e["db"])
        lb = cloud.infrastructure("Load balancer", "ALB", "Spreads traffic")
        lb.uses(prod.instances()[0], "Forwards requests", "HTTPS")
        d = ws.deployment_view(prod).to_diagram()
        assert d.kind is DiagramKind.DEPLOYMENT
        assert shape_of(d) == [
            (0, "DeploymentNode", "cloud_region"),
            (1, "Element", "load_balancer"),
            (1, "DeploymentNode", "cluster"),
            (2, "Element", "web_shop_cluster"),
            (1, "DeploymentNode", "managed_database"),
            (2, "Element", "shop_database_managed_database"),
        ]
        assert d.find("web_shop_cluster").label == "Web Shop (x3)"
        assert rels(d) == {
            ("web_shop_cluster", "shop_database_managed_database", "Reads and writes"),
            ("load_balancer", "web_shop_cluster", "Forwards requests"),
        }

    def test_instances_prefer_the_nearest_target(self):
        ws, e = bookshop()
        prod = ws.deployment_environment("Production")
        for region in ("Europe", "America"):
            node = prod.node(region, "Region")
            node.instance(e["web"])
            node.instance(e["db"])
        d = ws.deployment_view(prod).to_diagram()
        assert rels(d) == {
            ("web_shop_europe", "shop_database_europe", "Reads and writes"),
            ("web_shop_america", "shop_database_america", "Reads and writes"),
        }
        assert all(isinstance(n, DeploymentNode) for n in d.nodes)

    def test_an_arrow_between_instances_refines_the_container_relationship(self):
        ws, e = bookshop()
        prod = ws.deployment_environment("Production")
        node = prod.node("Europe", "Region")
        web, db = node.instance(e["web"]), node.instance(e["db"])
        web.uses(db, "Reads and writes over TLS", "SQL/TLS", direction="down")
        d = ws.deployment_view(prod).to_diagram()
        drawn = [r for r in d.relationships if (r.source, r.target) == (web.alias, db.alias)]
        assert [(r.label, r.technology, r.kind) for r in drawn] == [
            ("Reads and writes over TLS", "SQL/TLS", RelKind.REL_D)]

    def test_only_containers_can_be_deployed(self):
        ws, e = bookshop()
        node = ws.deployment_environment("Prod").node("Server")
        with pytest.raises(C4ModelError, match="can only host containers"):
            node.instance(e["shop"])
        with pytest.raises(C4ModelError, match="replicas"):
            node.instance(e["web"], replicas=0)
        with pytest.raises(C4ModelError, match="no deployment nodes"):
            ws.deployment_view(ws.deployment_environment("Empty")).to_diagram()


def test_a_workspace_with_groups_copies_and_pickles():
    import copy
    import pickle

    ws, e = bookshop()
    twin = copy.deepcopy(ws)
    again = pickle.loads(pickle.dumps(ws))
    for other in (twin, again):
        assert other.container_view(other["bookshop"]).to_mermaid() == ws.container_view(e["shop"]).to_mermaid()
    twin["bookshop"].container("Extra", "Go")  # the copy is independent
    assert "extra" not in ws.container_view(e["shop"]).to_diagram().aliases()


def test_diagram_json_round_trip():
    ws, e = bookshop()
    for view in (ws.context_view(e["shop"]), ws.component_view(e["web"])):
        d = view.to_diagram()
        assert diagram_from_dict(diagram_to_dict(d)) == d


def test_diagram_copy_is_deep_and_equal():
    ws, e = bookshop()
    d = ws.component_view(e["web"]).layout(2, 1).to_diagram()
    twin = d.copy()
    assert twin == d
    twin.boundaries()[2].children[0].label = "Changed"
    twin.relationships[0].label = "Changed too"
    twin.layout.shapes_in_row = 9
    assert d.boundaries()[2].children[0].label == "Checkout"
    assert d.relationships[0].label != "Changed too" and d.layout.shapes_in_row == 2


def test_diagram_queries():
    ws, e = bookshop()
    d = ws.component_view(e["web"]).to_diagram()
    assert [b.alias for b in d.boundaries()] == ["bookshop_ltd", "bookshop", "web_shop"]
    assert {x.alias for x in d.elements()} == {"checkout", "order_repository", "shop_database", "payment_provider"}
    with pytest.raises(KeyError, match="known:"):
        d.find("missing")
