"""The C4-styled flowchart emitter: structure, escaping, ids, colours, and real Mermaid rendering."""

from __future__ import annotations

import html
import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from svgtext import svg_text as shared_svg_text

from c4kit.errors import C4EmitError
from c4kit.mermaid import palette
from c4kit.mermaid.emit_flowchart import emit_flowchart, escape_label, node_ids
from c4kit.model import (
    Boundary,
    BoundaryKind,
    DeploymentNode,
    Diagram,
    DiagramKind,
    Element,
    ElementKind,
    Relationship,
    RelKind,
    Shape,
    Workspace,
)
from c4kit.model.diagram import ElementStyle, RelStyle

# ---------------------------------------------------------------------------
# Models used throughout
# ---------------------------------------------------------------------------


def bookshop() -> tuple[Workspace, dict]:
    """A realistic model with every kind of box, an enterprise, a queue, a dynamic flow and a deployment."""
    ws = Workspace("Bookshop")
    customer = ws.person("Customer", "Browses the catalogue and buys books")
    partner = ws.person("Publisher", "Sends new titles", external=True)
    org = ws.enterprise("Bookshop Ltd")
    staff = org.person("Shop Staff", "Manages stock and fulfils orders")
    shop = org.system("Bookshop", "Sells books online and tracks orders")
    pay = ws.system("Payment Provider", "Takes card payments", external=True)
    mail = ws.system("Email Service", "Sends transactional email", external=True)
    spa = shop.container("Web App", "TypeScript, React", "Catalogue and checkout in the browser")
    api = shop.container("Shop API", "Python, Django", "Serves the catalogue and takes orders")
    db = shop.database("Orders DB", "PostgreSQL", "Books, customers and orders")
    events = shop.queue("Order Events", "RabbitMQ", "Order placed, paid and shipped events")
    worker = shop.container("Fulfilment Worker", "Python, Celery", "Sends confirmations, updates stock")
    ctrl = api.component("Orders Controller", "Django REST view", "Accepts and validates orders")
    svc = api.component("Order Service", "Python class", "Applies pricing and stock rules")
    repo = api.component("Order Repository", "Django ORM", "Loads and stores orders")
    client = api.component("Payment Client", "requests", "Wraps the payment provider API")
    customer.uses(spa, "Browses and buys books", "HTTPS")
    staff.uses(api, "Manages stock", "HTTPS")
    partner.uses(api, "Uploads new titles", "SFTP")
    spa.uses(ctrl, "Submits orders", "JSON/HTTPS")
    ctrl.uses(svc, "Places order")
    svc.uses(repo, "Saves order")
    svc.uses(client, "Charges card")
    repo.uses(db, "Reads and writes", "SQL")
    client.uses(pay, "Charges cards", "HTTPS/REST")
    svc.uses(events, "Publishes OrderPlaced", "AMQP")
    worker.uses(events, "Consumes order events", "AMQP")
    worker.uses(mail, "Sends confirmation emails", "SMTP")
    prod = ws.deployment_environment("Production")
    region = prod.node("AWS eu-west-1", "Amazon Web Services", "Primary region")
    region.node("CloudFront", "CDN").instance(spa)
    cluster = region.node("EKS cluster", "Kubernetes 1.29")
    cluster.node("shop-api pod", "Docker").instance(api, replicas=3)
    cluster.node("worker pod", "Docker").instance(worker, replicas=2)
    region.node("RDS", "Amazon RDS", "Multi-AZ").instance(db)
    region.node("Amazon MQ", "RabbitMQ 3.12").instance(events)
    flow = ws.dynamic_view("Placing an order")
    flow.step(customer, spa, "Submits the order form", "HTTPS")
    flow.step(spa, ctrl, "POST /orders", "JSON/HTTPS")
    flow.step(ctrl, svc, "Places the order")
    flow.step(svc, client, "Charges the card")
    flow.step(client, pay, "Creates a payment", "HTTPS/REST")
    flow.step(svc, repo, "Saves the order")
    flow.step(repo, db, "INSERT order", "SQL")
    return ws, dict(customer=customer, partner=partner, staff=staff, shop=shop, pay=pay, mail=mail, spa=spa,
                    api=api, db=db, events=events, worker=worker, ctrl=ctrl, svc=svc, repo=repo,
                    client=client, prod=prod, flow=flow, org=org)


def realistic_views() -> dict[str, object]:
    ws, e = bookshop()
    return {
        "landscape": ws.landscape_view(),
        "context": ws.context_view(e["shop"]),
        "container": ws.container_view(e["shop"]),
        "component": ws.component_view(e["api"]),
        "dynamic": e["flow"],
        "deployment": ws.deployment_view(e["prod"]),
    }


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def structure(text: str) -> dict[str, str | None]:
    """Node/subgraph id -> id of the enclosing subgraph (None at top level), from emitted text."""
    parents: dict[str, str | None] = {}
    stack: list[str] = []
    in_front_matter = False
    for raw in text.splitlines():
        line = raw.strip()
        if line == "---":
            in_front_matter = not in_front_matter
            continue
        if in_front_matter:
            continue
        if line.startswith("subgraph "):
            sub_id = line.split()[1]
            parents[sub_id] = stack[-1] if stack else None
            stack.append(sub_id)
        elif line == "end":
            stack.pop()
        else:
            match = re.match(r"^(c4_\w+|c4legend_\w+)(?:\[|\(|@\{)", line)
            if match:
                parents[match.group(1)] = stack[-1] if stack else None
    assert not stack, "unbalanced subgraph/end"
    return parents


def edges(text: str) -> list[str]:
    """The edge statements, in emission order (the order linkStyle counts)."""
    return [line for line in lines_of(text) if re.match(r"^c4_\w+ (--|<--|-->|<-->)", line)]


def classes_of(text: str) -> dict[str, str]:
    """Node id -> the class a ``class a,b name`` statement gives it."""
    out: dict[str, str] = {}
    for line in lines_of(text):
        if line.startswith("class "):
            _, members, name = line.split()
            out.update(dict.fromkeys(members.split(","), name))
    return out


def legend_texts(text: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", m)) for m in
            re.findall(r'^\s*c4legend_\w+(?:\[\(|\[|\(|@\{ shape: [\w-]+, label: )"(.*?)"', text, flags=re.M)]


# ---------------------------------------------------------------------------
# Structure
# ---------------------------------------------------------------------------


class TestLabels:
    def test_every_box_has_name_type_line_and_description(self):
        text = emit_flowchart(realistic_views()["container"].to_diagram())
        assert ('c4_shop_api["<b>Shop API</b><br/><small>[Container: Python, Django]</small><br/>'
                '<small>Serves the catalogue and takes orders</small>"]') in text

    @pytest.mark.parametrize(
        ("kind", "external", "technology", "expected"),
        [
            (ElementKind.PERSON, False, "", "[Person]"),
            (ElementKind.PERSON, True, "", "[External Person]"),
            (ElementKind.SYSTEM, False, "", "[Software System]"),
            (ElementKind.SYSTEM, True, "", "[External System]"),
            (ElementKind.CONTAINER, False, "Python, Django", "[Container: Python, Django]"),
            (ElementKind.CONTAINER, False, "  ", "[Container]"),
            (ElementKind.CONTAINER, True, "SaaS", "[External Container: SaaS]"),
            (ElementKind.COMPONENT, False, "Spring Bean", "[Component: Spring Bean]"),
            (ElementKind.COMPONENT, True, "", "[External Component]"),
        ],
    )
    def test_type_line_names_kind_and_technology(self, kind, external, technology, expected):
        diagram = Diagram(DiagramKind.CONTAINER, nodes=[Element("a", "A", kind, technology=technology,
                                                                external=external)])
        assert f"<small>{expected}</small>" in emit_flowchart(diagram, legend=False)

    def test_description_is_optional(self):
        diagram = Diagram(DiagramKind.CONTEXT, nodes=[Element("a", "A", ElementKind.SYSTEM)])
        assert "c4_a[\"<b>A</b><br/><small>[Software System]</small>\"]" in \
            emit_flowchart(diagram)

    def test_frame_titles_are_one_line_with_their_kind(self):
        text = emit_flowchart(realistic_views()["component"].to_diagram())
        assert ("subgraph c4_bookshop_ltd [\"<b>Bookshop Ltd</b> "
                "<small>[Enterprise Boundary]</small>\"]") in text
        assert "<b>Bookshop</b> <small>[System Boundary]</small>" in text
        assert "<b>Shop API</b> <small>[Container Boundary]</small>" in text
        typed = Diagram(DiagramKind.CONTEXT, nodes=[
            Boundary("b", "Payments\nteam", BoundaryKind.GENERIC, type="Domain", children=[
                Element("a", "A", ElementKind.SYSTEM)])])
        assert "<b>Payments team</b> <small>[Domain]</small>" in emit_flowchart(typed)

    def test_deployment_node_title_has_type_and_description(self):
        text = emit_flowchart(realistic_views()["deployment"].to_diagram())
        assert ("<b>AWS eu-west-1</b> <small>[Amazon Web Services]</small> "
                "<i><small>Primary region</small></i>") in text
        untyped = Diagram(DiagramKind.DEPLOYMENT, nodes=[DeploymentNode("n", "Server")])
        assert "<b>Server</b> <small>[Deployment Node]</small>" in emit_flowchart(untyped)
        assert "<b>Shop API (x3)</b>" in text


class TestShapes:
    def test_shape_per_variant(self):
        text = emit_flowchart(realistic_views()["container"].to_diagram(), legend=False)
        starts = {line.split('"')[0] for line in lines_of(text) if line.startswith("c4_") and '"' in line
                  and " -- " not in line}
        assert {"c4_customer(", "c4_shop_staff(", "c4_publisher("} <= starts  # people: rounded
        assert "c4_orders_db[(" in starts  # database: cylinder
        assert "c4_order_events@{ shape: h-cyl, label: " in starts  # queue: horizontal cylinder
        assert {"c4_web_app[", "c4_shop_api[", "c4_payment_provider["} <= starts  # the rest: rectangles

    def test_system_level_db_and_queue(self):
        diagram = Diagram(DiagramKind.CONTEXT, nodes=[
            Element("ledger", "Ledger", ElementKind.SYSTEM, shape=Shape.DB, external=True),
            Element("bus", "Bus", ElementKind.SYSTEM, shape=Shape.QUEUE),
        ])
        text = emit_flowchart(diagram)
        assert 'c4_ledger[("<b>Ledger</b>' in text
        assert 'c4_bus@{ shape: h-cyl, label: "<b>Bus</b>' in text


class TestNesting:
    def test_container_view_nests_enterprise_system_and_containers(self):
        parents = structure(emit_flowchart(realistic_views()["container"].to_diagram()))
        assert parents["c4_bookshop_ltd"] is None
        assert parents["c4_bookshop"] == "c4_bookshop_ltd"
        assert parents["c4_shop_staff"] == "c4_bookshop_ltd"
        for box in ("c4_web_app", "c4_shop_api", "c4_orders_db", "c4_order_events", "c4_fulfilment_worker"):
            assert parents[box] == "c4_bookshop"
        assert parents["c4_customer"] is None
        assert parents["c4_payment_provider"] is None

    def test_component_view_nests_three_levels(self):
        parents = structure(emit_flowchart(realistic_views()["component"].to_diagram()))
        assert parents["c4_shop_api"] == "c4_bookshop"
        assert parents["c4_orders_controller"] == "c4_shop_api"
        assert parents["c4_orders_db"] == "c4_bookshop"

    def test_deployment_nodes_nest_to_any_depth(self):
        text = emit_flowchart(realistic_views()["deployment"].to_diagram())
        parents = structure(text)
        assert parents["c4_eks_cluster"] == "c4_aws_eu_west_1"
        assert parents["c4_shop_api_pod"] == "c4_eks_cluster"
        assert parents["c4_shop_api_shop_api_pod"] == "c4_shop_api_pod"
        classes = classes_of(text)
        assert classes["c4_aws_eu_west_1"] == classes["c4_shop_api_pod"] == "c4deployment"
        assert classes["c4_shop_api_shop_api_pod"] == "c4container"

    def test_direction_is_pinned_only_in_frames_no_arrow_crosses(self):
        # Mermaid turns an uncrossed frame's layout by 90 degrees unless told; in a crossed frame the
        # statement is ignored and makes arrows stop at the frame, so it must not be written there.
        text = emit_flowchart(realistic_views()["deployment"].to_diagram(), direction="LR")
        body = lines_of(text)
        after = {body[i - 1].split()[1] for i, line in enumerate(body) if line.startswith("direction ")
                 and body[i - 1].startswith("subgraph ")}
        assert after == {"c4_aws_eu_west_1", "c4legend"}
        assert all(line == "direction LR" for line in body if line.startswith("direction "))

    def test_empty_frames_are_drawn(self):
        diagram = Diagram(DiagramKind.CONTEXT, nodes=[Boundary("b", "Empty", BoundaryKind.SYSTEM)])
        assert structure(emit_flowchart(diagram))["c4_b"] is None


class TestEdges:
    def test_label_and_technology(self):
        text = emit_flowchart(realistic_views()["container"].to_diagram())
        assert 'c4_shop_api -- "Reads and writes<br/><small>[SQL]</small>" --> c4_orders_db' in lines_of(text)

    def test_kinds_of_arrows(self):
        boxes = [Element(a, a.upper(), ElementKind.SYSTEM) for a in ("a", "b", "c")]
        diagram = Diagram(DiagramKind.CONTEXT, nodes=boxes, relationships=[
            Relationship("a", "b", "Syncs", kind=RelKind.BIREL),
            Relationship("a", "c", "Notifies", kind=RelKind.REL_BACK),
            Relationship("b", "c", "Up", kind=RelKind.REL_U),
            Relationship("c", "a", ""),
            Relationship("b", "a", "", kind=RelKind.BIREL),
            Relationship("a", "b", "Why", description="Because\nreasons"),
        ])
        assert edges(emit_flowchart(diagram)) == [
            'c4_a <-- "Syncs" --> c4_b',
            'c4_c -- "Notifies" --> c4_a',  # Rel_Back: drawn from target to source
            'c4_b -- "Up" --> c4_c',  # direction hints have no flowchart equivalent: a plain arrow
            "c4_c --> c4_a",
            "c4_b <--> c4_a",
            "c4_a -- \"Why<br/><i><small>Because<br/>reasons</small></i>\" --> c4_b",
        ]

    def test_dynamic_steps_are_numbered_in_order(self):
        text = emit_flowchart(realistic_views()["dynamic"].to_diagram())
        labels = [re.search(r'"(\d+)\. ([^<"]*)', line).groups() for line in edges(text)]
        assert labels == [("1", "Submits the order form"), ("2", "POST /orders"), ("3", "Places the order"),
                          ("4", "Charges the card"), ("5", "Creates a payment"), ("6", "Saves the order"),
                          ("7", "INSERT order")]

    def test_steps_numbered_by_their_author_are_not_numbered_twice(self):
        boxes = [Element("a", "A", ElementKind.SYSTEM), Element("b", "B", ElementKind.SYSTEM)]
        diagram = Diagram(DiagramKind.DYNAMIC, nodes=boxes, relationships=[
            Relationship("a", "b", "1. Asks"), Relationship("b", "a", "2) Answers"),
            Relationship("a", "b", "3 Thanks"), Relationship("a", "b", "10: Leaves")])
        assert [line.split('"')[1] for line in edges(emit_flowchart(diagram))] == [
            "1. Asks", "2) Answers", "3. 3 Thanks", "10: Leaves"]

    def test_static_views_are_not_numbered(self):
        text = emit_flowchart(realistic_views()["container"].to_diagram())
        assert not any(re.search(r'"\d+\. ', line) for line in edges(text))

    def test_edges_may_end_at_a_frame(self):
        diagram = Diagram(DiagramKind.CONTEXT, nodes=[
            Element("u", "User", ElementKind.PERSON),
            Boundary("b", "Org", BoundaryKind.ENTERPRISE, children=[Element("s", "S", ElementKind.SYSTEM)])],
            relationships=[Relationship("u", "b", "Works with")])
        assert edges(emit_flowchart(diagram)) == ['c4_u -- "Works with" --> c4_b']

    def test_unknown_alias_is_a_clear_error(self):
        diagram = Diagram(DiagramKind.CONTEXT, nodes=[Element("web", "Web", ElementKind.SYSTEM)],
                          relationships=[Relationship("web", "dbb", "Reads")])
        with pytest.raises(C4EmitError, match="'dbb'") as err:
            emit_flowchart(diagram)
        assert "known aliases: web" in err.value.hint


class TestLegend:
    def test_lists_only_the_kinds_drawn(self):
        views = realistic_views()
        assert legend_texts(emit_flowchart(views["context"].to_diagram())) == [
            "Person", "External Person", "Software System", "External System", "Boundary"]
        assert legend_texts(emit_flowchart(views["container"].to_diagram())) == [
            "Person", "External Person", "External System", "Container", "Database", "Queue", "Boundary"]
        assert legend_texts(emit_flowchart(views["deployment"].to_diagram())) == [
            "Container", "Database", "Queue", "Deployment Node"]

    def test_each_entry_wears_the_class_it_explains(self):
        text = emit_flowchart(realistic_views()["component"].to_diagram())
        classes = classes_of(text)
        assert classes["c4legend_component"] == classes["c4_orders_controller"] == "c4component"
        assert classes["c4legend_container"] == classes["c4_web_app"] == "c4container"
        assert classes["c4legend_systemExt"] == classes["c4_payment_provider"] == "c4systemExt"
        assert classes["c4legend_boundary"] == classes["c4_bookshop"] == "c4boundary"

    def test_can_be_left_out(self):
        text = emit_flowchart(realistic_views()["container"].to_diagram(), legend=False)
        assert "c4legend" not in text

    def test_no_legend_for_an_empty_diagram(self):
        assert "c4legend" not in emit_flowchart(Diagram(DiagramKind.CONTEXT))

    def test_custom_styles_with_legend_text_get_an_entry(self):
        diagram = Diagram(DiagramKind.CONTEXT, nodes=[Element("a", "A", ElementKind.SYSTEM)],
                          element_styles=[ElementStyle("a", bg_color="#DE8F05", legend_text="Being replaced")])
        text = emit_flowchart(diagram)
        assert legend_texts(text)[-1] == "Being replaced"
        assert "style c4legend_style1 fill:#DE8F05,color:#1A1A1A" in text


class TestStyles:
    def test_only_used_classes_are_defined(self):
        text = emit_flowchart(realistic_views()["context"].to_diagram(), legend=False)
        defined = re.findall(r"classDef (\w+)", text)
        assert defined == ["c4person", "c4system", "c4personExt", "c4systemExt", "c4boundary"]

    def test_update_element_style_is_honoured(self):
        ws, e = bookshop()
        view = ws.container_view(e["shop"])
        view.style(e["api"], bg_color="#DE8F05", font_color="#000000", border_color="#8A5A00")
        view.style(e["db"], bg_color="#029E73")  # no font colour: the emitter picks a readable one
        view.style(e["customer"], border_color="rgb(204, 120, 188)")
        text = emit_flowchart(view.to_diagram())
        assert "style c4_shop_api fill:#DE8F05,stroke:#8A5A00,color:#000000" in lines_of(text)
        assert "style c4_orders_db fill:#029E73,color:#1A1A1A" in lines_of(text)
        assert "style c4_customer stroke:#CC78BC" in lines_of(text)

    def test_style_shapes(self):
        diagram = Diagram(DiagramKind.CONTEXT, nodes=[Element("a", "A", ElementKind.SYSTEM),
                                                      Element("b", "B", ElementKind.SYSTEM)],
                          element_styles=[ElementStyle("a", shape="RoundedBoxShape()"),
                                          ElementStyle("b", shape="EightSidedShape()")])
        text = emit_flowchart(diagram)
        assert 'c4_a("<b>A</b>' in text
        assert 'c4_b@{ shape: hex, label: "<b>B</b>' in text

    def test_update_rel_style_counts_edges_in_emission_order(self):
        ws, e = bookshop()
        view = ws.container_view(e["shop"])
        view.style_rel(e["worker"], e["mail"], line_color="#DE8F05", text_color="#8A5A00", offset_x=10)
        diagram = view.to_diagram()
        text = emit_flowchart(diagram)
        index = [i for i, line in enumerate(edges(text)) if line.startswith("c4_fulfilment_worker")
                 and line.endswith("c4_email_service")]
        assert len(index) == 1
        assert f"linkStyle {index[0]} stroke:#DE8F05,color:#8A5A00" in lines_of(text)

    def test_rel_style_applies_to_every_matching_arrow(self):
        boxes = [Element("a", "A", ElementKind.SYSTEM), Element("b", "B", ElementKind.SYSTEM)]
        diagram = Diagram(DiagramKind.CONTEXT, nodes=boxes, relationships=[
            Relationship("a", "b", "one"), Relationship("b", "a", "back"), Relationship("a", "b", "two")],
            rel_styles=[RelStyle("a", "b", line_color="red")])
        assert "linkStyle 0,2 stroke:red" in lines_of(emit_flowchart(diagram))

    @pytest.mark.parametrize(
        ("styles", "rel_styles", "message"),
        [
            ([ElementStyle("nope", bg_color="red")], [], "'nope'"),
            ([ElementStyle("a", bg_color="red; stroke:0")], [], "not a colour"),
            ([ElementStyle("a", font_color="url(javascript:x)")], [], "not a colour"),
            ([], [RelStyle("a", "zz", line_color="red")], "'zz'"),
            ([], [RelStyle("b", "a", line_color="red")], "matches no relationship"),
            ([], [RelStyle("a", "b", text_color="#12")], "not a colour"),
        ],
    )
    def test_bad_styles_are_clear_errors(self, styles, rel_styles, message):
        diagram = Diagram(DiagramKind.CONTEXT,
                          nodes=[Element("a", "A", ElementKind.SYSTEM), Element("b", "B", ElementKind.SYSTEM)],
                          relationships=[Relationship("a", "b", "uses")], element_styles=styles,
                          rel_styles=rel_styles)
        with pytest.raises(C4EmitError, match=message) as err:
            emit_flowchart(diagram)
        assert err.value.hint


class TestLinks:
    def test_box_links_become_safe_clicks(self):
        diagram = Diagram(DiagramKind.CONTEXT, nodes=[
            Element("a", "A", ElementKind.SYSTEM, link='https://example.org/a b?q="1";x#part'),
            Element("b", "B", ElementKind.SYSTEM, link="javascript:alert(1)"),
            Element("c", "C", ElementKind.SYSTEM, link="/docs/c.html"),
            Element("d", "D", ElementKind.SYSTEM, link="https://x.org/%%{init}%%")])
        clicks = [line for line in lines_of(emit_flowchart(diagram)) if line.startswith("click ")]
        assert clicks == [
            'click c4_a href "https://example.org/a%20b?q=%221%22%3Bx#part" _blank',
            'click c4_c href "/docs/c.html" _blank',
            'click c4_d href "https://x.org/%25%25%7Binit%7D%25%25" _blank',
        ]


class TestContrast:
    def test_wcag_formula_on_known_values(self):
        assert palette.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
        assert palette.contrast_ratio("#0173B2", "#0173B2") == pytest.approx(1.0)
        assert palette.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
        assert palette.relative_luminance("#FFFFFF") == pytest.approx(1.0)
        assert palette.contrast_ratio("#fff", "#0173B2") == pytest.approx(5.13, abs=0.01)

    @pytest.mark.parametrize("key", sorted(palette.ELEMENT_SWATCHES, key=str))
    def test_every_kind_has_readable_text(self, key):
        swatch = palette.ELEMENT_SWATCHES[key]
        assert palette.contrast_ratio(swatch.text, swatch.fill) >= palette.MIN_CONTRAST

    def test_every_class_in_the_output_has_readable_text(self):
        every_kind = Diagram(DiagramKind.CONTAINER, nodes=[
            Element(f"{kind.value}{external}", "X", kind, external=external, shape=shape)
            for kind in ElementKind for external in (False, True) for shape in Shape])
        text = emit_flowchart(every_kind)
        pairs = re.findall(r"classDef \w+ fill:(#[0-9A-F]{6}),stroke:#[0-9A-F]{6},color:(#[0-9A-F]{6})", text)
        assert len(set(pairs)) == 9  # eight kinds and the neutral shape key
        for fill, colour in pairs:
            assert palette.contrast_ratio(colour, fill) >= palette.MIN_CONTRAST, (fill, colour)

    def test_levels_get_lighter_as_you_zoom_in(self):
        for external in (False, True):
            lum = [palette.relative_luminance(palette.ELEMENT_SWATCHES[(kind, external)].fill)
                   for kind in (ElementKind.PERSON, ElementKind.SYSTEM, ElementKind.CONTAINER, ElementKind.COMPONENT)]
            assert lum == sorted(lum)

    def test_kind_colours_come_from_the_course_blue(self):
        internal = [palette.ELEMENT_SWATCHES[(k, False)].fill for k in ElementKind]
        assert palette.BLUE in internal


# ---------------------------------------------------------------------------
# Escaping, titles and ids
# ---------------------------------------------------------------------------

HOSTILE = [
    'Quote "double" and \'single\'',
    "Hash # semicolon ; and a literal #35; code",
    "<b>not bold</b> <script>alert(1)</script> & &amp; &lt;",
    "Back`tick` and ```fence```",
    "Brackets [x] (y) {z} ([db]) [(cyl)] >asym] {{hex}}",
    "Pipes | and || and -->|edge| --o x --x o",
    'Percent 100% %% not a comment %%{init: {"theme": "dark"}}%%',
    "Emoji 🚀 👩‍💻, 中文, русский, العربية, é",
    "end",
    "subgraph graph TD; classDef style click",
    "Back\\slash \\n and \\\" quote",
    "--- title: fake ---",
    "Line one\nLine two\r\n  indented",
    "Lifestyle: C#; and classDef x:#fff; end;",
    "Placeholders ¶ß ﬂ°° ﬂ°amp¶ß and Straße",
]


def decode(label: str) -> str:
    """What Mermaid shows for an escaped label: entity codes decoded, <br/> as a new line.

    Word joiners (invisible) are dropped: the emitter adds them inside Mermaid's placeholder pairs.
    """
    text = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label.replace("<br/>", "\n"))
    return text.replace("\u2060", "")


class TestEscaping:
    @pytest.mark.parametrize("text", HOSTILE)
    def test_hostile_text_has_no_raw_syntax_left(self, text):
        escaped = escape_label(text)
        assert not re.search(r'["`|%{}\\&]', escaped)
        assert not re.search(r"<(?!br/>)|(?<!<br/)>", escaped)
        assert "style" not in escaped and "classDef" not in escaped
        assert decode(escaped) == text.replace("\r\n", "\n")

    def test_new_lines_become_breaks_and_controls_vanish(self):
        assert escape_label("one\r\ntwo\rthree\nfour\u2028five\tsix\x00\x07") == \
            "one<br/>two<br/>three<br/>four<br/>five six"

    @settings(max_examples=300, deadline=None)
    @given(st.text())
    def test_any_text_round_trips(self, text):
        escaped = escape_label(text)
        assert not re.search(r'["`|%{}\\&;#]', re.sub(r"#\d+;", "", escaped))
        assert "\n" not in escaped and "\r" not in escaped
        expected = "".join(
            "\n" if ch in "\n\r\u2028\u2029\x85" else " " if ch == "\t" else ch
            for ch in text.replace("\r\n", "\n").replace("\u2060", "")
            if ch in "\n\r\t\x85" or (ord(ch) >= 0x20 and not 0x7F <= ord(ch) <= 0x9F
                                       and not 0xD800 <= ord(ch) <= 0xDFFF and ch not in "\ufffe\uffff")
        )
        assert decode(escaped) == expected

    def test_hostile_labels_everywhere_stay_inside_their_quotes(self):
        text = emit_flowchart(hostile_diagram())
        for line in lines_of(text):
            if line.startswith(("c4_", "subgraph ")):
                assert line.count('"') == 2, line

    def test_title_is_yaml_that_reads_back(self):
        title = 'A "quoted" title: #1; with <tags> & \\ backslash\nand a second line'
        text = emit_flowchart(Diagram(DiagramKind.CONTEXT, title=title))
        front = text.split("---\n")[1]
        assert yaml.safe_load(front)["title"] == \
            'A "quoted" title: #1; with \u2039tags\u203a & \\ backslash and a second line'
        assert "accTitle: A #34;quoted#34; title: #35;1#59; with #60;tags#62; #38; #92; backslash and a " \
               "second line" in text

    def test_no_title_no_title_key(self):
        text = emit_flowchart(Diagram(DiagramKind.CONTEXT))
        assert "title:" not in text and "accTitle" not in text
        config = yaml.safe_load(text.split("---\n")[1])["config"]
        assert config["htmlLabels"] is True
        assert config["flowchart"] == {"htmlLabels": True, "wrappingWidth": 220, "curve": "linear"}


RESERVED = ["end", "graph", "subgraph", "style", "class", "classDef", "click", "default", "direction",
            "linkStyle", "flowchart", "o", "x", "o1", "x1", "call", "href", "TB", "LR", "_", "end_", "A"]


class TestIds:
    def test_reserved_words_and_arrow_letters_are_prefixed(self):
        ids = node_ids(reserved_diagram())
        assert sorted(ids.values()) == sorted(f"c4_{a}" for a in RESERVED)
        text = emit_flowchart(reserved_diagram())
        for line in edges(text):
            source, target = line.split()[0], line.split()[-1]
            assert source.startswith("c4_") and target.startswith("c4_")

    def test_unsafe_and_duplicate_aliases_get_distinct_deterministic_ids(self):
        diagram = Diagram(DiagramKind.CONTEXT, nodes=[
            Element("a-b", "1", ElementKind.SYSTEM), Element("a b", "2", ElementKind.SYSTEM),
            Element("a_b", "3", ElementKind.SYSTEM), Element("a_b", "4", ElementKind.SYSTEM),
            Element("café", "5", ElementKind.SYSTEM), Element("", "6", ElementKind.SYSTEM)],
            relationships=[Relationship("a_b", "café", "x")])
        assert list(node_ids(diagram).values()) == ["c4_a_b", "c4_a_b_2", "c4_a_b_3", "c4_a_b_4", "c4_caf_", "c4_"]
        # The first of a duplicated alias wins, as in Mermaid's C4 renderer.
        assert edges(emit_flowchart(diagram)) == ['c4_a_b_3 -- "x" --> c4_caf_']

    def test_output_is_deterministic(self):
        first = [emit_flowchart(v.to_diagram()) for v in realistic_views().values()]
        second = [emit_flowchart(v.to_diagram()) for v in realistic_views().values()]
        assert first == second


class TestOptions:
    def test_direction(self):
        assert "\nflowchart LR\n" in emit_flowchart(Diagram(DiagramKind.CONTEXT), direction="lr")
        assert "\nflowchart TB\n" in emit_flowchart(Diagram(DiagramKind.CONTEXT), direction="TD")
        with pytest.raises(C4EmitError, match="direction") as err:
            emit_flowchart(Diagram(DiagramKind.CONTEXT), direction="sideways")
        assert "LR" in err.value.hint

    def test_accepts_a_view_and_rejects_other_things(self):
        view = realistic_views()["context"]
        assert emit_flowchart(view) == emit_flowchart(view.to_diagram()) == view.to_flowchart()
        with pytest.raises(C4EmitError, match="needs a Diagram"):
            emit_flowchart("C4Context")  # type: ignore[arg-type]

    def test_layout_hints_are_dropped_silently(self):
        ws, e = bookshop()
        plain = emit_flowchart(ws.context_view(e["shop"]).to_diagram())
        hinted = ws.context_view(e["shop"]).layout(shapes_in_row=2, boundaries_in_row=1)
        hinted.style_rel(e["customer"], e["shop"], offset_x=40, offset_y=-20)  # offsets only: nothing to draw
        assert emit_flowchart(hinted.to_diagram()) == plain


# ---------------------------------------------------------------------------
# Diagrams for the browser
# ---------------------------------------------------------------------------


HOSTILE_TITLE = ('Title with "quotes" #35; ; <b>tag</b> & %% {braces} Lifestyle: x#y; ¶ß ﬂ°° '
                 '%%{init: {"theme": "dark"}}%%')


def hostile_diagram() -> Diagram:
    """Every hostile string in every place a label can go."""
    nodes: list = [Element(f"p{i}", text, ElementKind.PERSON, description=text) for i, text in enumerate(HOSTILE[:3])]
    nodes.append(Boundary("b", HOSTILE[3], BoundaryKind.GENERIC, type=HOSTILE[4], children=[
        Element(f"s{i}", text, ElementKind.SYSTEM, description=text, shape=Shape.DB if i % 2 else Shape.PLAIN)
        for i, text in enumerate(HOSTILE[3:7], start=3)]))
    nodes.append(DeploymentNode("n", HOSTILE[7], type=HOSTILE[8], description=HOSTILE[9], children=[
        Element(f"c{i}", text, ElementKind.CONTAINER, technology=text, description=text, shape=Shape.QUEUE)
        for i, text in enumerate(HOSTILE[7:], start=7)]))
    rels = [Relationship("p0", "s3", HOSTILE[5], HOSTILE[6], HOSTILE[1]),
            Relationship("s4", "c8", HOSTILE[2], HOSTILE[0], kind=RelKind.BIREL),
            Relationship("p1", "c11", HOSTILE[11], HOSTILE[10])]
    return Diagram(DiagramKind.DEPLOYMENT, HOSTILE_TITLE, nodes, rels)


def reserved_diagram() -> Diagram:
    nodes = [Element(alias, f"label {alias}", ElementKind.SYSTEM) for alias in RESERVED]
    rels = [Relationship(RESERVED[i], RESERVED[(i + 1) % len(RESERVED)], "") for i in range(len(RESERVED))]
    rels += [Relationship("A", target, "to") for target in ("o", "x", "o1", "x1", "end")]
    return Diagram(DiagramKind.CONTEXT, "Reserved words", nodes, rels)


def styled_diagram() -> Diagram:
    ws, e = bookshop()
    view = ws.container_view(e["shop"])
    view.style(e["api"], bg_color="#DE8F05", legend_text="Being rewritten").style(e["db"], bg_color="teal")
    view.style_rel(e["worker"], e["mail"], line_color="#CC78BC", text_color="#8A3F7A")
    diagram = view.to_diagram()
    diagram.find("shop_api").link = "https://example.org/shop api?docs=1;v=2"
    return diagram


def svg_text(svg: str) -> list[str]:
    return shared_svg_text(svg, normalise=True)


def shown(text: str) -> list[str]:
    """The chunks a label is expected to appear as: its lines, whitespace collapsed."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def rendered() -> dict[str, tuple[str, object]]:
    """Every browser-test diagram, rendered by real Mermaid in one page, in one call."""
    from c4kit.render import render_svgs

    cases: dict[str, str] = {name: emit_flowchart(view.to_diagram()) for name, view in realistic_views().items()}
    cases["container LR"] = emit_flowchart(realistic_views()["container"].to_diagram(), direction="LR")
    cases["no legend"] = emit_flowchart(realistic_views()["component"].to_diagram(), legend=False)
    cases["hostile"] = emit_flowchart(hostile_diagram())
    cases["reserved"] = emit_flowchart(reserved_diagram())
    cases["styled"] = emit_flowchart(styled_diagram())
    cases["empty"] = emit_flowchart(Diagram(DiagramKind.CONTEXT, "Nothing yet"))
    results = render_svgs(list(cases.values()))
    return {name: (text, result) for (name, text), result in zip(cases.items(), results)}


@pytest.mark.browser
class TestRendering:
    def test_every_diagram_renders(self, rendered):
        failures = {name: result.error for name, (_, result) in rendered.items() if not result.ok}
        assert not failures

    @pytest.mark.parametrize("name", ["landscape", "context", "container", "component", "dynamic", "deployment",
                                      "container LR", "no legend"])
    def test_realistic_labels_appear(self, rendered, name):
        text, result = rendered[name]
        chunks = svg_text(result.svg)
        names = re.findall(r"<b>([^<#]*)</b>", text)
        type_lines = re.findall(r"<small>(\[[^<#]*\])</small>", text)
        descriptions = re.findall(r"<small>([^<#\[]*)</small>", text)
        assert len(names) > 5 and type_lines and descriptions
        for label in names + type_lines + descriptions:
            assert label in chunks

    def test_dynamic_step_numbers_appear(self, rendered):
        chunks = svg_text(rendered["dynamic"][1].svg)
        for step in ("1. Submits the order form", "4. Charges the card", "7. INSERT order"):
            assert step in chunks

    def test_hostile_labels_are_shown_verbatim(self, rendered):
        chunks = svg_text(rendered["hostile"][1].svg)
        for text in HOSTILE:
            for piece in shown(text):
                assert any(piece in chunk for chunk in chunks), piece
        # The title keeps its text; only < and > become look-alike angle quotes (the accessible title,
        # which Mermaid does not mangle, keeps them).
        assert HOSTILE_TITLE in chunks
        assert HOSTILE_TITLE.replace("<", "\u2039").replace(">", "\u203a") in chunks

    def test_hostile_labels_do_not_become_markup(self, rendered):
        svg = rendered["hostile"][1].svg
        assert "<script" not in svg
        assert "alert(1)" in svg  # as text
        # The %%{init: {"theme": "dark"}}%% in a label stayed text: the theme is still the default one.
        assert re.search(r"\.node rect[^{]*\{fill:#ECECFF", svg)
        assert '%%{init: {"theme": "dark"}}%%' in " ".join(svg_text(svg))

    def test_reserved_ids_render_as_plain_boxes_and_arrows(self, rendered):
        text, result = rendered["reserved"]
        chunks = svg_text(result.svg)
        for alias in RESERVED:
            assert f"label {alias}" in chunks
        # No circle or cross arrowheads: every arrow ends in the normal point, none starts with one.
        ends = re.findall(r'marker-(start|end)="url\(#[^)]*_flowchart-v2-(\w+)\)"', result.svg)
        assert len(ends) == len(edges(text)) == len(RESERVED) + 5
        assert {end for end in ends} == {("end", "pointEnd")}

    def test_legend_is_drawn_with_text(self, rendered):
        chunks = svg_text(rendered["container"][1].svg)
        for entry in ("Legend", "Person", "External Person", "External System", "Container", "Database", "Queue",
                      "Boundary"):
            assert entry in chunks
        assert "Legend" not in svg_text(rendered["no legend"][1].svg)

    def test_styles_reach_the_svg(self, rendered):
        svg = rendered["styled"][1].svg
        assert "fill:#DE8F05" in svg.replace(" ", "")
        assert "Being rewritten" in svg_text(svg)
        assert "stroke:#CC78BC" in svg.replace(" ", "")
        assert re.search(r'<a xlink:href="https://example\.org/shop%20api\?docs=1(;|%3B)v=2"', svg)

    def test_front_matter_title_is_drawn(self, rendered):
        assert "Containers of Bookshop" in svg_text(rendered["container"][1].svg)
        assert "Nothing yet" in svg_text(rendered["empty"][1].svg)

    def test_labels_stay_html_when_the_site_turns_html_labels_off(self):
        from c4kit.render.engine import get_engine

        text = emit_flowchart(realistic_views()["context"].to_diagram())
        (result,) = get_engine().render_many([text], config={"htmlLabels": False,
                                                             "flowchart": {"htmlLabels": False}})
        assert result.ok, result.error
        assert "&lt;b&gt;" not in result.svg and "<foreignObject" in result.svg
        assert "Customer" in svg_text(result.svg)


def measure_overlaps(svgs: dict[str, str]) -> dict[str, object]:
    """The kit's own readability measurement (the one `c4kit course validate` uses), per diagram name."""
    from c4kit.render.overlap import measure_svg_overlaps

    return dict(zip(svgs, measure_svg_overlaps(list(svgs.values()))))


@pytest.mark.browser
def test_realistic_diagrams_have_no_overlapping_text(rendered, artifacts_dir):
    """The reason this emitter exists: no drawn label overlaps another (screenshots go to the artifacts)."""
    names = ["landscape", "context", "container", "component", "dynamic", "deployment", "container LR"]
    measured = measure_overlaps({name: rendered[name][1].svg for name in names})
    for name in names:
        assert measured[name].labels > 10 and measured[name].boxes > 3, name  # something was measured
        assert measured[name].pairs == [], name
    from c4kit.render.engine import render_pngs

    for name, png in zip(names, render_pngs([rendered[name][0] for name in names], scale=1)):
        (artifacts_dir / f"flowchart_{re.sub(r'[^a-z0-9]+', '_', name.lower())}.png").write_bytes(png)


@pytest.mark.browser
def test_reference_diagrams_read_well_as_flowcharts(seeds_dir):
    """The C4 diagrams of the course's reference documents, parsed, emitted and drawn by real Mermaid.

    Measured when written: Mermaid's C4 renderer overlaps text in all 20 of them; as flowcharts, 1 of 20
    (a self-loop whose label Mermaid places beside the box, over a neighbouring label).
    """
    from c4kit.mermaid.parse import parse
    from c4kit.render import render_svgs

    diagrams = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        for number, block in enumerate(re.findall(r"```mermaid\s*\n(.*?)```", path.read_text(), flags=re.S)):
            if re.search(r"^\s*C4(Context|Container|Component|Dynamic|Deployment)\b", block, flags=re.M):
                diagrams[f"{path.stem[:3]}-{number}"] = emit_flowchart(parse(block))
    assert len(diagrams) >= 15
    results = render_svgs(list(diagrams.values()))
    assert [name for name, r in zip(diagrams, results) if not r.ok] == []
    measured = measure_overlaps({name: r.svg for name, r in zip(diagrams, results)})
    overlapping = [name for name, m in measured.items() if m.count]
    assert len(overlapping) <= 1, {name: measured[name].pairs for name in overlapping}
