"""Reading c4kit's C4-styled flowcharts back: the facts a screen reader needs survive the drawing."""

from __future__ import annotations

import copy
import re
import unicodedata

from hypothesis import HealthCheck, assume, given, settings
from strategies import diagrams

from c4kit import Workspace
from c4kit.course.a11y import describe, text_alternative
from c4kit.mermaid.emit_flowchart import emit_flowchart
from c4kit.mermaid.read_flowchart import read_c4_flowchart
from c4kit.model.diagram import DeploymentNode, Diagram, DiagramKind, RelKind

_NUMBERED = re.compile(r"^\s*\d+\s*[.):]\s")


def shop() -> Workspace:
    ws = Workspace("Shop")
    customer = ws.person("Customer", "Buys things")
    shop = ws.system("Shop", "Sells things")
    web = shop.container("Web App", "React", "The pages")
    api = shop.container("API", "Go", "Orders and stock")
    db = shop.database("Orders DB", "PostgreSQL", "Orders")
    bus = shop.queue("Events", "Kafka", "Order events")
    mail = ws.system("Mailer", "Sends e-mails", external=True)
    customer.uses(web, "Shops with", "HTTPS")
    web.uses(api, "Calls", "JSON/HTTPS")
    api.uses(db, "Reads and writes", "SQL")
    api.uses(bus, "Publishes order events to", "Kafka", sync=False)
    api.uses(mail, "Sends receipts through", "SMTP")
    return ws


def test_a_container_view_reads_back_with_kinds_shapes_technology_and_arrows():
    ws = shop()
    drawn = read_c4_flowchart(emit_flowchart(ws.container_view(ws["shop"]), direction="LR"))
    assert drawn is not None and drawn.kind is DiagramKind.CONTAINER and drawn.title == "Containers of Shop"
    lines = text_alternative(emit_flowchart(ws.container_view(ws["shop"]))).as_text().splitlines()
    assert "- Orders DB (database container, PostgreSQL): Orders" in lines
    assert "- Events (queue container, Kafka): Order events" in lines
    assert "- Mailer (external software system): Sends e-mails" in lines
    assert "- Shop (system boundary) contains: Web App, API, Orders DB, Events" in lines
    assert "- API uses Orders DB to read and write [SQL]" in lines
    assert not any("Legend" in line or "Dashed arrow" in line for line in lines)  # the key is not the model
    (async_rel,) = [r for r in drawn.relationships if r.target.endswith("events")]
    assert async_rel.is_async


def test_deployment_nodes_infrastructure_and_replicas_read_back():
    ws = shop()
    prod = ws.deployment_environment("Production")
    region = prod.node("eu-west-1", "AWS region")
    lb = region.infrastructure("Load Balancer", "AWS ALB", "Spreads requests")
    api = region.instance(ws["api"], replicas=3)
    lb.uses(api, "Routes requests to", "HTTPS")
    alt = text_alternative(emit_flowchart(ws.deployment_view(prod)))
    text = alt.as_text()
    assert alt.structured and alt.title == "Deployment diagram: Deployment of Shop: Production"
    assert "- Load Balancer (infrastructure node, AWS ALB): Spreads requests" in text
    assert "eu-west-1 (deployment node, AWS region) contains: Load Balancer, API (x3)" in text
    assert "- Load Balancer routes requests to API (x3) [HTTPS]" in text


def test_dynamic_steps_keep_their_numbers():
    ws = shop()
    flow = ws.dynamic_view("Placing an order")
    flow.step(ws["customer"], ws["web_app"], "Submits the basket", "HTTPS")
    flow.step(ws["web_app"], ws["api"], "Creates the order", "JSON/HTTPS")
    text = text_alternative(emit_flowchart(flow)).as_text()
    assert "- Step 1: Customer submits the basket using Web App [HTTPS]" not in text  # not a preposition
    assert "- Step 1: Customer uses Web App to submit the basket [HTTPS]" in text
    assert "- Step 2: Web App uses API to create the order [JSON/HTTPS]" in text


def test_widget_overlays_stay_in_the_labels_as_the_frame_shows_them():
    from c4kit.sim import blast_radius, failure_overlay

    ws = shop()
    frame = failure_overlay(ws.container_view(ws["shop"]), blast_radius(ws, {ws["orders_db"]: "down"}))
    text = text_alternative(emit_flowchart(frame)).as_text()
    assert "Orders DB [DOWN]" in text


def test_hand_edited_text_never_breaks_the_reader():
    ws = shop()
    text = emit_flowchart(ws.container_view(ws["shop"]))
    edited = text.replace("<b>API</b>", "<b>API #99999999; #65;</b>").replace("    end\n", "", 1)
    drawn = read_c4_flowchart(edited + "    c4_api --> c4_nowhere\n    subgraph c4_open [\"unclosed\"]\n")
    assert drawn is not None
    assert "API #99999999; A" in [e.label for e in drawn.elements()]
    assert text_alternative(edited).structured


def test_other_flowcharts_are_not_read_as_c4():
    assert read_c4_flowchart("flowchart LR\n  a[Start] --> b[End]") is None
    assert read_c4_flowchart("flowchart LR\n  accDescr: C4 nonsense drawn as a flowchart\n  a --> b") is None
    alt = text_alternative("---\ntitle: Pipeline\n---\nflowchart LR\n  a-->b")
    assert not alt.structured and alt.title == "Flowchart: Pipeline"


def _drawable(text: str) -> str:
    """The text as the flowchart draws it: line breaks are breaks, other control characters are dropped."""
    return "".join(" " if ch in "\n\r\t\x85\u2028\u2029" else ch for ch in text
                   if ch in "\n\r\t\x85" or unicodedata.category(ch) not in ("Cc", "Cs"))


def _all_text(diagram: Diagram) -> str:
    parts = [diagram.title]
    for node, _ in diagram.walk():
        parts += [str(getattr(node, name, "")) for name in ("label", "description", "technology", "type")]
    for rel in diagram.relationships:
        parts += [rel.label, rel.technology, rel.description]
    return "\n".join(parts)


def _as_drawn(diagram: Diagram) -> Diagram:
    """What the flowchart can show: drawable text, arrows the way they point, no layout hints."""
    shown = copy.deepcopy(diagram)
    shown.title = _drawable(shown.title)
    for node, _ in shown.walk():
        for name in ("label", "description", "technology", "type"):
            if isinstance(getattr(node, name, None), str):
                setattr(node, name, _drawable(getattr(node, name)))
    for rel in shown.relationships:
        rel.label, rel.technology, rel.description = map(_drawable, (rel.label, rel.technology, rel.description))
        if rel.kind is RelKind.REL_BACK:
            rel.source, rel.target = rel.target, rel.source
        if rel.kind is not RelKind.BIREL:
            rel.kind = RelKind.REL
    for node, _ in shown.walk():
        if isinstance(node, DeploymentNode) and node.type.strip() == "Deployment Node":
            node.type = ""
    return shown


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(diagrams())
def test_the_description_of_the_drawing_is_the_description_of_the_model(diagram):
    diagram.element_styles, diagram.rel_styles = [], []  # styles are not model facts (and may change a shape)
    assume(not any(_NUMBERED.match(r.label) for r in diagram.relationships))
    assume("\u2060" not in _all_text(diagram))  # a typed word joiner looks like the one escape_label adds
    drawn = read_c4_flowchart(emit_flowchart(diagram))
    assert drawn is not None
    expected, actual = describe(_as_drawn(diagram)), describe(drawn)
    assert actual.sections == expected.sections
    assert actual.summary == expected.summary
