"""Text alternatives: what a screen reader gets for a diagram, and the accessible figure around the SVG."""

from __future__ import annotations

import importlib.util

import pytest

from c4kit.course.a11y import describe, relationship_sentence, source_alternative, text_alternative
from c4kit.course.export.figure import accessible_svg, figure_html, reid, svg_id
from c4kit.model.diagram import (
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
)

NAMES = {"customer": "Customer", "shop": "Web Shop", "db": "Orders DB", "mail": "E-mail Service"}


@pytest.mark.parametrize(("label", "technology", "kind", "expected"), [
    ("Browses and buys books using", "HTTPS", RelKind.REL,
     "Customer browses and buys books using Web Shop [HTTPS]"),
    ("Reads from and writes to", "SQL", RelKind.REL, "Customer reads from and writes to Web Shop [SQL]"),
    ("Sends e-mails", "", RelKind.REL, "Customer uses Web Shop to send e-mails"),
    ("Queries stock levels", "", RelKind.REL, "Customer uses Web Shop to query stock levels"),
    ("Pushes events", "", RelKind.REL, "Customer uses Web Shop to push events"),
    ("Calls", "gRPC", RelKind.REL, "Customer calls Web Shop [gRPC]"),
    ("", "", RelKind.REL, "Customer uses Web Shop"),
    ("Order events", "Kafka", RelKind.REL, "Customer to Web Shop: Order events [Kafka]"),
    ("Status updates", "", RelKind.REL, "Customer to Web Shop: Status updates"),
    ("API calls to", "", RelKind.REL, "Customer API calls to Web Shop"),
    ("Syncs with", "", RelKind.BIREL, "Customer syncs with Web Shop (both ways)"),
    ("Line one<br/>line two using", "", RelKind.REL, "Customer line one line two using Web Shop"),
])
def test_relationships_read_as_sentences(label, technology, kind, expected):
    rel = Relationship("customer", "shop", label, technology, kind=kind)
    assert relationship_sentence(rel, NAMES) == expected


def bookshop(kind: DiagramKind = DiagramKind.CONTAINER) -> Diagram:
    boundary = Boundary("b", "Bookshop", BoundaryKind.SYSTEM, children=[
        Element("shop", "Web Shop", ElementKind.CONTAINER, "Serves pages", "Python, Django"),
        Element("db", "Orders DB", ElementKind.CONTAINER, "Stores orders", "PostgreSQL", shape=Shape.DB),
    ])
    return Diagram(kind, "Bookshop containers", nodes=[
        Element("customer", "Customer", ElementKind.PERSON, "Buys books"),
        boundary,
        Element("mail", "E-mail Service", ElementKind.SYSTEM, "Sends e-mails", external=True),
    ], relationships=[
        Relationship("customer", "shop", "Browses books using", "HTTPS"),
        Relationship("shop", "db", "Reads from and writes to", "SQL"),
        Relationship("shop", "mail", "Sends order confirmations", "SMTP"),
    ])


def test_a_c4_model_becomes_structured_text():
    alt = describe(bookshop())
    assert alt.title == "Container diagram: Bookshop containers"
    assert alt.summary == ("Container diagram: Bookshop containers. 4 elements and 3 relationships: "
                           "Customer, Web Shop, Orders DB, E-mail Service.")
    sections = dict(alt.sections)
    assert sections["Elements"] == (
        "Customer (person): Buys books",
        "Web Shop (container, Python, Django): Serves pages",
        "Orders DB (database container, PostgreSQL): Stores orders",
        "E-mail Service (external software system): Sends e-mails",
    )
    assert sections["Boundaries and nodes"] == ("Bookshop (system boundary) contains: Web Shop, Orders DB",)
    assert sections["Relationships"] == (
        "Customer browses books using Web Shop [HTTPS]",
        "Web Shop reads from and writes to Orders DB [SQL]",
        "Web Shop uses E-mail Service to send order confirmations [SMTP]",
    )


def test_dynamic_diagrams_number_their_steps_and_nodes_say_what_they_host():
    alt = describe(bookshop(DiagramKind.DYNAMIC))
    assert dict(alt.sections)["Relationships"][0].startswith("Step 1: Customer browses")
    deployment = Diagram(DiagramKind.DEPLOYMENT, "", nodes=[
        DeploymentNode("aws", "AWS", "eu-west-1", children=[
            Element("api", "API", ElementKind.CONTAINER, "", "Go")])])
    alt = describe(deployment)
    assert alt.title == "Deployment diagram"
    assert dict(alt.sections)["Boundaries and nodes"] == ("AWS (deployment node, eu-west-1) contains: API",)


def test_details_block_escapes_everything():
    alt = source_alternative("classDiagram\n  class Repo {\n    <<interface>>\n  }")
    assert alt.title == "Class diagram"
    html = alt.details_html()
    assert html.startswith('<details class="c4kit-astext"><summary>Diagram as text</summary>')
    assert "&lt;&lt;interface&gt;&gt;" in html and "<<interface>>" not in html
    structured = describe(bookshop())
    assert "<li>Customer browses books using Web Shop [HTTPS]</li>" in structured.details_html()


def test_generic_names_come_from_the_type_and_title():
    assert source_alternative("---\ntitle: Pipeline\n---\nflowchart LR\n  a-->b").title == "Flowchart: Pipeline"
    assert source_alternative("sequenceDiagram\n  a->>b: hi").title == "Sequence diagram"
    assert source_alternative("journey\n  title My day").title == "User journey: My day"
    assert source_alternative("C4Context\n  Person(").title == "C4 diagram"


@pytest.mark.skipif(importlib.util.find_spec("c4kit.mermaid.parse") is None, reason="the C4 parser is not there yet")
def test_c4_text_is_parsed_into_structured_text():
    alt = text_alternative('C4Context\n  title Shop\n  Person(c, "Customer", "Buys")\n  System(s, "Shop", "Sells")\n'
                           '  Rel(c, s, "Buys books using", "HTTPS")')
    assert alt.structured
    assert "Customer buys books using Shop [HTTPS]" in dict(alt.sections)["Relationships"]
    broken = text_alternative("C4Context\n  Person(c, ")
    assert not broken.structured and broken.source.startswith("C4Context")


SVG = ('<svg id="c4kit-abc123def456" width="100%" xmlns="http://www.w3.org/2000/svg" role="graphics-document document" '
       'aria-roledescription="c4"><style>#c4kit-abc123def456 .x{fill:red}</style>'
       '<marker id="c4kit-abc123def456-arrow"/><path marker-end="url(#c4kit-abc123def456-arrow)"/></svg>')


def test_figure_is_an_image_named_and_described():
    alt = describe(bookshop())
    html = figure_html(SVG, alt, "c4kit-abc123def456-2")
    assert 'role="img" aria-labelledby="c4kit-abc123def456-2-title c4kit-abc123def456-2-desc"' in html
    assert "graphics-document" not in html and "aria-roledescription" not in html
    assert '<title id="c4kit-abc123def456-2-title">Container diagram: Bookshop containers</title>' in html
    assert '<desc id="c4kit-abc123def456-2-desc">' in html
    assert html.count("c4kit-abc123def456-2") >= 5 and 'id="c4kit-abc123def456"' not in html
    assert "url(#c4kit-abc123def456-2-arrow)" in html
    assert '<div class="c4kit-card">' in html and '<details class="c4kit-astext">' in html


def test_reid_and_svg_id():
    assert svg_id(SVG) == "c4kit-abc123def456"
    assert reid(SVG, "c4kit-abc123def456") == SVG
    assert svg_id(reid(SVG, "new")) == "new"
    assert accessible_svg("<p>not an svg</p>", describe(bookshop()), "x") == "<p>not an svg</p>"
