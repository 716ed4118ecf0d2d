"""The C4 emitter: layout of the text, every construct, escaping, refusals, and real Mermaid.

The browser tests at the end do two jobs: they check that what the emitter
writes for each hostile character *draws the intended text* in Mermaid
11.16.1, and they pin the Mermaid facts the emitter is built on (the unsafe
spelling fails or garbles), so a Mermaid upgrade that changes one shows up here.
"""

from __future__ import annotations

import pytest
from svgtext import svg_text

from c4kit.errors import C4EmitError
from c4kit.mermaid.emit_c4 import emit_c4
from c4kit.mermaid.escape import (
    decode_string,
    decode_title,
    defuse_line,
    encode_named_value,
    encode_string,
    encode_title,
)
from c4kit.mermaid.parse import parse
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

P, S, C, K = ElementKind.PERSON, ElementKind.SYSTEM, ElementKind.CONTAINER, ElementKind.COMPONENT


def person(alias: str, label: str = "P", **kw) -> Element:
    return Element(alias, label, P, **kw)


def container(alias: str, label: str = "C", **kw) -> Element:
    return Element(alias, label, C, **kw)


def body(diagram: Diagram) -> list[str]:
    """The emitted statements without indentation and blank lines."""
    return [line.strip() for line in emit_c4(diagram).splitlines()[1:] if line.strip()]


# ------------------------------------------------------------------ layout
def test_a_complete_diagram_is_laid_out_in_sections_with_four_space_indentation() -> None:
    diagram = Diagram(
        DiagramKind.CONTAINER, title="Bookshop",
        nodes=[person("customer", "Customer", description="Buys books"),
               Boundary("shop", "Bookshop", BoundaryKind.SYSTEM, children=[
                   container("web", "Web app", technology="Python", description="Sells books"),
                   Element("db", "Database", C, technology="PostgreSQL", shape=Shape.DB)]),
               Element("mail", "Mail", S, external=True)],
        relationships=[Relationship("customer", "web", "Uses", "HTTPS"),
                       Relationship("web", "db", "Reads", kind=RelKind.REL_D)],
        element_styles=[ElementStyle("web", bg_color="grey")],
        rel_styles=[RelStyle("customer", "web", offset_y=-30)],
        layout=LayoutConfig(shapes_in_row=3, boundaries_in_row=1))
    assert emit_c4(diagram) == (
        "C4Container\n"
        "    title Bookshop\n"
        "\n"
        '    Person(customer, "Customer", "Buys books")\n'
        "\n"
        '    System_Boundary(shop, "Bookshop") {\n'
        '        Container(web, "Web app", "Python", "Sells books")\n'
        '        ContainerDb(db, "Database", "PostgreSQL")\n'
        "    }\n"
        "\n"
        '    System_Ext(mail, "Mail")\n'
        "\n"
        '    Rel(customer, web, "Uses", "HTTPS")\n'
        '    Rel_D(web, db, "Reads")\n'
        "\n"
        '    UpdateElementStyle(web, $bgColor="grey")\n'
        '    UpdateRelStyle(customer, web, $offsetY="-30")\n'
        "\n"
        '    UpdateLayoutConfig($c4ShapeInRow="3", $c4BoundaryInRow="1")\n'
    )


def test_output_is_deterministic_and_is_what_str_gives() -> None:
    diagram = Diagram(DiagramKind.CONTEXT, nodes=[person("a"), person("b")],
                      relationships=[Relationship("a", "b", "x")])
    assert emit_c4(diagram) == emit_c4(diagram) == str(diagram)


def test_nested_deployment_nodes_indent_one_level_each() -> None:
    inner = DeploymentNode("pod", "Pod", variant=NodeVariant.NODE_R, children=[container("api")])
    outer = DeploymentNode("region", "Region", "AWS", variant=NodeVariant.NODE_L, children=[inner])
    assert emit_c4(Diagram(DiagramKind.DEPLOYMENT, nodes=[outer])).splitlines()[1:] == [
        '    Node_L(region, "Region", "AWS") {',
        '        Node_R(pod, "Pod") {',
        '            Container(api, "C")',
        "        }",
        "    }",
    ]


# ---------------------------------------------------------------- elements
@pytest.mark.parametrize(("kind", "shape", "external", "statement"), [
    (P, Shape.PLAIN, False, "Person"), (P, Shape.PLAIN, True, "Person_Ext"),
    (S, Shape.PLAIN, False, "System"), (S, Shape.DB, True, "SystemDb_Ext"), (S, Shape.QUEUE, False, "SystemQueue"),
    (C, Shape.PLAIN, True, "Container_Ext"), (C, Shape.DB, False, "ContainerDb"),
    (C, Shape.QUEUE, True, "ContainerQueue_Ext"), (K, Shape.PLAIN, False, "Component"),
    (K, Shape.DB, True, "ComponentDb_Ext"), (K, Shape.QUEUE, False, "ComponentQueue"),
])
def test_every_element_variant_has_its_statement(kind, shape, external, statement) -> None:
    element = Element("x", "X", kind, shape=shape, external=external)
    assert body(Diagram(DiagramKind.CONTEXT, nodes=[element])) == [f'{statement}(x, "X")']


def test_sprite_tags_and_link_are_named_and_take_the_places_after_the_description() -> None:
    nodes = [person("p", sprite="person", tags="v1", link="https://example.org/a#b"),
             container("c", tags="db"),
             container("d", technology="Go")]
    assert body(Diagram(DiagramKind.CONTAINER, nodes=nodes)) == [
        'Person(p, "P", "", $sprite="person", $tags="v1", $link="https://example.org/a#b")',
        'Container(c, "C", "", "", $tags="db")',
        'Container(d, "C", "Go")',
    ]


def test_an_empty_label_is_still_written_so_the_alias_is_never_the_last_argument() -> None:
    assert body(Diagram(DiagramKind.CONTEXT, nodes=[person("p", "")])) == ['Person(p, "")']


def test_technology_of_a_person_or_system_is_named_techn_when_there_is_no_description() -> None:
    nodes = [person("p", technology="Browser"), Element("s", "S", S, technology="SAP", tags="t")]
    assert body(Diagram(DiagramKind.CONTEXT, nodes=nodes)) == [
        'Person(p, "P", $techn="Browser")',
        'System(s, "S", $techn="SAP", $tags="t")',
    ]


def test_named_values_are_trimmed_and_left_out_when_empty() -> None:
    assert body(Diagram(DiagramKind.CONTEXT, nodes=[person("p", tags="  x ", link="   ")])) == \
        ['Person(p, "P", "", $tags="x")']


# -------------------------------------------------------- boundaries, nodes
@pytest.mark.parametrize("kind", list(BoundaryKind))
def test_every_boundary_kind(kind: BoundaryKind) -> None:
    boundary = Boundary("b", "B", kind, tags="t", children=[person("p")])
    head = f'{kind.value}(b, "B", "", $tags="t") {{' if kind is BoundaryKind.GENERIC \
        else f'{kind.value}(b, "B", $tags="t") {{'
    assert body(Diagram(DiagramKind.CONTEXT, nodes=[boundary]))[0] == head


def test_a_generic_boundary_shows_its_type() -> None:
    boundary = Boundary("b", "B", type="team", children=[person("p")])
    assert body(Diagram(DiagramKind.CONTEXT, nodes=[boundary]))[0] == 'Boundary(b, "B", "team") {'


def test_a_deployment_node_has_type_description_and_named_links() -> None:
    node = DeploymentNode("n", "Server", "Ubuntu", "Web tier", sprite="linux", children=[container("c")])
    assert body(Diagram(DiagramKind.DEPLOYMENT, nodes=[node]))[0] == \
        'Deployment_Node(n, "Server", "Ubuntu", "Web tier", $sprite="linux") {'


# ----------------------------------------------------------- relationships
@pytest.mark.parametrize("kind", list(RelKind))
def test_every_relationship_kind(kind: RelKind) -> None:
    diagram = Diagram(DiagramKind.CONTEXT, nodes=[person("a"), person("b")],
                      relationships=[Relationship("a", "b", "x", "t", "d", kind=kind, link="l")])
    assert body(diagram)[-1] == f'{kind.value}(a, b, "x", "t", "d", $link="l")'


def test_dynamic_steps_are_plain_relationships_in_index_order() -> None:
    rels = [Relationship("a", "b", "second", index=2), Relationship("b", "a", "first", kind=RelKind.REL_BACK,
                                                                    index=1)]
    diagram = Diagram(DiagramKind.DYNAMIC, nodes=[person("a"), person("b")], relationships=rels)
    assert body(diagram)[-2:] == ['Rel_Back(b, a, "first")', 'Rel(a, b, "second")']
    assert [r.index for r in parse(emit_c4(diagram)).relationships] == [1, 2]


def test_indexes_outside_a_dynamic_diagram_are_not_written() -> None:
    diagram = Diagram(DiagramKind.CONTEXT, nodes=[person("a"), person("b")],
                      relationships=[Relationship("a", "b", "x", index=7)])
    assert body(diagram)[-1] == 'Rel(a, b, "x")'


# ------------------------------------------------------------ styles, layout
def test_styles_without_values_quote_their_last_alias() -> None:
    diagram = Diagram(DiagramKind.CONTEXT, nodes=[person("a"), person("b")],
                      element_styles=[ElementStyle("a")], rel_styles=[RelStyle("a", "b")])
    assert body(diagram)[-2:] == ['UpdateElementStyle("a")', 'UpdateRelStyle(a, "b")']


def test_every_element_style_key() -> None:
    style = ElementStyle("a", bg_color="grey", font_color="red", border_color="blue", shadowing="true",
                         shape="RoundedBoxShape()", sprite="s", legend_text="L", legend_sprite="ls")
    assert body(Diagram(DiagramKind.CONTEXT, nodes=[person("a")], element_styles=[style]))[-1] == (
        'UpdateElementStyle(a, $bgColor="grey", $fontColor="red", $borderColor="blue", $shadowing="true", '
        '$shape="RoundedBoxShape()", $sprite="s", $legendText="L", $legendSprite="ls")')


@pytest.mark.parametrize(("layout", "line"), [
    (LayoutConfig(3, 1), 'UpdateLayoutConfig($c4ShapeInRow="3", $c4BoundaryInRow="1")'),
    (LayoutConfig(shapes_in_row=2), 'UpdateLayoutConfig($c4ShapeInRow="2")'),
    (LayoutConfig(boundaries_in_row=2), 'UpdateLayoutConfig("", $c4BoundaryInRow="2")'),
])
def test_layout_values_are_written_in_mermaids_positional_order(layout: LayoutConfig, line: str) -> None:
    assert body(Diagram(DiagramKind.CONTEXT, nodes=[person("a")], layout=layout))[-1] == line


def test_a_layout_without_values_writes_nothing() -> None:
    assert body(Diagram(DiagramKind.CONTEXT, nodes=[person("a")], layout=LayoutConfig())) == ['Person(a, "P")']


def test_a_title_alone_is_a_valid_diagram() -> None:
    assert emit_c4(Diagram(DiagramKind.CONTEXT, title="Just a title")) == "C4Context\n    title Just a title\n"


# ---------------------------------------------------------------- escaping
@pytest.mark.parametrize(("text", "encoded"), [
    ('say "hi"', "say #quot;hi#quot;"),
    ("line 1\nline 2", "line 1<br/>line 2"),
    ("a\r\nb\rc", "a<br/>b<br/>c"),
    ("literal <br/> and <BR >", "literal #lt;br/> and #lt;BR >"),
    ("C# and F#; #1; #tag; #", "C# and F#; #35;1; #35;tag; #"),
    ("a<b", "a#lt;b"),
    ("List<String> and <<interface>>", "List<String> and <<interface>>"),
    ("a %%{init: {}}%% b", "a #37;%{init: {}}%% b"),
    ("go direction LR now", "go direction#32;LR now"),
    ("go direction\tTB", "go direction#9;TB"),
    ("ﬂ°°35¶ß", "#64258;°°35#182;ß"),
    ("style:#x;y", "style:#35;x;y"),  # the line-level rule encodes the colon, see below
    ("time: 10#", "time: 10#"),
    ("a\u2028b\u2029", "a#8232;b#8233;"),
    ("nul\x00 bell\x07", "nul\ufffd bell\ufffd"),
    ("  padded\t", "padded"),
    ("\nkept\n", "<br/>kept<br/>"),
    ("'(,)' {} & > \\ $ = ; 🚀 ロケット مرحبا", "'(,)' {} & > \\ $ = ; 🚀 ロケット مرحبا"),
    ("", ""),
])
def test_string_encoding_table(text: str, encoded: str) -> None:
    assert encode_string(text) == encoded


@pytest.mark.parametrize(("text", "encoded"), [
    ("Issue #1; done", "Issue #35;1#59; done"),
    ('A & <b>B</b> "q"', 'A #amp; #lt;b>B#lt;/b> "q"'),
    ("two\nlines", "two lines"),
    ("  padded  ", "padded"),
    ("direction LR", "direction#32;LR"),
    ("style:x#", "style:x#35;"),
])
def test_title_encoding_table(text: str, encoded: str) -> None:
    assert encode_title(text) == encoded


@pytest.mark.parametrize("text", [
    'say "hi"', "a\nb", "<br/>", "#quot;", "C#; #1; #tag;", "a<b", "ﬂ°°35¶ß", "style:#x;", "%%{x}%%",
    "direction LR", "\u2028", "&amp;", "€ #128; x",
])
def test_decoding_inverts_encoding(text: str) -> None:
    assert decode_string(encode_string(text)) == text
    assert decode_string(encode_named_value(text)) == text


@pytest.mark.parametrize(("line", "written"), [
    ('Person(a, "style:#35;x;y")', 'Person(a, "style#58;#35;x;y")'),
    ('Person(lifestyle, "http://x/#35;a;b")', 'Person(lifestyle, "http#58;//x/#35;a;b")'),
    ('Person(a, "x", "", $link="https://example.org/a#b;")', 'Person(a, "x", "", $link="https://example.org/a#b;")'),
    ("title classDef:x#35;", "title classDef#58;x#35;"),
    ('Person(lifestyle, "Home: #35;1;")', 'Person(lifestyle, "Home: #35;1;")'),  # a space after ":" is safe
])
def test_a_line_mermaid_would_cut_at_its_last_semicolon_gets_its_colons_encoded(line: str, written: str) -> None:
    assert defuse_line(line) == written


def test_the_colon_rule_applies_to_emitted_lines_only_where_needed() -> None:
    diagram = Diagram(DiagramKind.CONTEXT, title="Rules: a#b;", nodes=[
        person("lifestyle", "Home:#1;"), person("p", "Link", link="https://example.org/#top")])
    assert body(diagram) == ["title Rules: a#35;b#59;", 'Person(lifestyle, "Home#58;#35;1;")',
                             'Person(p, "Link", "", $link="https://example.org/#top")']


def test_decoding_follows_the_browser_for_entity_codes() -> None:
    assert decode_string("#lt;#gt;#amp;#quot;#35;#59;#128640;#128;#0;") == '<>&"#;🚀€\ufffd'
    assert decode_string("#nosuchname; #notit;") == "&nosuchname; ¬it;"
    assert decode_string("a<br>b<BR />c<br/>d") == "a\nb\nc\nd"
    assert decode_title(" A #35; <br/> ") == "A # <br/>"


# ---------------------------------------------------------------- refusals
def refused(diagram: Diagram, *words: str) -> C4EmitError:
    with pytest.raises(C4EmitError) as caught:
        emit_c4(diagram)
    text = str(caught.value).lower()
    for word in words:
        assert word.lower() in text
    assert caught.value.hint
    return caught.value


@pytest.mark.parametrize("alias", ["web-app", "1st", "a b", "", "café", "x)"])
def test_an_alias_that_is_not_an_identifier_is_refused_with_a_suggestion(alias: str) -> None:
    error = refused(Diagram(DiagramKind.CONTEXT, nodes=[person(alias)]), "alias")
    if alias == "web-app":
        assert "web_app" in error.hint


def test_a_duplicate_alias_is_refused() -> None:
    nodes = [person("a"), Boundary("b", "B", children=[Element("a", "Other", S)])]
    refused(Diagram(DiagramKind.CONTEXT, nodes=nodes), "'a'", "twice")


@pytest.mark.parametrize("frame", [Boundary("b", "B"), DeploymentNode("b", "B")])
def test_an_empty_boundary_or_node_is_refused(frame) -> None:
    refused(Diagram(DiagramKind.DEPLOYMENT, nodes=[frame]), "'b'", "empty")


@pytest.mark.parametrize(("target", "words"), [
    ("b", ("boundary", "'b'")), ("n", ("deployment node", "'n'")), ("ghost", ("'ghost'", "not in this diagram")),
])
def test_a_relationship_to_a_boundary_a_node_or_an_unknown_alias_is_refused(target, words) -> None:
    nodes = [person("a"), Boundary("b", "B", children=[person("c")]), DeploymentNode("n", "N", children=[person("d")])]
    refused(Diagram(DiagramKind.CONTEXT, nodes=nodes, relationships=[Relationship("a", target, "x")]), *words)


def test_what_mermaid_cannot_draw_is_refused() -> None:
    refused(Diagram(DiagramKind.CONTEXT, nodes=[person("a", technology="t", description="d")]), "technology")
    refused(Diagram(DiagramKind.CONTEXT, nodes=[Boundary("b", "B", BoundaryKind.SYSTEM, type="x",
                                                         children=[person("a")])]), "type")
    refused(Diagram(DiagramKind.CONTEXT, nodes=[person("a")], element_styles=[ElementStyle("a", techn="x")]),
            "$techn")
    refused(Diagram(DiagramKind.CONTEXT, nodes=[person("a")], layout=LayoutConfig(shapes_in_row=0)), "at least 1")
    refused(Diagram(DiagramKind.CONTEXT), "empty")
    refused(Diagram(DiagramKind.CONTEXT, nodes=[Element("a", "A", P, shape=Shape.DB)]), "shape")


def test_a_node_inside_itself_is_refused_instead_of_recursing_forever() -> None:
    loop = Boundary("b", "B")
    loop.children.append(loop)
    refused(Diagram(DiagramKind.CONTEXT, nodes=[loop]), "twice")


def test_a_style_on_an_alias_not_in_the_diagram_is_written() -> None:
    # Mermaid ignores it (measured); the linter reports it.
    assert body(Diagram(DiagramKind.CONTEXT, nodes=[person("a")], element_styles=[ElementStyle("zz", "red")]))[-1] \
        == 'UpdateElementStyle(zz, $bgColor="red")'


# ====================================================== real Mermaid 11.16.1


#: label -> the lines Mermaid must draw for it.
HOSTILE_LABELS = {
    'say "hi"': ['say "hi"'],
    "#quot; is literal": ["#quot; is literal"],
    "C# and F#; #1; #tag;": ["C# and F#; #1; #tag;"],
    "line 1\nline 2": ["line 1", "line 2"],
    "literal <br/> tag": ["literal <br/> tag"],
    "<<interface>> List<String>": ["<<interface>> List<String>"],
    "a<b": ["a<b"],
    "a %%{init: {}}%% b": ["a %%{init: {}}%% b"],
    "turn direction LR now": ["turn direction LR now"],
    "ﬂ°°35¶ß and ¶ß": ["ﬂ°°35¶ß and ¶ß"],
    "style:#x;y": ["style:#x;y"],
    "d;e": ["d;e"],
    "&amp; <b>x</b> <script>alert(1)</script>": ["&amp; <b>x</b> <script>alert(1)</script>"],
    "🚀 ロケット مرحبا Ω": ["🚀 ロケット مرحبا Ω"],
    "tab\there": ["tab\there"],
    "ends with \\": ["ends with \\"],
    "(a, b) {c} $d=e": ["(a, b) {c} $d=e"],
    "u\u2028v": ["u\u2028v"],
}
HOSTILE_TITLE = 'Issue #1; A & <b>B</b> "q" direction LR %%{x}%%'


@pytest.fixture(scope="module")
def hostile_render():
    from c4kit.render import render_svgs

    elements = [container(f"e{i}", label, technology="t<b;", description="style:#d;") for i, label
                in enumerate(HOSTILE_LABELS)]
    diagram = Diagram(DiagramKind.CONTAINER, title=HOSTILE_TITLE, nodes=[
        Boundary("b", 'Boundary "B" #1;', children=elements[:4]), *elements[4:]],
        relationships=[Relationship("e0", "e1", 'rel "x" #1;', "<b>", tags="a<b", link="x:#y;")],
        element_styles=[ElementStyle("e0", bg_color="#eee", legend_text='L "x"')])
    text = emit_c4(diagram)
    (result,) = render_svgs([text])
    return text, result


@pytest.mark.browser
def test_hostile_labels_draw_exactly_the_intended_text(hostile_render) -> None:
    text, result = hostile_render
    assert result.ok, f"{result.error}\n{text}"
    pieces = svg_text(result.svg)
    for label, lines in HOSTILE_LABELS.items():
        for line in lines:
            assert line in pieces, f"{label!r}: {line!r} not drawn; text is {pieces}"
    for expected in ('Issue #1; A & <b>B</b> "q" direction LR %%{x}%%', 'Boundary "B" #1;', 'rel "x" #1;',
                     "[t<b;]", "style:#d;"):
        assert expected in pieces, f"{expected!r} not drawn; text is {pieces}"


#: Facts the emitter relies on.  name -> (Mermaid text, "ok"/"fails", text that must or must not be drawn)
FACTS = {
    "backslash-quote-garbles": ('Person(a, "say \\"hi\\"", "d")', "ok", None, 'say "hi"'),
    "backslash-quote-last-fails": ('Person(a, "say \\"hi\\"")', "fails", None, None),
    "entity-quote-works": ('Person(a, "say #quot;hi#quot;")', "ok", 'say "hi"', None),
    "raw-newline-is-no-break": ('Person(a, "one\ntwo")', "ok", "one\ntwo", None),
    "br-breaks-lines": ('Person(a, "one<br/>two")', "ok", "two", None),
    "hash-word-is-an-entity": ('Person(a, "#1; #tag;")', "ok", "\x01 &tag;", None),
    "strings-are-trimmed": ('Person(a, "  padded  ")', "ok", "padded", None),
    "title-with-hash-fails": ("title Issue #1\nPerson(a, \"A\")", "fails", None, None),
    "title-with-semicolon-fails": ("title A; B\nPerson(a, \"A\")", "fails", None, None),
    "title-entities-work": ("title Issue #35;1#59; B\nPerson(a, \"A\")", "ok", "Issue #1; B", None),
    "direction-statement-fails": ('direction LR\nPerson(a, "A")', "fails", None, None),
    "direction-inside-a-label-fails": ('Person(a, "go direction LR")', "fails", None, None),
    "empty-boundary-fails": ('Boundary(b, "B") {\n}\nPerson(a, "A")', "fails", None, None),
    "node-without-braces-fails": ('Deployment_Node(n, "N")\nContainer(c, "C")', "fails", None, None),
    "rel-to-boundary-fails": ('Boundary(b, "B") {\nPerson(a, "A")\n}\nPerson(c, "C")\nRel(c, b, "x")', "fails",
                              None, None),
    "unquoted-last-argument-fails": ('Person(a, "A")\nPerson(b, "B")\nRel(a, b)', "fails", None, None),
    "duplicate-alias-drops-one": ('Person(a, "First")\nSystem(a, "Second")', "ok", "Second", "First"),
    "duplicate-relationship-keeps-the-last": ('Person(a, "A")\nPerson(b, "B")\nRel(a, b, "one")\nRel(a, b, "two")',
                                              "ok", "two", "one"),
    "space-before-comma-shifts-arguments": ('Person(a, "A" , "the description")', "ok", None, "the description"),
    "space-before-paren-fails": ('Person(a, "A" )', "fails", None, None),
    "trailing-comment-breaks-next-line": ('Person(a, "A") %% note\nPerson(b, "B")', "fails", None, None),
    "empty-named-value-fails": ('Person(a, "A", "", $tags="")', "fails", None, None),
    "style-techn-fails": ('Person(a, "A")\nUpdateElementStyle(a, $techn="T")', "fails", None, None),
    "directive-in-label-is-cut": ('Person(a, "x %%{init: {}}%% y")', "ok", None, "%%{init: {}}%%"),
    "lowercase-statement-fails": ('person(a, "A")', "fails", None, None),
    "plantuml-tag-fails": ('Person(a, "A")\nAddElementTag("v1", $bgColor="red")', "fails", None, None),
    "person-techn-in-description-place": ('Person(a, "A", $techn="Browser")', "ok", "[Browser]", None),
    "person-techn-after-description-fails": ('Person(a, "A", "d", $techn="Browser")', "fails", None, None),
    "generic-boundary-defaults-to-system": ('Boundary(b, "B") {\nPerson(a, "A")\n}', "ok", "[system]", None),
    "generic-boundary-empty-type": ('Boundary(b, "B", "") {\nPerson(a, "A")\n}', "ok", None, "[system]"),
    "quoted-alias-for-a-bare-style": ('Person(a, "A")\nUpdateElementStyle("a")', "ok", "A", None),
    "relindex-number-is-ignored": ('Person(a, "A")\nPerson(b, "B")\nRelIndex(5, a, b, "x")', "ok", "1: x", "5: x"),
    "acc-title-is-drawn-as-title": ('accTitle: Shown\nPerson(a, "A")', "ok", "Shown", None),
}


@pytest.fixture(scope="module")
def fact_results():
    from c4kit.render import render_svgs

    texts = [("C4Dynamic\n" if "relindex" in name else "C4Context\n") + source + "\n"
             for name, (source, *_) in FACTS.items()]
    return dict(zip(FACTS, render_svgs(texts)))


@pytest.mark.browser
@pytest.mark.parametrize("name", list(FACTS))
def test_mermaid_fact(fact_results, name: str) -> None:
    _source, outcome, drawn, not_drawn = FACTS[name]
    result = fact_results[name]
    assert result.ok is (outcome == "ok"), f"{name}: {result.error}"
    if result.ok:
        pieces = svg_text(result.svg)
        if drawn is not None:
            assert drawn in pieces, pieces
        if not_drawn is not None:
            assert not any(not_drawn in piece for piece in pieces), pieces


@pytest.mark.browser
def test_layout_config_is_read_by_position_so_the_emitter_writes_a_placeholder() -> None:
    import re

    from c4kit.render import render_svgs

    people = "".join(f'Person(p{i}, "P{i}")\n' for i in range(4))
    base = "C4Context\n" + people
    reversed_keys, placeholder = render_svgs([
        base + 'UpdateLayoutConfig($c4BoundaryInRow="1")\n',
        base + emit_c4(Diagram(DiagramKind.CONTEXT, nodes=[person(f"p{i}", f"P{i}") for i in range(4)],
                               layout=LayoutConfig(boundaries_in_row=1))).split("\n", 1)[1],
    ])

    def rows(svg: str) -> int:
        return len(set(re.findall(r'<rect[^>]*\by="([\d.]+)"', svg)))

    assert rows(reversed_keys.svg) == 4  # $c4BoundaryInRow alone was taken as one shape per row
    assert rows(placeholder.svg) < 4
