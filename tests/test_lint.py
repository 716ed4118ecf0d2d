"""The linter's public API: findings, their formats and display, the rule registry, and the course contract.

The contract every course diagram relies on: a well-formed model built with
the Workspace API (labels and technologies given) gives views with no errors
and no warnings.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from c4kit.errors import C4Error
from c4kit.linter import (
    RULES,
    Finding,
    Findings,
    LintInputError,
    Rule,
    Severity,
    UnknownRuleError,
    explain,
    lint,
    lint_text,
)
from c4kit.model import Workspace
from c4kit.model.diagram import (
    Boundary,
    BoundaryKind,
    DeploymentNode,
    Diagram,
    DiagramKind,
    Element,
    ElementKind,
    ElementStyle,
    Relationship,
    RelKind,
    RelStyle,
    Shape,
)


def finding(severity: Severity = Severity.ERROR, *, rule_id: str = "rel-unknown-alias", line: int | None = None,
            column: int | None = None, message: str = "something is wrong") -> Finding:
    return Finding(rule_id, severity, message, "Because.", "Do this.", line, column, None)


# ----------------------------------------------------------------- Finding
def test_format_gives_path_line_column_rule_and_message() -> None:
    assert finding(line=4, column=7).format("shop.mmd") == "shop.mmd:4:7: rel-unknown-alias something is wrong"


def test_format_uses_1_1_when_the_position_is_unknown_and_column_1_when_only_the_line_is_known() -> None:
    assert finding().format() == "<diagram>:1:1: rel-unknown-alias something is wrong"
    assert finding(line=12).format("x") == "x:12:1: rel-unknown-alias something is wrong"


def test_finding_is_frozen_and_serialises_its_severity_as_a_word() -> None:
    f = finding(Severity.WARNING, line=2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.line = 3  # type: ignore[misc]
    assert f.to_dict()["severity"] == "warning"
    assert f.severity == "warning" and str(f.severity) == "warning"


def test_finding_displays_escape_html_and_show_why_and_fix() -> None:
    f = finding(message="'<script>' (x) is bad")
    html = f._repr_html_()
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "error" in html and "Because." in html and "Do this." in html
    md = f._repr_markdown_()
    assert md.startswith("**error** `rel-unknown-alias`") and "Because." in md


# ----------------------------------------------------------------- Findings
def test_findings_is_a_list_with_severity_views() -> None:
    fs = Findings([finding(Severity.ERROR), finding(Severity.WARNING), finding(Severity.INFO)])
    assert isinstance(fs, list) and len(fs) == 3
    assert [f.severity for f in fs.errors] == [Severity.ERROR]
    assert [f.severity for f in fs.warnings] == [Severity.WARNING]
    assert [f.severity for f in fs.infos] == [Severity.INFO]
    assert not fs.ok
    assert fs.summary() == "1 error, 1 warning, 1 info"


def test_ok_means_no_errors_and_no_warnings_infos_are_advice() -> None:
    assert Findings().ok
    assert Findings([finding(Severity.INFO)]).ok
    assert not Findings([finding(Severity.WARNING)]).ok
    assert not Findings([finding(Severity.ERROR)]).ok


def test_findings_format_uses_the_source_name() -> None:
    fs = Findings([finding(line=3, column=2)], source="docs/shop.mmd")
    assert fs.format() == "docs/shop.mmd:3:2: rel-unknown-alias something is wrong"
    assert fs.format("other.mmd").startswith("other.mmd:3:2:")


def test_notebook_table_labels_severity_in_words_and_folds_the_explanation() -> None:
    fs = Findings([finding(Severity.ERROR, line=3), finding(Severity.WARNING, rule_id="orphan-element"),
                   finding(Severity.INFO, rule_id="missing-title")])
    html = fs._repr_html_()
    assert html.count("<tr>") == 4  # header + 3 rows
    for severity in Severity:  # a word next to the icon, never colour alone
        assert f"{severity.icon} {severity.value}</span>" in html
    assert html.count("<details>") == 3 and "Why it matters" in html and "How to fix it" in html
    md = fs._repr_markdown_()
    assert "| Severity | Rule | Where | Message | How to fix it |" in md
    assert "warning" in md and "`orphan-element`" in md


def test_empty_findings_say_the_diagram_is_clean() -> None:
    assert "lint-clean" in Findings()._repr_html_()
    assert "lint-clean" in Findings()._repr_markdown_()
    assert str(Findings()) == "No findings: the diagram is lint-clean."


# ----------------------------------------------------------------- rules as data
def test_every_rule_is_complete_and_teaches() -> None:
    for rule_id, rule in RULES.items():
        assert isinstance(rule, Rule) and rule.id == rule_id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule_id), rule_id
        assert isinstance(rule.severity, Severity)
        for text in (rule.title, rule.message, rule.why, rule.fix):
            assert text.strip() and "\n" not in text, rule_id
        sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(])", rule.why) if s]
        assert 1 <= len(sentences) <= 4, (rule_id, sentences)


def test_rule_titles_are_unique() -> None:
    titles = [r.title for r in RULES.values()]
    assert len(titles) == len(set(titles))


def test_explain_tells_why_and_how() -> None:
    text = explain("rel-to-boundary")
    rule = RULES["rel-to-boundary"]
    assert text.startswith("rel-to-boundary (error): ")
    assert rule.why in text and rule.fix in text


def test_explain_without_an_id_lists_every_rule() -> None:
    lines = explain().splitlines()
    assert len(lines) == len(RULES)
    assert lines[0].split()[:2] == [next(iter(RULES)), next(iter(RULES.values())).severity.value]


def test_explain_unknown_rule_is_a_kind_error_with_a_suggestion() -> None:
    with pytest.raises(UnknownRuleError) as info:
        explain("rel-to-boundry")
    assert isinstance(info.value, C4Error) and isinstance(info.value, KeyError)
    assert "rel-to-boundary" in info.value.hint


def test_the_registry_is_read_only() -> None:
    with pytest.raises(TypeError):
        RULES["x"] = RULES["missing-title"]  # type: ignore[index]


# ----------------------------------------------------------------- lint()
def messy() -> Diagram:
    """A diagram with findings on several lines, declared out of line order."""
    a = Element("a", "Alpha", ElementKind.SYSTEM, "", line=5)
    b = Element("b", "Beta", ElementKind.CONTAINER, "Does", line=3)
    rels = [Relationship("a", "zz", "", line=9), Relationship("b", "a", "Calls", line=2)]
    return Diagram(DiagramKind.CONTEXT, "", [a, b], rels)


def test_findings_are_ordered_by_position_then_severity_then_rule() -> None:
    fs = lint(messy())
    keys = [(f.line or 0, f.column or 0, f.severity.rank, f.rule_id) for f in fs]
    assert keys == sorted(keys)
    assert fs[0].rule_id == "missing-title"  # whole-diagram findings first
    assert [f.line for f in fs if f.line] == sorted(f.line for f in fs if f.line)


def test_lint_is_deterministic() -> None:
    runs = [lint(messy()) for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]
    assert [f.format() for f in runs[0]] == [f.format() for f in runs[2]]


def test_messages_name_elements_by_label_and_alias() -> None:
    d = Diagram(DiagramKind.CONTAINER, "T", [Element("payment", "Payment Service", ElementKind.CONTAINER, "Pays")])
    [f] = [f for f in lint(d) if f.rule_id == "missing-technology"]
    assert "'Payment Service' (payment)" in f.message and f.alias == "payment"


def test_lint_refuses_text_and_other_objects_kindly() -> None:
    with pytest.raises(LintInputError) as info:
        lint("C4Context")  # type: ignore[arg-type]
    assert "lint_text" in info.value.hint
    with pytest.raises(LintInputError):
        lint(42)  # type: ignore[arg-type]


def test_lint_accepts_a_view_and_the_view_lints_itself() -> None:
    ws = Workspace("Tiny")
    user = ws.person("User", "Reads the news")
    news = ws.system("News", "Publishes articles")
    user.uses(news, "Reads articles on")
    view = ws.context_view(news)
    assert lint(view) == lint(view.to_diagram()) == view.lint() == []


def test_c4kit_lint_is_the_function_and_the_rules_live_in_c4kit_linter() -> None:
    import c4kit
    import c4kit.linter as package

    assert c4kit.lint(messy()) == lint(messy())
    assert c4kit.lint is package.lint and "rel-to-boundary" in package.RULES


# ----------------------------------------------------------------- the course contract
def bookshop_views() -> dict[str, Any]:
    """The views of a realistic model at every level, written the way the course writes them."""
    ws = Workspace("Bookshop")
    customer = ws.person("Customer", "Browses and buys books online")
    clerk = ws.person("Back-office clerk", "Keeps the catalogue up to date")
    company = ws.enterprise("Bookshop Ltd")
    shop = company.system("Bookshop", "Sells books online")
    warehouse = company.system("Warehouse System", "Picks, packs and ships orders")
    payments = ws.system("Payment Provider", "Takes card payments", external=True)
    mail = ws.system("E-mail Service", "Delivers transactional e-mail", external=True)

    spa = shop.container("Web Shop", "TypeScript, React", "Lets customers browse and buy books")
    admin = shop.container("Back Office", "Python, Django", "Lets clerks edit the catalogue")
    api = shop.container("Shop API", "Python, FastAPI", "Serves the catalogue and takes orders")
    db = shop.database("Shop Database", "PostgreSQL 16", "Books, customers and orders")
    events = shop.queue("Order Events", "RabbitMQ", "Carries order-placed events")
    worker = shop.container("Fulfilment Worker", "Python, Celery", "Hands paid orders to the warehouse")

    routes = api.component("Orders Router", "FastAPI router", "Accepts order requests")
    orders = api.component("Order Service", "Python module", "Applies the ordering rules")
    repo = api.component("Order Repository", "SQLAlchemy", "Stores and loads orders")
    gateway = api.component("Payment Gateway", "httpx client", "Charges cards through the provider")
    publisher = api.component("Event Publisher", "aio-pika", "Publishes order events")

    customer.uses(spa, "Browses and buys books using", "HTTPS")
    clerk.uses(admin, "Edits the catalogue using", "HTTPS")
    admin.uses(db, "Reads and writes the catalogue in", "SQL")
    spa.uses(routes, "Places orders using", "HTTPS/JSON")
    routes.uses(orders, "Hands orders to", "Python call")
    orders.uses(repo, "Saves orders with", "Python call")
    orders.uses(gateway, "Charges cards with", "Python call")
    orders.uses(publisher, "Announces placed orders with", "Python call")
    repo.uses(db, "Reads and writes orders in", "SQL")
    gateway.uses(payments, "Charges cards using", "HTTPS/JSON")
    publisher.uses(events, "Publishes order events to", "AMQP")
    worker.uses(events, "Consumes order events from", "AMQP")
    worker.uses(warehouse, "Sends paid orders to", "HTTPS/JSON")
    worker.uses(mail, "Sends order confirmations using", "SMTP")

    checkout = ws.dynamic_view("Placing an order")
    checkout.step(customer, spa, "Submits the basket", "HTTPS")
    checkout.step(spa, api, "Posts the order", "HTTPS/JSON")
    checkout.step(api, db, "Stores the order", "SQL")
    checkout.step(api, payments, "Charges the card", "HTTPS/JSON")
    checkout.step(api, events, "Publishes order placed", "AMQP")
    checkout.step(worker, events, "Picks up the event", "AMQP")
    checkout.step(worker, warehouse, "Requests shipping", "HTTPS/JSON")

    prod = ws.deployment_environment("Production")
    aws = prod.node("AWS", "Amazon Web Services", "eu-west-1")
    lb = aws.infrastructure("Load Balancer", "AWS ALB", "Terminates TLS and routes traffic")
    cdn = aws.node("CloudFront", "CDN", "Serves the single-page app")
    cluster = aws.node("EKS Cluster", "Kubernetes 1.30")
    rds = aws.node("RDS", "Amazon RDS", "Managed PostgreSQL")
    broker = aws.node("Amazon MQ", "RabbitMQ 3.13")
    cdn.instance(spa)
    web_api = cluster.instance(api, replicas=3)
    cluster.instance(admin)
    cluster.instance(worker, replicas=2)
    rds.instance(db)
    broker.instance(events)
    lb.uses(web_api, "Forwards requests to", "HTTPS")
    return {
        "landscape": ws.landscape_view(),
        "context": ws.context_view(shop),
        "containers": ws.container_view(shop),
        "components": ws.component_view(api),
        "dynamic": checkout,
        "deployment": ws.deployment_view(prod),
    }


@pytest.mark.parametrize("name", ["landscape", "context", "containers", "components", "dynamic", "deployment"])
def test_every_view_of_a_well_formed_workspace_is_lint_clean(name: str) -> None:
    view = bookshop_views()[name]
    findings = lint(view)
    assert findings.ok, findings.format()
    assert findings.errors == [] and findings.warnings == []


@pytest.mark.parametrize("name", ["landscape", "context", "containers", "components", "dynamic", "deployment"])
def test_the_mermaid_each_view_emits_is_lint_clean_too(name: str) -> None:
    pytest.importorskip("c4kit.mermaid.emit_c4")
    pytest.importorskip("c4kit.mermaid.parse")
    findings = lint_text(bookshop_views()[name].to_mermaid(), source=f"{name}.mmd")
    assert findings == [], findings.format()


def test_the_realistic_workspace_covers_every_level() -> None:
    views = bookshop_views()
    kinds = {v.to_diagram().kind for v in views.values()}
    assert kinds == set(DiagramKind)
    sizes = {name: len(v.to_diagram().elements()) for name, v in views.items()}
    assert all(n >= 3 for n in sizes.values()), sizes


def test_a_sloppy_workspace_is_caught() -> None:
    ws = Workspace("Sloppy")
    user = ws.person("User")
    app = ws.system("App")
    web = app.container("Web")  # no technology
    ws.system("Forgotten", "Nobody uses it")
    user.uses(web, "")  # no label
    findings = lint(ws.container_view(app))
    assert {"missing-technology", "unlabelled-relationship"} <= set(findings.rule_ids)
    assert not findings.ok
    landscape = lint(ws.landscape_view())
    assert "orphan-element" in landscape.rule_ids


# ----------------------------------------------------------------- robustness
_ALIASES = st.sampled_from(["a", "b", "c", "d", "web", "Web", "x_1"])
_TEXT = st.text(alphabet="ab #;'\"<>{}", max_size=6)


def _element(draw) -> Element:
    return Element(draw(_ALIASES), draw(_TEXT), draw(st.sampled_from(list(ElementKind))), draw(_TEXT),
                   draw(_TEXT), draw(st.sampled_from(list(Shape))), line=draw(st.none() | st.integers(1, 40)))


@st.composite
def _nodes(draw, depth: int = 0) -> list:
    out = []
    for _ in range(draw(st.integers(0, 4))):
        choice = draw(st.integers(0, 3 if depth < 2 else 1))
        if choice <= 1:
            out.append(_element(draw))
        elif choice == 2:
            out.append(Boundary(draw(_ALIASES), draw(_TEXT), draw(st.sampled_from(list(BoundaryKind))),
                                children=draw(_nodes(depth + 1))))
        else:
            out.append(DeploymentNode(draw(_ALIASES), draw(_TEXT), children=draw(_nodes(depth + 1))))
    return out


@st.composite
def _diagrams(draw) -> Diagram:
    rels = [Relationship(draw(_ALIASES), draw(_ALIASES), draw(_TEXT), draw(_TEXT),
                         kind=draw(st.sampled_from(list(RelKind))), index=draw(st.none() | st.integers(0, 5)),
                         line=draw(st.none() | st.integers(1, 40)))
            for _ in range(draw(st.integers(0, 6)))]
    return Diagram(draw(st.sampled_from(list(DiagramKind))), draw(_TEXT), draw(_nodes()), rels,
                   [ElementStyle(draw(_ALIASES)) for _ in range(draw(st.integers(0, 2)))],
                   [RelStyle(draw(_ALIASES), draw(_ALIASES)) for _ in range(draw(st.integers(0, 2)))])


@settings(max_examples=150, deadline=None)
@given(_diagrams())
def test_any_diagram_lints_without_crashing_in_a_stable_order(d: Diagram) -> None:
    first, second = lint(d), lint(d)
    assert first == second
    keys = [(f.line or 0, f.column or 0, f.severity.rank, f.rule_id) for f in first]
    assert keys == sorted(keys)
    for f in first:
        assert f.rule_id in RULES and f.message and f.why and f.fix
        assert f.format().startswith(f"<diagram>:{f.line or 1}:{f.column or 1}: {f.rule_id} ")
