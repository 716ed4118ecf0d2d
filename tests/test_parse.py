"""The C4 parser: every construct, the notes it leaves for Mermaid traps, its error messages, and fuzzing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import HOSTILE_PIECES, diagrams

from c4kit.errors import C4SyntaxError
from c4kit.mermaid import notes as codes
from c4kit.mermaid.emit_c4 import emit_c4
from c4kit.mermaid.parse import ELEMENT_STATEMENTS, parse, parse_with_notes
from c4kit.model.diagram import (
    Boundary,
    BoundaryKind,
    DeploymentNode,
    Diagram,
    DiagramKind,
    Element,
    ElementKind,
    ElementStyle,
    LayoutConfig,
    NodeVariant,
    Relationship,
    RelKind,
    RelStyle,
    Shape,
)


def c4(*lines: str, kind: str = "C4Context") -> str:
    return "\n".join([kind, *("    " + line for line in lines)]) + "\n"


# ------------------------------------------------------------------ header
@pytest.mark.parametrize("kind", list(DiagramKind))
def test_every_diagram_kind(kind: DiagramKind) -> None:
    assert parse(c4('Person(a, "A")', kind=kind.value)).kind is kind


def test_what_may_come_before_the_header() -> None:
    text = ('\ufeff---\ntitle: Front matter\n---\n%%{init: {"theme": "dark"}}%%\n\n%% a comment\n'
            '  C4Context  \nPerson(a, "A")\n')
    diagram, notes = parse_with_notes(text)
    assert diagram.kind is DiagramKind.CONTEXT and diagram.elements()[0].line == 8
    assert [n.code for n in notes] == [codes.IGNORED_STATEMENT, codes.IGNORED_STATEMENT]


def test_windows_line_ends() -> None:
    diagram = parse('C4Context\r\n  Person(a, "A")\r\n  Person(b, "B")\r\n')
    assert [(e.alias, e.line) for e in diagram.elements()] == [("a", 2), ("b", 3)]


# ---------------------------------------------------------------- elements
@pytest.mark.parametrize("statement", sorted(ELEMENT_STATEMENTS))
def test_every_element_statement(statement: str) -> None:
    kind, shape, external = ELEMENT_STATEMENTS[statement]
    (element,) = parse(c4(f'{statement}(x, "X")')).elements()
    assert (element.kind, element.shape, element.external) == (kind, shape, external)


def test_positional_arguments_fill_mermaids_places() -> None:
    diagram = parse(c4('Person(p, "P", "desc", "spr", "tg", "lnk")',
                       'Container(c, "C", "Go", "does things", "s2", "t2", "l2")'))
    assert diagram.elements() == [
        Element("p", "P", ElementKind.PERSON, "desc", sprite="spr", tags="tg", link="lnk"),
        Element("c", "C", ElementKind.CONTAINER, "does things", "Go", sprite="s2", tags="t2", link="l2"),
    ]


def test_named_arguments_set_their_field_by_key() -> None:
    (element,) = parse(c4('Container(c, "C", "", "", $link="https://x.org/#a", $tags="v1", $sprite="go")')).elements()
    assert (element.link, element.tags, element.sprite) == ("https://x.org/#a", "v1", "go")
    (person,) = parse(c4('Person(p, "P", $techn="Browser")')).elements()
    assert person.technology == "Browser"


def test_a_named_argument_takes_a_place_like_in_mermaid() -> None:
    # $descr fills the technology place; the next positional fills the description place and wins.
    (element,) = parse(c4('Container(a, "A", $descr="d", "Go")')).elements()
    assert (element.technology, element.description) == ("", "Go")


def test_aliases_may_be_quoted_and_labels_bare_in_the_middle() -> None:
    (element,) = parse(c4('Person("a", Customer, "desc")')).elements()
    assert (element.alias, element.label, element.description) == ("a", "Customer", "desc")


def test_labels_are_decoded_and_trimmed_as_mermaid_draws_them() -> None:
    (element,) = parse(c4('Person(a, "  say #quot;hi#quot;<br/>C#35;1; #128640; &amp;  ", "x<BR>y")')).elements()
    assert element.label == 'say "hi"\nC#1; 🚀 &amp;'
    assert element.description == "x\ny"


def test_an_empty_and_a_missing_argument_are_empty_strings() -> None:
    (element,) = parse(c4('Container(a, "A",, "d")')).elements()
    assert (element.technology, element.description) == ("", "d")


# ------------------------------------------------------ boundaries and nodes
def test_boundaries_nest_and_braces_may_sit_on_the_next_line() -> None:
    diagram = parse(c4('Enterprise_Boundary(e, "E") {',
                       '    System_Boundary(s, "S")',
                       "    {",
                       '        Container_Boundary(c, "C", $tags="t") {',
                       '            Boundary(b, "B", "team") {',
                       '                Component(x, "X") }',
                       "        }",
                       "    }",
                       "}"))
    (outer,) = diagram.nodes
    assert isinstance(outer, Boundary) and outer.kind is BoundaryKind.ENTERPRISE
    system = outer.children[0]
    container = system.children[0]
    generic = container.children[0]
    assert (system.kind, container.kind, container.tags) == (BoundaryKind.SYSTEM, BoundaryKind.CONTAINER, "t")
    assert (generic.kind, generic.type, generic.line) == (BoundaryKind.GENERIC, "team", 6)
    assert generic.children[0].alias == "x"


@pytest.mark.parametrize("variant", list(NodeVariant))
def test_every_deployment_node_variant(variant: NodeVariant) -> None:
    diagram = parse(c4(f'{variant.value}(n, "N", "Ubuntu", "web tier", $sprite="linux") {{',
                       '    Container(c, "C")', "}", kind="C4Deployment"))
    assert diagram.nodes == [DeploymentNode("n", "N", "Ubuntu", "web tier", variant, sprite="linux",
                                            children=[Element("c", "C", ElementKind.CONTAINER)])]


# ----------------------------------------------------------- relationships
@pytest.mark.parametrize(("statement", "kind"), [
    ("Rel", RelKind.REL), ("BiRel", RelKind.BIREL), ("Rel_Back", RelKind.REL_BACK), ("Rel_U", RelKind.REL_U),
    ("Rel_Up", RelKind.REL_U), ("Rel_D", RelKind.REL_D), ("Rel_Down", RelKind.REL_D), ("Rel_L", RelKind.REL_L),
    ("Rel_Left", RelKind.REL_L), ("Rel_R", RelKind.REL_R), ("Rel_Right", RelKind.REL_R),
])
def test_every_relationship_statement(statement: str, kind: RelKind) -> None:
    diagram = parse(c4('Person(a, "A")', 'Person(b, "B")', f'{statement}(a, b, "x", "HTTPS", "d", $tags="t")'))
    assert diagram.relationships == [Relationship("a", "b", "x", "HTTPS", "d", kind, tags="t")]


def test_dynamic_steps_are_numbered_by_statement_order_and_relindex_keeps_its_number() -> None:
    diagram, notes = parse_with_notes(c4('Person(a, "A")', 'Person(b, "B")', 'Rel(a, b, "one")',
                                         'RelIndex(2, b, a, "two")', 'RelIndex(7, a, b, "three", $techn="T")',
                                         'Rel_Back(b, a, "four")', kind="C4Dynamic"))
    assert [(r.index, r.label, r.kind) for r in diagram.relationships] == [
        (1, "one", RelKind.REL), (2, "two", RelKind.REL), (7, "three", RelKind.REL), (4, "four", RelKind.REL_BACK)]
    assert diagram.relationships[2].technology == "T"
    assert [(n.code, n.line) for n in notes] == [(codes.RELINDEX_NUMBER, 6)]


def test_relationships_outside_dynamic_diagrams_have_no_index() -> None:
    diagram = parse(c4('Person(a, "A")', 'Rel(a, a, "self")'))
    assert diagram.relationships[0].index is None


# ------------------------------------------------------------ styles, layout
def test_styles_and_layout() -> None:
    diagram = parse(c4('Person(a, "A")', 'Person(b, "B")', 'Rel(a, b, "x")',
                       'UpdateElementStyle(a, $bgColor="grey", $fontColor="red", $borderColor="blue", '
                       '$shadowing="true", $shape="RoundedBoxShape()", $sprite="s", $techn="T", $legendText="L", '
                       '$legendSprite="ls")',
                       'UpdateElementStyle("b")',
                       'UpdateRelStyle(a, b, $textColor="red", $lineColor="blue", $offsetX="-40", $offsetY="20")',
                       'UpdateLayoutConfig($c4ShapeInRow="3")',
                       'UpdateLayoutConfig("", $c4BoundaryInRow="2")'))
    assert diagram.element_styles == [
        ElementStyle("a", "grey", "red", "blue", "true", "RoundedBoxShape()", "s", "T", "L", "ls"),
        ElementStyle("b")]
    assert diagram.rel_styles == [RelStyle("a", "b", "red", "blue", -40, 20)]
    assert diagram.layout == LayoutConfig(3, 2)
    assert (diagram.element_styles[0].line, diagram.rel_styles[0].line, diagram.layout.line) == (5, 7, 9)


def test_positional_style_values() -> None:
    diagram = parse(c4('Person(a, "A")', 'UpdateElementStyle(a, "grey", "red")', 'UpdateLayoutConfig("4", "1")'))
    assert (diagram.element_styles[0].bg_color, diagram.element_styles[0].font_color) == ("grey", "red")
    assert diagram.layout == LayoutConfig(4, 1)


# ------------------------------------------------------- title, comments
def test_title_comments_blank_lines_and_acc_title() -> None:
    diagram, notes = parse_with_notes(c4("%% comment", "", "title  My #35;1 diagram  ", 'Person(a, "A")',
                                         "accDescr: described", "accDescr {", "  multi", "}"))
    assert diagram.title == "My #1 diagram"
    assert [n.code for n in notes] == [codes.IGNORED_STATEMENT, codes.IGNORED_STATEMENT]
    assert parse(c4("accTitle: Shown as the title", 'Person(a, "A")')).title == "Shown as the title"


def test_a_title_alone_is_a_diagram() -> None:
    assert parse(c4("title Only a title")) == Diagram(DiagramKind.CONTEXT, title="Only a title")


def test_line_numbers_are_recorded_on_everything() -> None:
    diagram = parse(c4('Boundary(b, "B") {', '    Person(a, "A")', "}", 'Rel(a, a, "x")',
                       'UpdateElementStyle(a, $bgColor="red")', 'UpdateRelStyle(a, a, $textColor="red")',
                       'UpdateLayoutConfig($c4ShapeInRow="2")'))
    lines = [diagram.nodes[0].line, diagram.elements()[0].line, diagram.relationships[0].line,
             diagram.element_styles[0].line, diagram.rel_styles[0].line, diagram.layout.line]
    assert lines == [2, 3, 5, 6, 7, 8]


# ----------------------------------------------------------------- notes
NOTES = [
    # (source lines, code, line, column)
    (['Person(a, "say \\"hi\\" now")'], codes.ESCAPED_QUOTE, 2, 20),
    (['Person(a, "A")', 'Person(b, "B")', "Rel(a, b, Uses)"], codes.UNQUOTED_ARGUMENT, 4, 15),
    (["UpdateElementStyle(a)"], codes.UNQUOTED_ARGUMENT, 2, 24),
    (['Person(a, "A", "", $tags=v1)'], codes.UNQUOTED_NAMED_ARGUMENT, 2, 24),
    (['Person(a, "A", "", $tags="")'], codes.EMPTY_NAMED_ARGUMENT, 2, 24),
    (["title Issue #1 done"], codes.TITLE_SPECIAL_CHARACTER, 2, 17),
    (["title A #35; B; C"], codes.TITLE_SPECIAL_CHARACTER, 2, 19),
    (["title", 'Person(a, "A")'], codes.EMPTY_TITLE, 2, 5),
    (["direction LR", 'Person(a, "A")'], codes.DIRECTION_STATEMENT, 2, 5),
    (['Person(a, "turn direction TB")'], codes.DIRECTION_STATEMENT, 2, 21),
    (['Boundary(b, "B") {}', 'Person(a, "A")'], codes.EMPTY_BOUNDARY, 2, 5),
    (['Deployment_Node(n, "N") {', "}", 'Person(a, "A")'], codes.EMPTY_BOUNDARY, 2, 5),
    (['Person(a, "A")', 'RelIndex(5, a, a, "x")'], codes.RELINDEX_NUMBER, 3, 5),
    (["Person(a, 'Alice')"], codes.SINGLE_QUOTED_STRING, 2, 15),
    (['Person(a, "A" , "d")'], codes.STRING_WHITESPACE, 2, 18),
    (['Person(a, "A" )'], codes.STRING_WHITESPACE, 2, 18),
    (['Person(a,\t"A")'], codes.STRING_WHITESPACE, 2, 14),
    (['Person(a, "A") %% note', 'Person(b, "B")'], codes.TRAILING_COMMENT, 2, 20),
    (['Person(a, "A")', 'UpdateLayoutConfig($c4BoundaryInRow="1")'], codes.LAYOUT_ARGUMENT_ORDER, 3, 24),
    (['Person(a, "A")', 'AddElementTag("v1", $bgColor="red")'], codes.UNSUPPORTED_STATEMENT, 3, 5),
    (['Person(a, "A")', "SHOW_LEGEND()"], codes.UNSUPPORTED_STATEMENT, 3, 5),
    (['Person(a, "A", "", $tag="x")'], codes.UNKNOWN_NAMED_ARGUMENT, 2, 24),
    (['Container(a, "A", "t", "d", $techn="x")'], codes.MISPLACED_NAMED_ARGUMENT, 2, 33),
    (['Person(a, "A")', 'Rel(a, a, "x")', 'UpdateRelStyle(a, a, $offsetX="12px")'], codes.INVALID_NUMBER, 4, 26),
    (['Person(a, "A")', 'UpdateLayoutConfig($c4ShapeInRow="0")'], codes.INVALID_NUMBER, 3, 24),
    (['Person(a, "A", "d", "s", "t", "l", "extra")'], codes.TOO_MANY_ARGUMENTS, 2, 40),
    (["accDescription described", 'Person(a, "A")'], codes.IGNORED_STATEMENT, 2, 5),
]


@pytest.mark.parametrize(("lines", "code", "line", "column"), NOTES, ids=[f"{n[1]}-{i}" for i, n in enumerate(NOTES)])
def test_each_trap_is_parsed_leniently_and_noted(lines, code, line, column) -> None:
    _, notes = parse_with_notes(c4(*lines))
    found = [n for n in notes if n.code == code]
    assert found, notes
    assert (found[0].line, found[0].column) == (line, column)
    assert found[0].message and found[0].text == c4(*lines).splitlines()[line - 1]


def test_every_note_code_is_produced_by_some_source() -> None:
    assert {code for _, code, _, _ in NOTES} == set(codes.ALL_CODES)


def test_lenient_readings_keep_what_the_author_meant() -> None:
    def one(*lines: str) -> Element:
        return parse(c4(*lines)).elements()[0]

    assert one('Person(a, "say \\"hi\\"", "d")').label == 'say "hi"'
    assert one('Person(a, "A" , "the description")').description == "the description"
    assert one("Person(a, 'Alice', 'A person')").description == "A person"
    assert one('Person(a, "A", "", $tags=v1)').tags == "v1"
    assert parse(c4("title Issue #1 done; ok", 'Person(a, "A")')).title == "Issue #1 done; ok"
    assert parse(c4("title Issue #1; done", 'Person(a, "A")')).title == "Issue \x01 done"  # "#1;" is an entity code
    assert parse(c4('Person(a, "A")', 'Person(b, "B")', "Rel(a, b, Uses)")).relationships[0].label == "Uses"
    assert parse(c4('Person(a, "A")', 'UpdateLayoutConfig($c4BoundaryInRow="1")')).layout == \
        LayoutConfig(boundaries_in_row=1)
    boundary = parse(c4('System_Boundary(b, "B") {', "}")).nodes[0]
    assert isinstance(boundary, Boundary) and boundary.children == []


def test_plain_mermaid_leaves_no_notes() -> None:
    text = emit_c4(Diagram(DiagramKind.DYNAMIC, title="T", nodes=[
        Boundary("b", "B", children=[Element("a", "A", ElementKind.CONTAINER, "d", "t", Shape.QUEUE)])],
        relationships=[Relationship("a", "a", "x", index=1)], layout=LayoutConfig(boundaries_in_row=1)))
    assert parse_with_notes(text)[1] == []


# ----------------------------------------------------------------- errors
ERRORS = [
    # (text, line, column, in the message, in the hint)
    ("flowchart TD\n  A --> B\n", 1, 1, "not a Mermaid C4 diagram", "C4Context, C4Container, C4Component"),
    ("c4context\nPerson(a, \"A\")\n", 1, 1, "did you mean 'C4Context'", "case matters"),
    ("", 1, 1, "empty", "C4Context"),
    ("C4Context\n%% nothing yet\n", 1, 1, "empty", "add an element"),
    ("C4Context Person(a, \"A\")\n", 1, 11, "must stand alone", "next line"),
    ('C4Context\n  Sytem(s, "S")\n', 2, 3, "unknown statement 'Sytem': did you mean 'System'?", "case-sensitive"),
    ('C4Context\n  person(a, "A")\n', 2, 3, "did you mean 'Person'", "case-sensitive"),
    ('C4Context\n  Person(a, "A)\n', 2, 13, "unclosed string: add the closing double quote", "<br/>"),
    ('C4Context\n  Person(a, "A"\n', 2, 9, "missing closing parenthesis", ")"),
    ('C4Context\n  Person(a, "A", "B" "C")\n', 2, 22, "two strings without a comma", "#quot;"),
    ('C4Context\n  Person(a, "A")\n  Rel(a, a)\n', 3, 3, "Rel needs at least 3 arguments: from, to, label",
     "Rel(from, to, label"),
    ('C4Context\n  Person(a)\n', 2, 3, "Person needs at least 2 arguments: alias, label", "Person(alias, label"),
    ('C4Context\n  Person(, "A")\n', 2, 10, "needs an alias", "Person("),
    ('C4Context\n  Person (a, "A")\n', 2, 9, "space between Person and '('", "no space"),
    ('C4Context\n  Boundary(b, "B") {\n    Person(a, "A")\n', 2, 20,
     "unbalanced braces: boundary 'b' opened on line 2 is never closed", "add a line with }"),
    ('C4Context\n  Person(a, "A")\n  }\n', 3, 3, "unexpected }", "delete it"),
    ('C4Deployment\n  Deployment_Node(n, "N")\n  Container(c, "C")\n', 2, 3, "needs braces", "{"),
    ('C4Context\n  Person(a, "A") Person(b, "B")\n', 2, 18, "two statements on one line", "own line"),
    ('C4Context\n  Boundary(b, "B") { Person(a, "A") }\n', 2, 22, "right after {", "new line"),
    ('C4Context\n  Person(a, "A", $="x")\n', 2, 18, "named argument", "$tags"),
    ('C4Context\n  Person(a, "A")\n  C4Container\n', 3, 3, "only be the first line", "one diagram"),
]


@pytest.mark.parametrize(("text", "line", "column", "message", "hint"), ERRORS,
                         ids=[e[3][:30] for e in ERRORS])
def test_syntax_errors_say_where_and_how_to_fix(text, line, column, message, hint) -> None:
    with pytest.raises(C4SyntaxError) as caught:
        parse(text, source="cell 3")
    error = caught.value
    assert (error.line, error.column) == (line, column), str(error)
    assert message in error.message
    assert hint in error.hint
    lines = text.replace("\r\n", "\n").split("\n")
    assert error.text == (lines[line - 1] if line <= len(lines) else "")
    shown = str(error)
    assert shown.startswith(f"cell 3:line {line}, column {column}: ")
    if error.text:
        assert f"\n    {error.text}\n    {' ' * (column - 1)}^" in shown


def test_not_a_string() -> None:
    with pytest.raises(C4SyntaxError, match="expected Mermaid text"):
        parse(b"C4Context")  # type: ignore[arg-type]


# ---------------------------------------------------------------- fuzzing
_PIECES = ["C4Context\n", "C4Dynamic\n", "C4Deployment\n", "Person(", "System_Boundary(", "Deployment_Node(", "Rel(",
           "RelIndex(", "UpdateElementStyle(", "UpdateRelStyle(", "UpdateLayoutConfig(", '"', "'", ",", ")", "(", "{",
           "}", "\n", " ", "$tags=", "$c4ShapeInRow=", "a", "b", '"x"', "title ", "%%", "%%{", "}%%", "direction LR",
           '\\"', "#quot;", "accDescr {", "---\n", "\t", "\r", "accTitle:", "SHOW_LEGEND()"]
_FRAGMENT = st.one_of(st.sampled_from(_PIECES), st.sampled_from(HOSTILE_PIECES), st.text(max_size=4))


@st.composite
def _mutated(draw: st.DrawFn) -> str:
    """Valid emitted text with characters deleted, inserted or duplicated."""
    text = emit_c4(draw(diagrams(max_nodes=6, max_relationships=3)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        operation = draw(st.sampled_from(["delete", "insert", "duplicate"]))
        if operation == "delete":
            text = text[:at] + text[draw(st.integers(at, min(len(text), at + 5))):]
        elif operation == "insert":
            text = text[:at] + draw(st.sampled_from(['"', "{", "}", "(", ")", ",", "\n", "$", "'", '\\"', "%%",
                                                     " ,", "\t"])) + text[at:]
        else:
            text = text[:at] + text[at:at + 10] + text[at:]
    return text


def _only_syntax_errors(text: str) -> None:
    try:
        diagram, notes = parse_with_notes(text)
    except C4SyntaxError as error:
        assert error.line >= 1 and error.column >= 1 and error.message
        str(error)
        return
    assert isinstance(diagram, Diagram)
    assert all(n.code in codes.ALL_CODES and n.line >= 1 and n.column >= 1 for n in notes)


_FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))


@_FUZZ
@given(st.text())
def test_random_text_raises_nothing_but_syntax_errors(text: str) -> None:
    _only_syntax_errors(text)


@_FUZZ
@given(st.sampled_from(["", "C4Context\n", "C4Container\n", "C4Dynamic\n"]).flatmap(
    lambda head: st.lists(_FRAGMENT, max_size=30).map(lambda parts: head + "".join(parts))))
def test_random_statements_raise_nothing_but_syntax_errors(text: str) -> None:
    _only_syntax_errors(text)


@_FUZZ
@given(_mutated())
def test_mutated_diagrams_raise_nothing_but_syntax_errors(text: str) -> None:
    _only_syntax_errors(text)
