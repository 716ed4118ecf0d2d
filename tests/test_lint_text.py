"""lint_text(): Mermaid text in, findings out, never an exception for a learner's mistake.

The first half replaces the parser with a fake (``c4kit.mermaid.parse`` is
written in parallel), so these tests pin the linter's side of the contract.
The second half runs the real parser when it is installed.
"""

from __future__ import annotations

import sys
import types

import pytest

from c4kit.errors import C4ModelError, C4SyntaxError
from c4kit.linter import Findings, LintInputError, Severity, diagram_keyword, lint_text
from c4kit.mermaid import notes as codes
from c4kit.mermaid.notes import SourceNote
from c4kit.model.diagram import Diagram, DiagramKind, Element, ElementKind, Relationship

C4_TEXT = 'C4Context\n  title T\n  Person(a, "A", "Buys")\n  System(b, "B", "Sells")\n  Rel(a, c, "Uses")\n'


def install_parser(monkeypatch: pytest.MonkeyPatch, parse) -> list[tuple[str, str]]:
    """Put a fake ``c4kit.mermaid.parse`` in place; returns the calls it receives."""
    calls: list[tuple[str, str]] = []

    def parse_with_notes(text: str, *, source: str = ""):
        calls.append((text, source))
        return parse(text)

    monkeypatch.setitem(sys.modules, "c4kit.mermaid.parse", types.SimpleNamespace(parse_with_notes=parse_with_notes))
    return calls


def parsed_diagram() -> Diagram:
    return Diagram(DiagramKind.CONTEXT, "T",
                   [Element("a", "A", ElementKind.PERSON, "Buys", line=3),
                    Element("b", "B", ElementKind.SYSTEM, "Sells", line=4)],
                   [Relationship("a", "c", "Uses", line=5)])


def test_lint_text_lints_what_the_parser_returns_with_its_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    notes = [SourceNote(codes.SINGLE_QUOTED_STRING, 4, 12, "single quotes", "'Sells'")]
    calls = install_parser(monkeypatch, lambda text: (parsed_diagram(), notes))
    findings = lint_text(C4_TEXT, source="shop.mmd")
    assert calls == [(C4_TEXT, "shop.mmd")]
    assert isinstance(findings, Findings) and findings.source == "shop.mmd"
    assert findings.format().splitlines() == [
        "shop.mmd:4:1: orphan-element 'B' (b) has no relationships: nothing in this view uses it and it uses nothing",
        "shop.mmd:4:12: single-quoted-string single quotes",
        "shop.mmd:5:1: rel-unknown-alias the relationship from 'A' (a) to 'c' refers to 'c', which nothing in "
        "this diagram declares",
    ]


def test_a_syntax_error_becomes_one_error_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(text: str):
        raise C4SyntaxError("expected ')' after the label", line=3, column=17, text='Person(a, "A"',
                            hint="close the parenthesis")

    install_parser(monkeypatch, fail)
    [f] = lint_text(C4_TEXT, source="x.mmd")
    assert (f.rule_id, f.severity, f.line, f.column) == ("syntax-error", Severity.ERROR, 3, 17)
    assert f.message == "expected ')' after the label"
    assert f.fix.startswith("close the parenthesis ")
    assert f.format("x.mmd") == "x.mmd:3:17: syntax-error expected ')' after the label"


def test_other_refusals_of_the_parser_also_become_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(text: str):
        raise C4ModelError("alias 'web app' cannot be used in Mermaid", hint="use web_app")

    install_parser(monkeypatch, fail)
    [f] = lint_text(C4_TEXT)
    assert f.rule_id == "syntax-error" and f.line is None and f.fix.startswith("use web_app")


@pytest.mark.parametrize(("text", "what", "line"), [
    ("flowchart LR\n  a --> b\n", "a flowchart", 1),
    ("graph TD\n  a --> b\n", "a flowchart", 1),
    ("sequenceDiagram\n  Alice->>Bob: Hi\n", "a sequence diagram", 1),
    ("classDiagram\n  class Shop\n", "a class diagram", 1),
    ("\nstateDiagram-v2\n  [*] --> Idle\n", "a state diagram", 2),
    ("---\ntitle: Shop\n---\n%% a comment\n%%{init: {'theme': 'dark'}}%%\n\nerDiagram\n  A ||--o{ B : has\n",
     "an entity-relationship diagram", 7),
])
def test_other_mermaid_diagrams_get_one_info_and_are_not_parsed(monkeypatch: pytest.MonkeyPatch, text: str,
                                                                what: str, line: int) -> None:
    calls = install_parser(monkeypatch, lambda text: pytest.fail("the C4 parser must not see non-C4 text"))
    [f] = lint_text(text)
    assert calls == []
    assert f.rule_id == "not-c4" and f.severity is Severity.INFO
    assert f.message.startswith(f"this is {what}, not a Mermaid C4 diagram")
    assert f.line == line


def test_empty_text_is_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    install_parser(monkeypatch, lambda text: pytest.fail("nothing to parse"))
    for text in ("", "   \n\n", "%% only a comment\n"):
        [f] = lint_text(text)
        assert f.rule_id == "not-c4" and "empty" in f.message


def test_unknown_first_word_goes_to_the_parser_for_a_precise_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(text: str):
        raise C4SyntaxError("unknown diagram type 'C4context'", line=1, column=1, hint="write C4Context")

    install_parser(monkeypatch, fail)
    [f] = lint_text("C4context\n  Person(a, \"A\")\n")
    assert f.rule_id == "syntax-error" and "C4Context" in f.fix


def test_lint_text_refuses_a_diagram_kindly() -> None:
    with pytest.raises(LintInputError) as info:
        lint_text(parsed_diagram())  # type: ignore[arg-type]
    assert "lint(" in info.value.hint


@pytest.mark.parametrize(("text", "expected"), [
    ("C4Container\n", ("C4Container", 1)),
    ("\n\n  C4Dynamic\n  title x", ("C4Dynamic", 3)),
    ("---\nconfig:\n  theme: base\n---\nC4Deployment\n", ("C4Deployment", 5)),
    ("%%{init: {}}%%\nflowchart LR\n", ("flowchart", 2)),
    ("", ("", 1)),
])
def test_diagram_keyword(text: str, expected: tuple[str, int]) -> None:
    assert diagram_keyword(text) == expected


# ----------------------------------------------------------------- with the real parser
@pytest.fixture
def real_parser():
    return pytest.importorskip("c4kit.mermaid.parse")


def test_real_parser_positions_findings_on_the_right_line(real_parser) -> None:
    findings = lint_text(C4_TEXT, source="shop.mmd")
    [f] = [f for f in findings if f.rule_id == "rel-unknown-alias"]
    assert f.line == 5 and f.alias == "c"
    assert f.format("shop.mmd").startswith("shop.mmd:5:")


def test_real_parser_clean_text_is_clean(real_parser) -> None:
    text = ('C4Container\n  title Containers of the Bookshop\n'
            '  Person(customer, "Customer", "Buys books")\n'
            '  System_Boundary(shop, "Bookshop") {\n'
            '    Container(web, "Web Shop", "React", "Sells books")\n'
            '    ContainerDb(db, "Database", "PostgreSQL", "Stores orders")\n'
            '  }\n'
            '  Rel(customer, web, "Buys books using", "HTTPS")\n'
            '  Rel(web, db, "Reads and writes orders in", "SQL")\n')
    assert lint_text(text) == []


def test_real_parser_syntax_error_is_a_finding(real_parser) -> None:
    [f] = lint_text('C4Context\n  Person(a, "A"\n  System(b, "B")\n')
    assert f.rule_id == "syntax-error" and f.line in (2, 3)


def test_real_parser_duplicate_alias_and_boundary_arrow(real_parser) -> None:
    text = ('C4Context\n  title T\n  Person(a, "A", "Buys")\n  System(a, "B", "Sells")\n'
            '  Enterprise_Boundary(e, "E") {\n    System(s, "S", "Serves")\n  }\n  Rel(a, e, "Uses")\n')
    findings = lint_text(text)
    by_rule = {f.rule_id: f for f in findings}
    assert by_rule["duplicate-alias"].line == 4
    assert by_rule["rel-to-boundary"].line == 8


@pytest.mark.parametrize(("line", "rule_id"), [
    ("  direction LR", "direction-statement"),
    ("  Person(x, 'X', \"Shops\")", "single-quoted-string"),
])
def test_real_parser_notes_become_trap_findings(real_parser, line: str, rule_id: str) -> None:
    text = f'C4Context\n  title T\n{line}\n  Person(a, "A", "Buys")\n  System(b, "B", "Sells")\n  Rel(a, b, "Uses")\n'
    findings = lint_text(text)
    assert rule_id in findings.rule_ids, findings.format()
    [f] = [f for f in findings if f.rule_id == rule_id]
    assert f.line == 3


def test_real_parser_flowchart_is_not_c4(real_parser) -> None:
    [f] = lint_text("flowchart LR\n  a --> b\n")
    assert f.rule_id == "not-c4"
