"""Every lint rule fires on a bad diagram and stays silent on the corrected one.

``CASES`` holds, per rule id, a minimal bad diagram and its fix; the
parametrized tests prove both directions for every registered rule, and a
meta-test makes sure no rule is left without a case.  The tests after it pin
down the details of each rule (positions, wording, hints, edge cases).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from c4kit.linter import RULES, Finding, Severity, lint
from c4kit.linter.rules_practice import MAX_BIDIRECTIONAL, MAX_ELEMENTS
from c4kit.mermaid import notes as codes
from c4kit.mermaid.notes import SourceNote
from c4kit.model.diagram import (
    Boundary,
    BoundaryKind,
    DeploymentNode,
    Diagram,
    DiagramKind,
    Element,
    ElementKind,
    ElementStyle,
    Node,
    Relationship,
    RelKind,
    RelStyle,
    Shape,
)

CTX, CONT, COMP, DYN, DEPL = (DiagramKind.CONTEXT, DiagramKind.CONTAINER, DiagramKind.COMPONENT,
                              DiagramKind.DYNAMIC, DiagramKind.DEPLOYMENT)


# --------------------------------------------------------------------- builders
def person(alias: str, label: str = "", **kw) -> Element:
    kw.setdefault("description", "Buys books")
    return Element(alias, label or alias.title(), ElementKind.PERSON, **kw)


def system(alias: str, label: str = "", **kw) -> Element:
    kw.setdefault("description", "Does something useful")
    return Element(alias, label or alias.title(), ElementKind.SYSTEM, **kw)


def container(alias: str, label: str = "", **kw) -> Element:
    kw.setdefault("description", "Runs something")
    kw.setdefault("technology", "Python")
    return Element(alias, label or alias.title(), ElementKind.CONTAINER, **kw)


def component(alias: str, label: str = "", **kw) -> Element:
    kw.setdefault("description", "Handles something")
    kw.setdefault("technology", "Python class")
    return Element(alias, label or alias.title(), ElementKind.COMPONENT, **kw)


def rel(source: str, target: str, label: str = "Uses", technology: str = "HTTPS", **kw) -> Relationship:
    return Relationship(source, target, label, technology, **kw)


def diagram(kind: DiagramKind, nodes: list[Node], rels: list[Relationship] = (), title: str = "A view",
            **kw) -> Diagram:
    return Diagram(kind, title, list(nodes), list(rels), **kw)


def context_ok(**kw) -> Diagram:
    return diagram(CTX, [person("customer"), system("shop", "Bookshop"), system("pay", "Payments", external=True)],
                   [rel("customer", "shop", "Buys books using"), rel("shop", "pay", "Charges cards using")], **kw)


def container_ok(**kw) -> Diagram:
    inside = Boundary("shop", "Bookshop", BoundaryKind.SYSTEM,
                      children=[container("web"), container("api"), container("db", shape=Shape.DB)])
    return diagram(CONT, [person("customer"), inside],
                   [rel("customer", "web", "Browses"), rel("web", "api", "Calls"), rel("api", "db", "Reads", "SQL")],
                   **kw)


def component_ok(**kw) -> Diagram:
    api = Boundary("api", "API", BoundaryKind.CONTAINER, children=[component("ctrl"), component("repo")])
    shop = Boundary("shop", "Bookshop", BoundaryKind.SYSTEM, children=[container("web"), api])
    return diagram(COMP, [shop], [rel("web", "ctrl", "Posts orders to"), rel("ctrl", "repo", "Saves with", "call")],
                   **kw)


def dynamic_ok(**kw) -> Diagram:
    return diagram(DYN, [person("customer"), container("web"), container("api")],
                   [rel("customer", "web", "Submits", index=1), rel("web", "api", "Posts", index=2),
                    rel("api", "web", "Confirms", index=3)], **kw)


def deployment_ok(**kw) -> Diagram:
    node = DeploymentNode("srv", "Server", "Ubuntu", children=[container("web"), container("db", shape=Shape.DB)])
    return diagram(DEPL, [DeploymentNode("dc", "Data centre", children=[node])], [rel("web", "db", "Reads", "SQL")],
                   **kw)


def with_nodes(base: Diagram, *extra: Node, rels: list[Relationship] = ()) -> Diagram:
    base.nodes.extend(extra)
    base.relationships.extend(rels)
    return base


def note(code: str, line: int = 3, column: int = 5, text: str = "") -> SourceNote:
    return SourceNote(code, line, column, f"parser note {code}", text)


Case = Callable[[], tuple[Diagram, list[SourceNote]]]


def bad_and_good(bad: Callable[[], Diagram], good: Callable[[], Diagram]) -> tuple[Case, Case]:
    return (lambda: (bad(), [])), (lambda: (good(), []))


def noted(code: str) -> tuple[Case, Case]:
    return (lambda: (context_ok(), [note(code)])), (lambda: (context_ok(), []))


def _birels(n: int) -> Diagram:
    names = [f"s{i}" for i in range(n + 1)]
    return diagram(CTX, [system(a) for a in names],
                   [rel(a, b, "Syncs with", kind=RelKind.BIREL) for a, b in itertools.pairwise(names)])


CASES: dict[str, tuple[Case, Case]] = {
    "rel-unknown-alias": bad_and_good(lambda: with_nodes(context_ok(), rels=[rel("customer", "shp", "Uses")]),
                                      context_ok),
    "rel-to-boundary": bad_and_good(lambda: with_nodes(container_ok(), rels=[rel("customer", "shop", "Uses")]),
                                    container_ok),
    "duplicate-alias": bad_and_good(lambda: with_nodes(context_ok(), system("shop", "Second shop")), context_ok),
    "style-unknown-element": bad_and_good(lambda: context_ok(element_styles=[ElementStyle("nope", bg_color="red")]),
                                          lambda: context_ok(element_styles=[ElementStyle("shop", bg_color="red")])),
    "style-unknown-relationship": bad_and_good(
        lambda: context_ok(rel_styles=[RelStyle("shop", "customer", text_color="red")]),
        lambda: context_ok(rel_styles=[RelStyle("customer", "shop", text_color="red")])),
    "relationship-overwritten": bad_and_good(
        lambda: with_nodes(context_ok(), rels=[rel("customer", "shop", "Pays using")]), context_ok),
    "duplicate-relationship": bad_and_good(
        lambda: with_nodes(context_ok(), rels=[rel("customer", "shop", "Buys books using")]), context_ok),
    "steps-out-of-order": bad_and_good(
        lambda: diagram(DYN, [person("customer"), container("web"), container("api")],
                        [rel("customer", "web", "Submits", index=1), rel("web", "api", "Posts", index=3)]),
        dynamic_ok),
    "empty-boundary": bad_and_good(lambda: with_nodes(context_ok(), Boundary("grp", "Group")), context_ok),
    "wrong-level": bad_and_good(lambda: with_nodes(context_ok(), container("api"),
                                                   rels=[rel("shop", "api", "Contains?")]), context_ok),
    "unhosted-container": bad_and_good(lambda: with_nodes(deployment_ok(), container("cache")), deployment_ok),
    "unlabelled-relationship": bad_and_good(lambda: with_nodes(context_ok(), rels=[rel("pay", "customer", "")]),
                                            context_ok),
    "missing-technology": bad_and_good(
        lambda: with_nodes(container_ok(), container("cron", technology=""), rels=[rel("cron", "api", "Calls")]),
        container_ok),
    "technology-at-context-level": bad_and_good(
        lambda: diagram(CTX, [person("customer"), system("shop", technology="Java")],
                        [rel("customer", "shop", "Uses")]),
        lambda: diagram(CTX, [person("customer"), system("shop")], [rel("customer", "shop", "Uses")])),
    "orphan-element": bad_and_good(lambda: with_nodes(context_ok(), system("crm", "CRM")), context_ok),
    "too-many-elements": bad_and_good(
        lambda: diagram(CTX, [system(f"s{i}") for i in range(MAX_ELEMENTS + 1)],
                        [rel(f"s{i}", f"s{i + 1}") for i in range(MAX_ELEMENTS)]),
        lambda: diagram(CTX, [system(f"s{i}") for i in range(MAX_ELEMENTS)],
                        [rel(f"s{i}", f"s{i + 1}") for i in range(MAX_ELEMENTS - 1)])),
    "bidirectional-initiator": bad_and_good(
        lambda: diagram(CTX, [person("customer"), system("shop")],
                        [rel("customer", "shop", "Buys from", kind=RelKind.BIREL)]),
        lambda: diagram(CTX, [person("customer"), system("shop")], [rel("customer", "shop", "Buys from")])),
    "bidirectional-relationship": bad_and_good(
        lambda: diagram(CTX, [system("a"), system("b")], [rel("a", "b", "Syncs with", kind=RelKind.BIREL)]),
        lambda: diagram(CTX, [system("a"), system("b")], [rel("a", "b", "Syncs with")])),
    "bidirectional-overuse": bad_and_good(lambda: _birels(MAX_BIDIRECTIONAL + 1), lambda: _birels(MAX_BIDIRECTIONAL)),
    "self-relationship": bad_and_good(lambda: with_nodes(context_ok(), rels=[rel("shop", "shop", "Retries")]),
                                      context_ok),
    "missing-title": bad_and_good(lambda: context_ok(title=""), context_ok),
    "missing-description": bad_and_good(
        lambda: diagram(CTX, [person("customer", description=""), system("shop")], [rel("customer", "shop")]),
        lambda: diagram(CTX, [person("customer"), system("shop")], [rel("customer", "shop")])),
    "relationship-missing-technology": bad_and_good(
        lambda: with_nodes(container_ok(), rels=[rel("web", "db", "Caches pages in", technology="")]),
        container_ok),
    "no-scope-boundary": bad_and_good(
        lambda: diagram(CONT, [person("customer"), container("web")], [rel("customer", "web", "Browses")]),
        container_ok),
    "mermaid-trap": noted("some-future-trap"),
    # Each parser note code has the rule of the same name (empty-boundary has a diagram case above).
    **{code: noted(code) for code in codes.ALL_CODES if code != codes.EMPTY_BOUNDARY},
}
#: Rules that only ever come from lint_text (tested in test_lint_text.py).
TEXT_ONLY = {"syntax-error", "not-c4"}


def test_every_rule_has_a_case() -> None:
    assert set(CASES) | TEXT_ONLY == set(RULES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_on_the_bad_diagram(rule_id: str) -> None:
    bad, _ = CASES[rule_id]
    diagram_, notes_ = bad()
    fired = [f for f in lint(diagram_, notes=notes_) if f.rule_id == rule_id]
    assert len(fired) == 1, [f.format() for f in lint(diagram_, notes=notes_)]
    finding = fired[0]
    rule = RULES[rule_id]
    assert finding.severity is rule.severity
    assert finding.why == rule.why
    assert finding.fix.endswith(rule.fix)
    assert "{" not in finding.message  # every template placeholder was filled


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_is_silent_on_the_good_diagram(rule_id: str) -> None:
    _, good = CASES[rule_id]
    diagram_, notes_ = good()
    assert rule_id not in [f.rule_id for f in lint(diagram_, notes=notes_)]


@pytest.mark.parametrize("make", [context_ok, container_ok, component_ok, dynamic_ok, deployment_ok])
def test_the_good_baselines_are_clean(make: Callable[[], Diagram]) -> None:
    assert lint(make()) == []


def only(findings: list[Finding], rule_id: str) -> list[Finding]:
    return [f for f in findings if f.rule_id == rule_id]


# ----------------------------------------------------------- Mermaid structure
def test_unknown_alias_names_the_arrow_and_suggests_the_close_alias() -> None:
    d = with_nodes(context_ok(), rels=[rel("customer", "Shop", "Uses", line=9)])
    [f] = only(lint(d), "rel-unknown-alias")
    assert (f.line, f.alias) == (9, "Shop")
    assert "from 'Customer' (customer) to 'Shop'" in f.message
    assert f.fix.startswith("Did you mean 'Bookshop' (shop)?")


def test_unknown_alias_on_both_ends_is_two_findings_and_one_for_a_self_loop() -> None:
    d = with_nodes(context_ok(), rels=[rel("x", "y", "Uses"), rel("z", "z", "Uses")])
    assert [f.alias for f in only(lint(d), "rel-unknown-alias")] == ["x", "y", "z"]


def test_relationship_to_a_deployment_node_lists_what_is_inside() -> None:
    d = with_nodes(deployment_ok(), container("lb"), rels=[rel("lb", "srv", "Routes to")])
    [f] = only(lint(d), "rel-to-boundary")
    assert f.message == ("the relationship from 'Lb' (lb) to 'Server' (srv) ends on a deployment node, but Mermaid "
                         "arrows can only connect boxes")
    assert f.fix.startswith("Inside it: 'Web' (web), 'Db' (db).")
    assert f.alias == "srv"


def test_relationship_from_a_boundary_says_it_starts_there() -> None:
    d = with_nodes(container_ok(), rels=[rel("shop", "customer", "Emails")])
    [f] = only(lint(d), "rel-to-boundary")
    assert "starts from a boundary" in f.message and f.alias == "shop"


def test_duplicate_alias_points_at_the_second_statement_and_the_first() -> None:
    d = diagram(CTX, [person("a", "Alice", line=2), system("a", "Shop", line=5)])
    [f] = only(lint(d), "duplicate-alias")
    assert f.line == 5 and f.alias == "a"
    assert f.message.startswith("'Shop' (a) reuses the alias 'a' of 'Alice' (a) (line 2)")
    assert "single box" in f.message


def test_duplicate_alias_between_box_and_boundary_explains_the_other_consequence() -> None:
    d = with_nodes(container_ok(), system("shop", "Bookshop twin"), rels=[rel("customer", "shop", "Uses")])
    [f] = only(lint(d), "duplicate-alias")
    assert "never the frame" in f.message


def test_element_style_may_target_a_boundary() -> None:
    d = container_ok(element_styles=[ElementStyle("shop", bg_color="grey")])
    assert only(lint(d), "style-unknown-element") == []


def test_element_style_typo_gets_a_suggestion_and_a_position() -> None:
    d = context_ok(element_styles=[ElementStyle("Pay", bg_color="red", line=7)])
    [f] = only(lint(d), "style-unknown-element")
    assert (f.line, f.alias) == (7, "Pay")
    assert f.fix.startswith("Did you mean 'Payments' (pay)?")


def test_rel_style_written_backwards_says_so() -> None:
    d = context_ok(rel_styles=[RelStyle("shop", "customer", line_color="red")])
    [f] = only(lint(d), "style-unknown-relationship")
    assert "UpdateRelStyle(customer, shop, ...)" in f.fix


def test_rel_style_must_follow_birel_direction_as_written() -> None:
    d = diagram(CTX, [system("a"), system("b")], [rel("a", "b", "Syncs", kind=RelKind.BIREL)],
                rel_styles=[RelStyle("b", "a", text_color="red")])
    assert len(only(lint(d), "style-unknown-relationship")) == 1


def test_overwritten_relationship_names_the_label_that_disappears() -> None:
    d = with_nodes(context_ok(), rels=[rel("customer", "shop", "Returns books to", line=8)])
    [f] = only(lint(d), "relationship-overwritten")
    assert f.line == 8 and f.severity is Severity.ERROR
    assert "'Buys books using' is not drawn" in f.message


def test_overwritten_technology_is_named() -> None:
    d = with_nodes(context_ok(), rels=[rel("customer", "shop", "Buys books using", "gRPC")])
    [f] = only(lint(d), "relationship-overwritten")
    assert f.message.endswith("so the technology 'HTTPS' is replaced by 'gRPC'")


def test_rel_back_and_birel_on_the_same_pair_overwrite_a_rel() -> None:
    for kind in (RelKind.REL_BACK, RelKind.BIREL):
        d = with_nodes(context_ok(), rels=[rel("customer", "shop", "Buys books using", kind=kind)])
        assert len(only(lint(d), "relationship-overwritten")) == 1, kind


def test_layout_variant_of_the_same_arrow_is_a_plain_duplicate() -> None:
    d = with_nodes(context_ok(), rels=[rel("customer", "shop", "  buys BOOKS using ", kind=RelKind.REL_D)])
    findings = lint(d)
    assert only(findings, "relationship-overwritten") == []
    assert len(only(findings, "duplicate-relationship")) == 1


def test_opposite_arrows_are_two_relationships() -> None:
    d = with_nodes(context_ok(), rels=[rel("shop", "customer", "Sends invoices to")])
    rule_ids = lint(d).rule_ids
    assert "relationship-overwritten" not in rule_ids and "duplicate-relationship" not in rule_ids


def test_a_repeated_step_in_a_dynamic_view_is_an_error_even_with_the_same_label() -> None:
    d = with_nodes(dynamic_ok(), rels=[rel("customer", "web", "Submits", index=4)])
    [f] = only(lint(d), "relationship-overwritten")
    assert "renumbers" in f.fix
    assert only(lint(d), "duplicate-relationship") == []


def test_steps_out_of_order_reports_each_misnumbered_step() -> None:
    d = diagram(DYN, [person("c"), container("w"), container("a")],
                [rel("c", "w", "One", index=1, line=4), rel("w", "a", "Three", index=3, line=5),
                 rel("a", "w", "Two", index=2, line=6)])
    found = only(lint(d), "steps-out-of-order")
    assert [(f.line, f.message) for f in found] == [
        (5, "step 3 ('Three') is arrow number 2 in the text, so Mermaid shows it as step 2"),
        (6, "step 2 ('Two') is arrow number 3 in the text, so Mermaid shows it as step 3"),
    ]


def test_unnumbered_steps_and_non_dynamic_indexes_are_fine() -> None:
    d = diagram(DYN, [person("c"), container("w")], [rel("c", "w", "One"), rel("w", "c", "Two")])
    assert only(lint(d), "steps-out-of-order") == []
    d = with_nodes(context_ok(), rels=[rel("pay", "customer", "Emails", index=7)])
    assert only(lint(d), "steps-out-of-order") == []


def test_empty_deployment_node_is_reported_as_such() -> None:
    d = with_nodes(deployment_ok(), DeploymentNode("spare", "Spare server"))
    [f] = only(lint(d), "empty-boundary")
    assert f.message == "'Spare server' (spare) has nothing inside: Mermaid cannot parse an empty deployment node"


def test_empty_boundary_note_and_node_on_the_same_line_are_one_finding() -> None:
    d = with_nodes(context_ok(), Boundary("grp", "Group", line=6))
    [f] = only(lint(d, notes=[note(codes.EMPTY_BOUNDARY, line=6, column=3)]), "empty-boundary")
    assert (f.line, f.column, f.alias) == (6, 3, "grp")


def test_empty_boundary_note_without_a_node_still_reports() -> None:
    n = note(codes.EMPTY_BOUNDARY, line=4, column=1, text='Boundary(grp, "Group") {}')
    [f] = only(lint(context_ok(), notes=[n]), "empty-boundary")
    assert (f.line, f.alias) == (4, "grp")


def test_a_diagram_title_may_hold_hash_and_semicolon() -> None:
    # A Diagram stores meaning; the emitter writes #35; and #59;, which Mermaid draws. Only raw text is a trap.
    assert lint(context_ok(title="Orders; #2")) == []
    [f] = lint(context_ok(), notes=[SourceNote(codes.TITLE_SPECIAL_CHARACTER, 2, 9, "a title stops at # or ;")])
    assert (f.rule_id, f.line, f.column, f.message) == ("title-special-character", 2, 9, "a title stops at # or ;")


def test_a_misnumbered_step_is_one_error_not_an_error_and_a_relindex_note() -> None:
    d = diagram(DYN, [person("c"), container("w")],
                [rel("c", "w", "One", index=1, line=4), rel("w", "c", "Two", index=5, line=5)])
    notes_ = [note(codes.RELINDEX_NUMBER, line=5, column=3), note(codes.RELINDEX_NUMBER, line=4, column=3)]
    findings = lint(d, notes=notes_)
    assert [(f.rule_id, f.line) for f in findings] == [("relindex-number", 4), ("steps-out-of-order", 5)]


def test_an_empty_title_line_is_not_also_a_missing_title() -> None:
    findings = lint(context_ok(title=""), notes=[note(codes.EMPTY_TITLE, line=2, column=3)])
    assert findings.rule_ids == ["empty-title"]


# ---------------------------------------------------------------- C4 practice
#: The level table, restated from the C4 model (not derived from the code under test).
LEVELS = {
    CTX: {ElementKind.PERSON, ElementKind.SYSTEM},
    CONT: {ElementKind.PERSON, ElementKind.SYSTEM, ElementKind.CONTAINER},
    COMP: set(ElementKind),
    DYN: set(ElementKind),
    DEPL: {ElementKind.SYSTEM, ElementKind.CONTAINER},
}


@pytest.mark.parametrize("kind", list(DiagramKind))
@pytest.mark.parametrize("element_kind", list(ElementKind))
def test_wrong_level_table(kind: DiagramKind, element_kind: ElementKind) -> None:
    box = Element("x", "X", element_kind, "Does things", "Tech" if element_kind in (
        ElementKind.CONTAINER, ElementKind.COMPONENT) else "")
    found = only(lint(diagram(kind, [box])), "wrong-level")
    assert bool(found) == (element_kind not in LEVELS[kind])
    if found:
        assert found[0].message.startswith(f"'X' (x) is a {element_kind.value} on a {kind.level_name}: ")


@pytest.mark.parametrize("kind", [CTX, CONT, COMP, DYN])
def test_deployment_nodes_belong_on_deployment_diagrams(kind: DiagramKind) -> None:
    d = diagram(kind, [DeploymentNode("n", "Node", children=[system("s")])])
    [f] = only(lint(d), "wrong-level")
    assert "deployment node" in f.message and f.alias == "n"


def test_orphans_are_not_reported_in_deployment_diagrams_nor_for_boundaries() -> None:
    d = with_nodes(deployment_ok(), DeploymentNode("edge", "Edge", children=[container("cdn")]))
    assert only(lint(d), "orphan-element") == []
    assert only(lint(container_ok()), "orphan-element") == []


def test_a_self_loop_does_not_save_an_element_from_being_an_orphan() -> None:
    d = with_nodes(context_ok(), system("crm", "CRM"), rels=[rel("crm", "crm", "Syncs")])
    findings = lint(d)
    assert [f.alias for f in only(findings, "orphan-element")] == ["crm"]
    assert [f.alias for f in only(findings, "self-relationship")] == ["crm"]


def test_too_many_elements_counts_boxes_not_boundaries() -> None:
    boxes = [container(f"c{i}") for i in range(MAX_ELEMENTS)]
    d = diagram(CONT, [Boundary("b", "Big", BoundaryKind.SYSTEM, children=boxes)],
                [rel(f"c{i}", f"c{i + 1}") for i in range(MAX_ELEMENTS - 1)])
    assert only(lint(d), "too-many-elements") == []
    d.nodes.append(person("p"))
    d.relationships.append(rel("p", "c0"))
    [f] = only(lint(d), "too-many-elements")
    assert f.message.startswith(f"this view shows {MAX_ELEMENTS + 1} elements")
    assert (f.line, f.alias) == (None, None)


def test_birel_to_a_database_points_at_the_caller() -> None:
    d = diagram(CONT, [Boundary("s", "S", BoundaryKind.SYSTEM,
                                children=[container("db", shape=Shape.DB), container("api")])],
                [rel("db", "api", "Stores", "SQL", kind=RelKind.BIREL)])
    findings = lint(d)
    [f] = only(findings, "bidirectional-initiator")
    assert f.message.endswith("a data store answers queries and never calls anyone: the arrow should start at "
                              "'Api' (api)")
    assert f.fix.startswith("Write Rel(api, db, ...).")
    assert only(findings, "bidirectional-relationship") == []


def test_birel_overuse_points_at_the_first_birel_over_the_limit() -> None:
    d = _birels(MAX_BIDIRECTIONAL + 2)
    for i, r in enumerate(d.relationships):
        r.line = 10 + i
    [f] = only(lint(d), "bidirectional-overuse")
    assert f.line == 10 + MAX_BIDIRECTIONAL
    assert f"has {MAX_BIDIRECTIONAL + 2} two-way arrows" in f.message
    assert len(only(lint(d), "bidirectional-relationship")) == MAX_BIDIRECTIONAL + 2


def test_technology_is_fine_on_containers_and_arrows_but_not_on_people() -> None:
    d = diagram(CTX, [person("customer", technology="Browser"), system("shop")],
                [rel("customer", "shop", "Buys using", "HTTPS")])
    [f] = only(lint(d), "technology-at-context-level")
    assert f.message == "'Customer' (customer) is a person with a technology ('Browser')"
    assert only(lint(container_ok()), "technology-at-context-level") == []


def test_missing_technology_covers_components_and_ignores_people_and_systems() -> None:
    d = component_ok()
    d.nodes[0].children[1].children[0].technology = "   "
    [f] = only(lint(d), "missing-technology")
    assert f.message == "'Ctrl' (ctrl) is a component without a technology"
    assert only(lint(context_ok()), "missing-technology") == []


def test_whitespace_label_counts_as_no_label() -> None:
    d = with_nodes(context_ok(), rels=[rel("pay", "customer", "   ")])
    assert len(only(lint(d), "unlabelled-relationship")) == 1


def test_descriptions_are_not_required_in_deployment_diagrams() -> None:
    d = deployment_ok()
    d.nodes[0].children[0].children[0].description = ""
    assert only(lint(d), "missing-description") == []


def test_protocol_advice_is_only_for_container_and_component_arrows() -> None:
    d = diagram(CTX, [person("customer"), system("shop")], [rel("customer", "shop", "Buys using", "")])
    assert only(lint(d), "relationship-missing-technology") == []


def test_no_scope_boundary_for_components() -> None:
    d = diagram(COMP, [container("web"), component("ctrl")], [rel("web", "ctrl", "Calls")])
    [f] = only(lint(d), "no-scope-boundary")
    assert f.message == ("none of the components is inside a boundary, so the view does not show which container "
                         "it zooms into")
    assert f.alias == "ctrl"


# ---------------------------------------------------------------- notes
@pytest.mark.parametrize("code", codes.ALL_CODES)
def test_each_parser_note_code_has_its_own_rule(code: str) -> None:
    findings = lint(context_ok(), notes=[note(code, line=4, column=6)])
    [f] = findings
    assert f.rule_id == code and RULES[code].note_code == code
    assert (f.line, f.column) == (4, 6)
    if code != codes.EMPTY_BOUNDARY:  # the parser's note, naming the exact spot, is the message
        assert f.message == f"parser note {code}"


def test_note_codes_map_to_distinct_rules() -> None:
    mapped = [r.note_code for r in RULES.values() if r.note_code]
    assert sorted(mapped) == sorted(codes.ALL_CODES)


def test_unknown_note_code_is_reported_with_the_parser_message() -> None:
    [f] = lint(context_ok(), notes=[SourceNote("brand-new", 2, 1, "Mermaid would do something odd here")])
    assert f.rule_id == "mermaid-trap" and f.message == "Mermaid would do something odd here"


#: Traps that leave the picture as written (or are c4kit's own limits) are advice; the rest break or lose text.
ADVICE = {codes.RELINDEX_NUMBER, codes.IGNORED_STATEMENT}


@pytest.mark.parametrize("code", codes.ALL_CODES)
def test_traps_that_break_or_lose_text_are_errors(code: str) -> None:
    assert RULES[code].severity is (Severity.INFO if code in ADVICE else Severity.ERROR)


def test_a_note_without_a_message_falls_back_to_the_rule_title() -> None:
    [f] = lint(context_ok(), notes=[SourceNote(codes.TRAILING_COMMENT, 3, 20, "")])
    assert f.message == RULES["trailing-comment"].title
