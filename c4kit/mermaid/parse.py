"""Mermaid C4 text in: the parser.

``parse(text)`` turns Mermaid C4 source into a :class:`~c4kit.model.diagram.Diagram`;
``parse_with_notes(text)`` also returns :class:`~c4kit.mermaid.notes.SourceNote` s for
the traps it saw.  The parser follows Mermaid 11.16.1's grammar (case-sensitive
keywords, one statement per line, a boundary's ``{`` on its line or the next,
a newline after ``{``, ``}`` after a statement allowed) and Mermaid's argument
rules (arguments fill places by position; a named argument ``$key="v"`` takes
a place too but sets its field by key; the later value wins).

Where real Mermaid would fail or draw something else than the author meant,
the parser is lenient when the intent is clear: it keeps what the author
*meant* and records a note, so the linter can explain the trap and
``emit_c4(parse(text))`` writes the repaired text.  Those traps are:

======================================  ===============================================  =======================
source                                   the parser keeps                                 note code
======================================  ===============================================  =======================
``"say \\"hi\\""``                         ``say "hi"``                                     escaped-quote
``Rel(a, b, Uses)`` (last one bare)      ``Uses``                                         unquoted-argument
``$tags=v1``                             ``v1``                                           unquoted-named-argument
``$tags=""``                             nothing                                          empty-named-argument
``'text'``                               ``text``                                         single-quoted-string
``"A" , "d"`` / ``"A" )`` / tab + ``"``  the arguments as written, not shifted            string-whitespace
``title Issue #1 done; ok``              the whole title                                  title-special-character
``title`` alone                          no title                                         empty-title
``direction LR``                         nothing (skipped)                                direction-statement
``Boundary(b, "B") {}``                  an empty boundary                                empty-boundary
``RelIndex(7, ...)`` in 3rd place        index 7 (Mermaid draws 3)                        relindex-number
``UpdateLayoutConfig($c4BoundaryInRow=   boundaries per row 1 (Mermaid: shapes per row)   layout-argument-order
"1")``
``Person(a,"A") %% note`` + next line    the statement                                    trailing-comment
``AddElementTag(...)``, ``SHOW_LEGEND``  nothing (skipped; Mermaid fails)                 unsupported-statement
``accDescr``, directives, front matter   nothing (not part of a Diagram)                  ignored-statement
``$tag="x"``, ``$descr`` on a boundary   nothing                                          unknown-named-argument
``Container(a,"A","t","d",$techn="x")``  technology ``x`` (Mermaid fails)                 misplaced-named-argument
``$offsetX="12px"``, ``"0"`` rows         ``12``; nothing                                  invalid-number
a 7th argument to ``Person``             the first six                                    too-many-arguments
======================================  ===============================================  =======================

Other choices, each a documented difference from a plain reading:

* ``accTitle: X`` sets the title: Mermaid C4 draws it as the visible title.
* ``Boundary(b, "B")`` and ``Deployment_Node(n, "N")`` without a type keep
  ``type=""`` (Mermaid draws its default ``[system]`` / ``[node]`` there).
* In a ``C4Dynamic`` diagram every relationship gets an ``index``: plain
  ``Rel`` statements their position among the relationship statements
  (1, 2, 3...), ``RelIndex(n, ...)`` the ``n`` written (the linter compares).
* Strings must close on their line.  Mermaid would let a string run over a
  line end (and draw the line end as a space), but an unclosed quote is far
  more often a typo, and the useful error points at the quote.
* Texts are read as Mermaid draws them: trimmed (Mermaid trims every
  argument), entity codes such as ``#quot;`` and ``#35;`` decoded, ``<br/>``
  a newline (see :mod:`c4kit.mermaid.escape`).  Aliases are kept exactly as
  written, even when they are not identifiers (Mermaid matches them as text;
  the emitter then asks for an identifier).
* What is valid syntax but drawn differently than written stays in the
  diagram as written, with its line, for the linter to report: the same alias
  twice (Mermaid merges the boxes), two relationships with the same from/to
  (Mermaid keeps only the last label), an arrow to a boundary (Mermaid fails),
  a style before its element or on an unknown alias (ignored by Mermaid).

Everything else Mermaid rejects is a :class:`~c4kit.errors.C4SyntaxError`
with the line, the column, the line's text and a hint.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import NoReturn

from c4kit.errors import C4SyntaxError
from c4kit.mermaid import notes as codes
from c4kit.mermaid.escape import (
    DIRECTION_IN_LINE,
    JS_WHITESPACE,
    decode_string,
    decode_title,
    js_strip,
    split_lines,
)
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
    LayoutConfig,
    Node,
    NodeVariant,
    Relationship,
    RelKind,
    RelStyle,
    Shape,
)

__all__ = ["parse", "parse_with_notes"]

DIAGRAM_KEYWORDS = tuple(kind.value for kind in DiagramKind)

# ---------------------------------------------------------------- statements
ELEMENT_STATEMENTS: dict[str, tuple[ElementKind, Shape, bool]] = {
    "Person": (ElementKind.PERSON, Shape.PLAIN, False),
    "Person_Ext": (ElementKind.PERSON, Shape.PLAIN, True),
}
for _base, _kind in (("System", ElementKind.SYSTEM), ("Container", ElementKind.CONTAINER),
                     ("Component", ElementKind.COMPONENT)):
    for _suffix, _shape in (("", Shape.PLAIN), ("Db", Shape.DB), ("Queue", Shape.QUEUE)):
        ELEMENT_STATEMENTS[_base + _suffix] = (_kind, _shape, False)
        ELEMENT_STATEMENTS[_base + _suffix + "_Ext"] = (_kind, _shape, True)

BOUNDARY_STATEMENTS = {kind.value: kind for kind in BoundaryKind}
NODE_STATEMENTS = {variant.value: variant for variant in NodeVariant}
REL_STATEMENTS = {
    "Rel": RelKind.REL, "BiRel": RelKind.BIREL, "Rel_Back": RelKind.REL_BACK,
    "Rel_U": RelKind.REL_U, "Rel_Up": RelKind.REL_U, "Rel_D": RelKind.REL_D, "Rel_Down": RelKind.REL_D,
    "Rel_L": RelKind.REL_L, "Rel_Left": RelKind.REL_L, "Rel_R": RelKind.REL_R, "Rel_Right": RelKind.REL_R,
}
STYLE_STATEMENTS = ("RelIndex", "UpdateElementStyle", "UpdateRelStyle", "UpdateLayoutConfig")
#: C4-PlantUML statements people paste into Mermaid; Mermaid 11 fails on them, the parser skips them.
UNSUPPORTED_STATEMENTS = frozenset({
    "AddElementTag", "AddRelTag", "AddBoundaryTag", "AddPersonTag", "AddExternalPersonTag", "AddSystemTag",
    "AddExternalSystemTag", "AddContainerTag", "AddExternalContainerTag", "AddComponentTag",
    "AddExternalComponentTag", "AddNodeTag", "UpdateBoundaryStyle", "UpdateContainerBoundaryStyle",
    "UpdateSystemBoundaryStyle", "UpdateEnterpriseBoundaryStyle", "SHOW_LEGEND", "SHOW_FLOATING_LEGEND",
    "LAYOUT_TOP_DOWN", "LAYOUT_LEFT_RIGHT", "LAYOUT_LANDSCAPE", "LAYOUT_WITH_LEGEND", "LAYOUT_AS_SKETCH",
    "HIDE_STEREOTYPE", "HIDE_PERSON_SPRITE", "SHOW_PERSON_SPRITE", "SHOW_PERSON_OUTLINE", "SHOW_PERSON_PORTRAIT",
    "Lay_U", "Lay_Up", "Lay_D", "Lay_Down", "Lay_L", "Lay_Left", "Lay_R", "Lay_Right", "Lay_Distance",
    "Rel_Neighbor", "BiRel_U", "BiRel_D", "BiRel_L", "BiRel_R", "BiRel_Up", "BiRel_Down", "BiRel_Left",
    "BiRel_Right", "Deployment_Node_L", "Deployment_Node_R",
})
_LINE_KEYWORDS = ("title", "accTitle", "accDescr", "accDescription", "direction")
VOCABULARY = (*DIAGRAM_KEYWORDS, *ELEMENT_STATEMENTS, *BOUNDARY_STATEMENTS, *NODE_STATEMENTS, *REL_STATEMENTS,
              *STYLE_STATEMENTS, *_LINE_KEYWORDS)


@dataclass(frozen=True)
class _Spec:
    """Where each argument of a statement goes (Mermaid's positional places)."""

    places: tuple[str, ...]
    required: int
    #: ``$key`` -> field name.
    named: Mapping[str, str]
    #: Places where Mermaid stores a named ``$techn``/``$descr``/``$type`` as text it can draw.
    text_places: frozenset[int] = frozenset()
    usage: str = ""


_LINK_NAMED = {"sprite": "sprite", "tags": "tags", "link": "link"}
_PERSON = _Spec(("alias", "label", "description", "sprite", "tags", "link"), 2,
                {"descr": "description", "techn": "technology", **_LINK_NAMED}, frozenset({2}),
                "alias, label, ?description")
_CONTAINER = _Spec(("alias", "label", "technology", "description", "sprite", "tags", "link"), 2,
                   {"techn": "technology", "descr": "description", **_LINK_NAMED}, frozenset({2, 3}),
                   "alias, label, ?technology, ?description")
_BOUNDARY = _Spec(("alias", "label", "type", "tags", "link"), 2, {"type": "type", "tags": "tags", "link": "link"},
                  frozenset({2}), "alias, label, ?type")
_TYPED_BOUNDARY = _Spec(("alias", "label", "tags", "link"), 2, {"tags": "tags", "link": "link"}, frozenset(),
                        "alias, label")
_NODE = _Spec(("alias", "label", "type", "description", "sprite", "tags", "link"), 2,
              {"type": "type", "descr": "description", **_LINK_NAMED}, frozenset({2, 3}),
              "alias, label, ?type, ?description")
_REL_PLACES = ("source", "target", "label", "technology", "description", "sprite", "tags", "link")
_REL_NAMED = {"techn": "technology", "descr": "description", **_LINK_NAMED}
_REL = _Spec(_REL_PLACES, 3, _REL_NAMED, frozenset({3, 4}), "from, to, label")
_REL_INDEX = _Spec(("index", *_REL_PLACES), 4, _REL_NAMED, frozenset({4, 5}), "index, from, to, label")
_ELEMENT_STYLE = _Spec(
    ("alias", "bg_color", "font_color", "border_color", "shadowing", "shape", "sprite", "techn", "legend_text",
     "legend_sprite"), 1,
    {"bgColor": "bg_color", "fontColor": "font_color", "borderColor": "border_color", "shadowing": "shadowing",
     "shape": "shape", "sprite": "sprite", "techn": "techn", "legendText": "legend_text",
     "legendSprite": "legend_sprite"}, usage="alias")
_REL_STYLE = _Spec(("source", "target", "text_color", "line_color", "offset_x", "offset_y"), 2,
                   {"textColor": "text_color", "lineColor": "line_color", "offsetX": "offset_x",
                    "offsetY": "offset_y"}, usage="from, to")
_LAYOUT = _Spec(("shapes_in_row", "boundaries_in_row"), 1,
                {"c4ShapeInRow": "shapes_in_row", "c4BoundaryInRow": "boundaries_in_row"},
                usage='$c4ShapeInRow="3", $c4BoundaryInRow="1"')
_TEXT_KEYS = frozenset({"techn", "descr", "type"})
_ALIAS_PLACES = frozenset({"alias", "source", "target"})
_ORDINAL = ("first", "second", "third", "fourth")


def _spec_for(keyword: str) -> _Spec:
    if keyword in ELEMENT_STATEMENTS:
        kind = ELEMENT_STATEMENTS[keyword][0]
        return _CONTAINER if kind in (ElementKind.CONTAINER, ElementKind.COMPONENT) else _PERSON
    if keyword in BOUNDARY_STATEMENTS:
        return _BOUNDARY if keyword == BoundaryKind.GENERIC.value else _TYPED_BOUNDARY
    if keyword in NODE_STATEMENTS:
        return _NODE
    if keyword in REL_STATEMENTS:
        return _REL
    return {"RelIndex": _REL_INDEX, "UpdateElementStyle": _ELEMENT_STYLE, "UpdateRelStyle": _REL_STYLE,
            "UpdateLayoutConfig": _LAYOUT}[keyword]


# ------------------------------------------------------------------ tokens
@dataclass
class _Arg:
    """One argument as written."""

    kind: str  # "string", "named", "bare" or "empty"
    value: str  # what it draws (decoded); for "bare" and "string" also see ``raw``
    raw: str  # the source text (the alias is matched as written)
    column: int
    key: str = ""


@dataclass
class _Statement:
    keyword: str
    args: list[_Arg]
    line: int
    column: int


@dataclass
class _Open:
    """A boundary or deployment node whose braces are open."""

    node: Boundary | DeploymentNode
    keyword: str
    line: int
    column: int
    brace_line: int = 0
    brace_column: int = 0


@dataclass
class _State:
    diagram: Diagram
    notes: list[SourceNote] = field(default_factory=list)
    stack: list[_Open] = field(default_factory=list)
    pending: _Open | None = None  # a boundary statement still waiting for its "{"
    rel_count: int = 0
    statements: int = 0
    header_line: int = 1


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WS_CHARS = frozenset(JS_WHITESPACE)
_PARSE_INT = re.compile(rf"[{re.escape(JS_WHITESPACE)}]*([+-]?[0-9]+)")
#: In a title, entity codes are safe and a lone "#" or ";" ends the title.
_TITLE_STOP = re.compile(r"#[A-Za-z0-9_]+;|[#;]")
_NAMED_KEY = re.compile(rf"\$[{re.escape(JS_WHITESPACE)}]*([A-Za-z_][A-Za-z0-9_]*)[{re.escape(JS_WHITESPACE)}]*=")


def _js_parse_int(text: str) -> int | None:
    """JavaScript's ``parseInt(text)``: leading digits, or ``None`` for NaN."""
    found = _PARSE_INT.match(text)
    if not found or len(found.group(1)) > 15:
        return None
    return int(found.group(1))


class _Parser:
    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.lines = split_lines(text[1:] if text.startswith("\ufeff") else text)
        self.state: _State | None = None
        self.notes: list[SourceNote] = []

    # --------------------------------------------------------------- helpers
    def error(self, message: str, line: int, column: int = 1, hint: str = "") -> NoReturn:
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        raise C4SyntaxError(message, line=line, column=max(column, 1), text=text, hint=hint, source=self.source)

    def note(self, code: str, line: int, column: int, message: str) -> None:
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        self.notes.append(SourceNote(code, line, max(column, 1), message, text))

    # ------------------------------------------------------------------ main
    def run(self) -> tuple[Diagram, list[SourceNote]]:
        index = self._skip_front_matter()
        index = self._header(index)
        state = self.state
        assert state is not None
        while index < len(self.lines):
            index = self._body_line(index)
        if state.pending is not None:
            self._missing_brace(state.pending)
        if state.stack:
            still = state.stack[-1]
            what = "deployment node" if isinstance(still.node, DeploymentNode) else "boundary"
            self.error(f"unbalanced braces: {what} '{still.node.alias}' opened on line {still.brace_line} is never "
                       f"closed", still.brace_line, still.brace_column,
                       hint=f"add a line with }} after the last statement inside {still.keyword}({still.node.alias}, "
                            f"...)")
        if state.statements == 0:
            self.error(f"the {state.diagram.kind.level_name} is empty: Mermaid needs at least one statement",
                       state.header_line, 1,
                       hint='add an element on the next line, e.g. Person(customer, "Customer")')
        return state.diagram, self.notes

    def _skip_front_matter(self) -> int:
        if not self.lines or js_strip(self.lines[0]) != "---":
            return 0
        for i in range(1, len(self.lines)):
            if js_strip(self.lines[i]) == "---":
                content = [js_strip(line) for line in self.lines[1:i] if js_strip(line)]
                if content:
                    self.note(codes.IGNORED_STATEMENT, 1, 1,
                              "front matter (between --- lines) is not kept by c4kit; a 'title:' there is not drawn "
                              "by Mermaid C4 either: write a title line after the diagram keyword")
                return i + 1
        self.error("front matter starting on line 1 is never closed", 1, 1,
                   hint="add a line with --- after the front matter, or delete the first line")

    def _skip_directive(self, index: int) -> int:
        """Skip a ``%%{ ... }%%`` directive (possibly over several lines); return the next index."""
        start = index
        while index < len(self.lines):
            if "}%%" in self.lines[index]:
                self.note(codes.IGNORED_STATEMENT, start + 1, self.lines[start].find("%%") + 1,
                          "Mermaid directives (%%{...}%%) are not kept by c4kit: set the theme when you render")
                return index + 1
            index += 1
        self.error("directive %%{ is never closed", start + 1, self.lines[start].find("%%") + 1,
                   hint="end the directive with }%%, or make the line a comment: %% text")

    def _header(self, index: int) -> int:
        while index < len(self.lines):
            line = self.lines[index]
            stripped = js_strip(line)
            if not stripped:
                index += 1
                continue
            if stripped.startswith("%%{"):
                index = self._skip_directive(index)
                continue
            if stripped.startswith("%%"):
                index += 1
                continue
            column = len(line) - len(line.lstrip(JS_WHITESPACE)) + 1
            word_match = re.match(r"[^\s(]+", stripped)
            word = word_match.group(0) if word_match else stripped[:1]
            if word in DIAGRAM_KEYWORDS:
                rest = stripped[len(word):]
                if js_strip(rest):
                    self.error(f"{word} must stand alone on the first line", index + 1,
                               column + len(word) + (len(rest) - len(rest.lstrip(JS_WHITESPACE))),
                               hint=f"move '{js_strip(rest)[:40]}' to the next line")
                self.state = _State(Diagram(kind=DiagramKind(word)), header_line=index + 1)
                return index + 1
            close = difflib.get_close_matches(word, DIAGRAM_KEYWORDS, n=1, cutoff=0.7)
            if close:
                self.error(f"unknown diagram type '{word}': did you mean '{close[0]}'?", index + 1, column,
                           hint=f"the first line of a C4 diagram is one of {', '.join(DIAGRAM_KEYWORDS)} "
                                "(case matters)")
            self.error(f"not a Mermaid C4 diagram: it starts with '{word[:40]}'", index + 1, column,
                       hint=f"c4kit reads C4 diagrams: the first line must be one of {', '.join(DIAGRAM_KEYWORDS)}")
        self.error("no diagram found: the text is empty", max(len(self.lines), 1), 1,
                   hint=f"start with one of {', '.join(DIAGRAM_KEYWORDS)} on the first line")

    # ------------------------------------------------------------ body lines
    def _body_line(self, index: int) -> int:
        state = self.state
        assert state is not None
        line = self.lines[index]
        lineno = index + 1
        stripped = js_strip(line)
        column = len(line) - len(line.lstrip(JS_WHITESPACE)) + 1
        if not stripped:
            return index + 1
        if stripped.startswith("%%{"):
            return self._skip_directive(index)
        if stripped.startswith("%%"):
            return index + 1
        word_match = _IDENT.match(stripped)
        word = word_match.group(0) if word_match else ""
        after = stripped[len(word):]
        found = DIRECTION_IN_LINE.search(line)
        if found and word != "direction":
            self.note(codes.DIRECTION_STATEMENT, lineno, found.start() + 1,
                      f"this line contains '{found.group(0)}', which Mermaid reads as a direction statement "
                      "(the whole line), so the diagram fails; inside a text write direction#32;"
                      f"{found.group(0)[-2:]}")
        if word in _LINE_KEYWORDS and not after.startswith("("):
            self._check_pending()
            return self._keyword_line(index, word, after, column)
        self._statement_line(index)
        return index + 1

    def _keyword_line(self, index: int, word: str, after: str, column: int) -> int:
        state = self.state
        assert state is not None
        lineno = index + 1
        if word == "direction":
            self.note(codes.DIRECTION_STATEMENT, lineno, column,
                      "'direction' is not a Mermaid C4 statement: the diagram fails to parse; the line was skipped")
            return index + 1
        if word == "title":
            if after and after[0] not in _WS_CHARS:
                self.error("title needs a space before its text", lineno, column + len(word),
                           hint="write: title My diagram")
            raw = after[1:] if after else ""
            state.statements += 1
            if not js_strip(raw):
                self.note(codes.EMPTY_TITLE, lineno, column,
                          "'title' without text: Mermaid takes the next line as the title")
                state.diagram.title = ""
                return index + 1
            self._title(raw, lineno, column + len(word) + 1)
            return index + 1
        if word == "accTitle":
            rest = after.lstrip(JS_WHITESPACE)
            if not rest.startswith(":"):
                self.error("accTitle needs a colon", lineno, column + len(word), hint="write: accTitle: My title")
            state.statements += 1
            state.diagram.title = decode_title(rest[1:])
            return index + 1
        if word == "accDescr":
            rest = after.lstrip(JS_WHITESPACE)
            state.statements += 1
            if rest.startswith(":"):
                self.note(codes.IGNORED_STATEMENT, lineno, column,
                          "accDescr (the accessible description) is not kept by c4kit")
                return index + 1
            if rest.startswith("{"):
                self.note(codes.IGNORED_STATEMENT, lineno, column,
                          "accDescr { ... } (the accessible description) is not kept by c4kit")
                tail = rest[1:]
                end = index
                while "}" not in tail:
                    end += 1
                    if end >= len(self.lines):
                        self.error("accDescr { is never closed", lineno, column, hint="add } after the description")
                    tail = self.lines[end]
                if js_strip(tail[tail.index("}") + 1:]):
                    self.error("put the next statement on its own line after accDescr { ... }", end + 1,
                               self.lines[end].index("}") + 2, hint="start a new line after }")
                return end + 1
            self.error("accDescr needs a colon or braces", lineno, column + len(word),
                       hint="write: accDescr: text   or   accDescr { text }")
        # accDescription <text>
        if not after or after[0] not in _WS_CHARS:
            self.error("accDescription needs a space before its text", lineno, column + len(word),
                       hint="write: accDescr: text")
        state.statements += 1
        self.note(codes.IGNORED_STATEMENT, lineno, column,
                  "accDescription (the accessible description) is not kept by c4kit")
        return index + 1

    def _title(self, raw: str, lineno: int, column: int) -> None:
        state = self.state
        assert state is not None
        lone = next((m for m in _TITLE_STOP.finditer(raw) if len(m.group(0)) == 1), None)
        if lone is not None:
            self.note(codes.TITLE_SPECIAL_CHARACTER, lineno, column + lone.start(),
                      "a title stops at # or ; in Mermaid (the diagram fails to render): write #35; for # and "
                      "#59; for ;")
        state.diagram.title = decode_title(raw)

    # ------------------------------------------------------- statement lines
    def _statement_line(self, index: int) -> None:
        """One line of statements and braces: ``Stmt(...)``, ``Stmt(...) {``, ``{``, ``}``, ``Stmt(...) }``."""
        state = self.state
        assert state is not None
        lineno = index + 1
        line = self.lines[index]
        tokens = list(self._tokens(line, lineno))
        previous: str = ""
        for pos, (kind, column, statement) in enumerate(tokens):
            if kind == "comment":
                if pos > 0 and self._next_is_statement(index):
                    self.note(codes.TRAILING_COMMENT, lineno, column,
                              "a %% comment after a statement swallows the line break: Mermaid reads the next "
                              "statement as part of this line and fails; put the comment on its own line")
                break
            if kind == "{":
                if previous == "{":
                    self.error("two { in a row", lineno, column, hint="delete one of them")
                if previous == "}":
                    self.error("unexpected { after }", lineno, column, hint="start a new line for the next block")
                self._open_brace(lineno, column)
            elif kind == "}":
                self._check_pending()
                self._close_brace(lineno, column)
            else:
                assert statement is not None
                if previous == "stmt":
                    self.error("two statements on one line", lineno, column,
                               hint="put each statement on its own line")
                if previous == "{":
                    self.error("a statement right after { on the same line", lineno, column,
                               hint="start a new line after {: Mermaid needs a line break there")
                if previous == "}":
                    self.error("a statement right after } on the same line", lineno, column,
                               hint="put the statement on the next line")
                self._check_pending()
                self._apply(statement)
                kind = "stmt"
            previous = kind

    def _next_is_statement(self, index: int) -> bool:
        for line in self.lines[index + 1:]:
            stripped = js_strip(line)
            if not stripped or (stripped.startswith("%%") and not stripped.startswith("%%{")):
                continue
            return not stripped.startswith("}")
        return False

    def _tokens(self, line: str, lineno: int) -> Iterator[tuple[str, int, _Statement | None]]:
        pos = 0
        n = len(line)
        while pos < n:
            ch = line[pos]
            if ch in _WS_CHARS:
                pos += 1
            elif line.startswith("%%", pos):
                yield "comment", pos + 1, None
                return
            elif ch in "{}":
                yield ch, pos + 1, None
                pos += 1
            else:
                found = _IDENT.match(line, pos)
                if not found:
                    self.error(f"unexpected '{ch}'", lineno, pos + 1,
                               hint="a line holds one statement such as Person(alias, \"Label\"), or { or }")
                word = found.group(0)
                end = found.end()
                self._known_statement(word, lineno, pos + 1)
                if end >= n or line[end] != "(":
                    spaced = end
                    while spaced < n and line[spaced] in _WS_CHARS:
                        spaced += 1
                    if spaced < n and line[spaced] == "(":
                        self.error(f"space between {word} and '('", lineno, end + 1,
                                   hint=f"write {word}( with no space: Mermaid does not accept one")
                    if word in UNSUPPORTED_STATEMENTS:
                        self._unsupported(word, lineno, pos + 1)
                        return
                    self.error(f"{word} needs its arguments in parentheses", lineno, end + 1,
                               hint=f"write {word}({_spec_for(word).usage})" if word not in _LINE_KEYWORDS
                               else f"put '{word}' at the start of its own line")
                kept = len(self.notes)
                args, end = self._arguments(line, lineno, end + 1)
                if word in UNSUPPORTED_STATEMENTS:
                    del self.notes[kept:]  # its arguments do not matter: the statement is skipped
                    self._unsupported(word, lineno, pos + 1)
                    pos = end
                    continue
                yield "stmt", pos + 1, _Statement(word, args, lineno, pos + 1)
                pos = end

    def _unsupported(self, word: str, lineno: int, column: int) -> None:
        state = self.state
        assert state is not None
        state.statements += 1
        self.note(codes.UNSUPPORTED_STATEMENT, lineno, column,
                  f"{word} is C4-PlantUML: Mermaid 11 does not know it and fails to draw the diagram; "
                  "c4kit skipped it")

    def _known_statement(self, word: str, lineno: int, column: int) -> None:
        if word in UNSUPPORTED_STATEMENTS:
            return
        if word in _LINE_KEYWORDS:
            self.error(f"'{word}' must start its own line, without parentheses", lineno, column,
                       hint=f"write it on a line of its own, e.g. {word} ..." if word != "direction" else
                       "delete it: Mermaid C4 has no direction statement")
        if word in DIAGRAM_KEYWORDS:
            self.error(f"{word} can only be the first line of a diagram", lineno, column,
                       hint="one diagram per text: delete this line or start a new cell")
        if word in ELEMENT_STATEMENTS or word in BOUNDARY_STATEMENTS or word in NODE_STATEMENTS \
                or word in REL_STATEMENTS or word in STYLE_STATEMENTS:
            return
        close = difflib.get_close_matches(word, VOCABULARY, n=1, cutoff=0.6)
        hint = (f"did you mean '{close[0]}'? Statement names are case-sensitive" if close else
                "C4 statements are Person, System, Container, Component (with Db, Queue, _Ext variants), "
                "Boundary, System_Boundary, Container_Boundary, Enterprise_Boundary, Deployment_Node, Rel, "
                "BiRel, Rel_U/D/L/R, Rel_Back, RelIndex, UpdateElementStyle, UpdateRelStyle, UpdateLayoutConfig")
        message = f"unknown statement '{word}'" + (f": did you mean '{close[0]}'?" if close else "")
        self.error(message, lineno, column, hint=hint)

    # ---------------------------------------------------------- arguments
    def _arguments(self, line: str, lineno: int, pos: int) -> tuple[list[_Arg], int]:
        """Read ``(...)`` starting after ``(``; return the arguments and the index after ``)``."""
        open_column = pos  # 1-based column of "(" is pos
        args: list[_Arg] = []
        n = len(line)
        while True:
            start = pos
            while pos < n and line[pos] in _WS_CHARS:
                pos += 1
            if pos >= n:
                self.error("missing closing parenthesis", lineno, open_column,
                           hint="end the statement with )")
            ch = line[pos]
            if ch == ")":  # also "(a, )": Mermaid adds no argument for a trailing comma
                return args, pos + 1
            if ch == ",":
                args.append(_Arg("empty", "", "", pos + 1))
                pos += 1
                continue
            if ch == '"' or ch == "'":
                if ch == '"' and "\t" in line[start:pos]:
                    self.note(codes.STRING_WHITESPACE, lineno, start + 1,
                              "a tab before an opening quote: Mermaid reads the argument as unquoted text and "
                              "fails; use spaces")
                arg, pos = self._quoted(line, lineno, pos)
            elif ch == "$":
                arg, pos = self._named(line, lineno, pos)
            else:
                arg, pos = self._bare(line, lineno, pos)
            args.append(arg)
            # after the argument: "," or ")"
            gap = pos
            while pos < n and line[pos] in _WS_CHARS:
                pos += 1
            if pos >= n:
                self.error("missing closing parenthesis", lineno, open_column, hint="end the statement with )")
            if line[pos] not in ",)":
                if arg.kind == "string" and line[pos] == '"':
                    self.error("two strings without a comma between them", lineno, pos + 1,
                               hint='separate arguments with commas; to put a double quote inside a label write '
                                    '#quot;')
                self.error("unexpected text after the closing quote", lineno, pos + 1,
                           hint='separate arguments with commas; to put a double quote inside a label write #quot;')
            if pos > gap and arg.kind in ("string", "named"):
                where = "before the next comma shifts every later argument by one" if line[pos] == "," \
                    else "before ')' makes Mermaid read the rest of the line as an argument"
                self.note(codes.STRING_WHITESPACE, lineno, gap + 1,
                          f"a space after the closing quote {where}: delete the space")
            if line[pos] == ")":
                if arg.kind == "bare":
                    self.note(codes.UNQUOTED_ARGUMENT, lineno, arg.column,
                              f"the last argument '{arg.raw[:30]}' is not quoted: Mermaid reads the ')' and "
                              "everything after it as part of the argument; put it in double quotes")
                return args, pos + 1
            pos += 1  # the comma

    def _quoted(self, line: str, lineno: int, pos: int) -> tuple[_Arg, int]:
        quote = line[pos]
        end = line.find(quote, pos + 1)
        if end < 0:
            self.error("unclosed string: add the closing double quote" if quote == '"' else
                       "unclosed string: add the closing quote", lineno, pos + 1,
                       hint='a string ends on its own line; write <br/> for a line break inside a label')
        if quote == '"' and line[end - 1] == "\\" and not self._closes(line, end + 1):
            escaped = self._escaped_string(line, pos)
            if escaped is not None:
                text, after = escaped
                self.note(codes.ESCAPED_QUOTE, lineno, line.index('\\"', pos) + 1,
                          'a backslash does not escape a quote in Mermaid: the string ends at \\" and the rest is '
                          "misread; write #quot; for a double quote")
                text = js_strip(text)
                return _Arg("string", decode_string(text), text, pos + 1), after
        raw = js_strip(line[pos + 1:end])  # Mermaid trims every argument
        if quote == "'":
            self.note(codes.SINGLE_QUOTED_STRING, lineno, pos + 1,
                      "Mermaid C4 strings take double quotes only: 'text' is read as unquoted words")
        return _Arg("string", decode_string(raw), raw, pos + 1), end + 1

    @staticmethod
    def _closes(line: str, pos: int) -> bool:
        """Whether an argument can end at ``pos``: optional spaces, then ``,`` or ``)``."""
        while pos < len(line) and line[pos] in _WS_CHARS:
            pos += 1
        return pos < len(line) and line[pos] in ",)"

    def _escaped_string(self, line: str, pos: int) -> tuple[str, int] | None:
        """Read ``"...\\"..."`` taking ``\\"`` as a quote; ``None`` if that reading does not fit either."""
        out: list[str] = []
        i = pos + 1
        while i < len(line):
            if line.startswith('\\"', i):
                out.append("#quot;")
                i += 2
            elif line[i] == '"':
                return ("".join(out), i + 1) if self._closes(line, i + 1) else None
            else:
                out.append(line[i])
                i += 1
        return None

    def _named(self, line: str, lineno: int, pos: int) -> tuple[_Arg, int]:
        column = pos + 1
        found = _NAMED_KEY.match(line, pos)
        if not found:
            self.error("a named argument is written $name=\"value\"", lineno, column,
                       hint='for example $tags="v1" or $bgColor="grey"')
        key = found.group(1)
        pos = found.end()
        while pos < len(line) and line[pos] == " ":
            pos += 1
        if pos < len(line) and line[pos] in "\"'":
            arg, after = self._quoted(line, lineno, pos)
            value = js_strip(arg.raw)
            if not value:
                self.note(codes.EMPTY_NAMED_ARGUMENT, lineno, column,
                          f"${key}=\"\" is a parse error in Mermaid (a named value needs at least one character): "
                          "leave the argument out")
            return _Arg("named", decode_string(value), value, column, key), after
        end = pos
        while end < len(line) and line[end] not in ",)":
            end += 1
        value = js_strip(line[pos:end])
        self.note(codes.UNQUOTED_NAMED_ARGUMENT, lineno, column,
                  f"the value of ${key} is not quoted: Mermaid fails to read it; write ${key}=\"{value[:30]}\"")
        return _Arg("named", decode_string(value), value, column, key), end

    def _bare(self, line: str, lineno: int, pos: int) -> tuple[_Arg, int]:
        end = pos
        while end < len(line) and line[end] not in ",)":
            if line[end] == '"':
                self.error("a double quote inside an unquoted argument", lineno, end + 1,
                           hint='quote the whole argument: "..." (write #quot; for a quote inside it)')
            end += 1
        raw = js_strip(line[pos:end])
        return _Arg("bare", decode_string(raw), raw, pos + 1), end

    # -------------------------------------------------------------- braces
    def _check_pending(self) -> None:
        """A boundary statement must be followed by its ``{`` before anything else."""
        state = self.state
        assert state is not None
        if state.pending is not None:
            self._missing_brace(state.pending)

    def _missing_brace(self, pending: _Open) -> NoReturn:
        what = "a deployment node" if isinstance(pending.node, DeploymentNode) else "a boundary"
        self.error(f"{pending.keyword} '{pending.node.alias}' is {what} and needs braces with its elements inside",
                   pending.line, pending.column,
                   hint=f"write {pending.keyword}({pending.node.alias}, ...) {{ on one line, the elements on the "
                        "next lines, then }")

    def _open_brace(self, lineno: int, column: int) -> None:
        state = self.state
        assert state is not None
        if state.pending is None:
            self.error("unexpected {: no boundary or deployment node before it", lineno, column,
                       hint="a { follows Boundary(...), System_Boundary(...), Deployment_Node(...) and the like")
        opened = state.pending
        opened.brace_line, opened.brace_column = lineno, column
        state.stack.append(opened)
        state.pending = None

    def _close_brace(self, lineno: int, column: int) -> None:
        state = self.state
        assert state is not None
        if not state.stack:
            self.error("unexpected }: no boundary is open here", lineno, column,
                       hint="delete it, or add the boundary statement it should close")
        closed = state.stack.pop()
        if not closed.node.children:
            what = "deployment node" if isinstance(closed.node, DeploymentNode) else "boundary"
            self.note(codes.EMPTY_BOUNDARY, closed.line, closed.column,
                      f"{what} '{closed.node.alias}' has nothing inside: an empty {{}} is a parse error in Mermaid")

    # ---------------------------------------------------------- semantics
    def _apply(self, st: _Statement) -> None:
        state = self.state
        assert state is not None
        state.statements += 1
        spec = _spec_for(st.keyword)
        values = self._assign(st, spec)
        if st.keyword in ELEMENT_STATEMENTS:
            self._add(self._element(st, values))
        elif st.keyword in BOUNDARY_STATEMENTS or st.keyword in NODE_STATEMENTS:
            node = self._frame(st, values)
            self._add(node)
            state.pending = _Open(node, st.keyword, st.line, st.column)
        elif st.keyword in REL_STATEMENTS or st.keyword == "RelIndex":
            self._relationship(st, values)
        elif st.keyword == "UpdateElementStyle":
            style = ElementStyle(alias=values.pop("alias"), line=st.line)
            for name, value in values.items():
                setattr(style, name, value)
            state.diagram.element_styles.append(style)
        elif st.keyword == "UpdateRelStyle":
            self._rel_style(st, values)
        else:
            self._layout(st, values)

    def _add(self, node: Node) -> None:
        state = self.state
        assert state is not None
        (state.stack[-1].node.children if state.stack else state.diagram.nodes).append(node)

    def _assign(self, st: _Statement, spec: _Spec) -> dict[str, str]:
        """Mermaid's rule: the i-th argument fills the i-th place; a named one sets its field by key."""
        values: dict[str, str] = {}
        layout = st.keyword == "UpdateLayoutConfig"
        positional = sum(1 for a in st.args[:spec.required] if a.kind != "named")
        if len(st.args) < spec.required or (not layout and positional < spec.required):
            needed = ", ".join(spec.places[:spec.required]).replace("source", "from").replace("target", "to")
            more = ", ..." if spec.required < len(spec.places) and not spec.usage.endswith(")") else ""
            hint = f"write {st.keyword}({spec.usage}{more})"
            if len(st.args) >= spec.required:
                hint += "; named arguments ($...) come after these"
            self.error(f"{st.keyword} needs at least {spec.required} argument{'s' if spec.required > 1 else ''}: "
                       f"{needed}", st.line, st.column, hint=hint)
        for i, arg in enumerate(st.args):
            if i >= len(spec.places):
                self.note(codes.TOO_MANY_ARGUMENTS, st.line, arg.column,
                          f"{st.keyword} takes at most {len(spec.places)} arguments ({', '.join(spec.places)}): "
                          "Mermaid ignores the rest")
                break
            if arg.kind == "named":
                name = spec.named.get(arg.key)
                if name is None:
                    known = ", ".join(f"${k}" for k in spec.named)
                    close = difflib.get_close_matches(arg.key, list(spec.named), n=1, cutoff=0.6)
                    self.note(codes.UNKNOWN_NAMED_ARGUMENT, st.line, arg.column,
                              f"{st.keyword} has no ${arg.key}" + (f" (did you mean ${close[0]}?)" if close else "")
                              + f": Mermaid ignores it or fails; it takes {known}")
                    continue
                if arg.key in _TEXT_KEYS and spec.text_places and i not in spec.text_places:
                    self.note(codes.MISPLACED_NAMED_ARGUMENT, st.line, arg.column,
                              f"${arg.key} after the description: Mermaid fails to draw it there; put it right "
                              "after the label (or use the positional argument)")
                if layout and spec.places[i] != name:
                    self.note(codes.LAYOUT_ARGUMENT_ORDER, st.line, arg.column,
                              f"UpdateLayoutConfig reads its values by position: Mermaid takes this ${arg.key} as "
                              f"${'c4ShapeInRow' if i == 0 else 'c4BoundaryInRow'}; write "
                              '$c4ShapeInRow first (use "" to keep its default)')
                values[name] = arg.value
                continue
            place = spec.places[i]
            if place in _ALIAS_PLACES:
                if not arg.raw:
                    what = {"alias": "an alias", "source": "a 'from' alias", "target": "a 'to' alias"}[place]
                    self.error(f"{st.keyword} needs {what} as its {_ORDINAL[i]} argument", st.line, arg.column,
                               hint=f"write {st.keyword}({spec.usage}, ...)")
                values[place] = arg.raw
            else:
                values[place] = arg.value
        return values

    def _element(self, st: _Statement, values: dict[str, str]) -> Element:
        kind, shape, external = ELEMENT_STATEMENTS[st.keyword]
        return Element(alias=values["alias"], label=values.get("label", ""), kind=kind,
                       description=values.get("description", ""), technology=values.get("technology", ""),
                       shape=shape, external=external, sprite=values.get("sprite", ""),
                       tags=values.get("tags", ""), link=values.get("link", ""), line=st.line)

    def _frame(self, st: _Statement, values: dict[str, str]) -> Boundary | DeploymentNode:
        if st.keyword in BOUNDARY_STATEMENTS:
            return Boundary(alias=values["alias"], label=values.get("label", ""), kind=BOUNDARY_STATEMENTS[st.keyword],
                            type=values.get("type", ""), tags=values.get("tags", ""), link=values.get("link", ""),
                            line=st.line)
        return DeploymentNode(alias=values["alias"], label=values.get("label", ""), type=values.get("type", ""),
                              description=values.get("description", ""), variant=NODE_STATEMENTS[st.keyword],
                              sprite=values.get("sprite", ""), tags=values.get("tags", ""),
                              link=values.get("link", ""), line=st.line)

    def _relationship(self, st: _Statement, values: dict[str, str]) -> None:
        state = self.state
        assert state is not None
        state.rel_count += 1
        dynamic = state.diagram.kind is DiagramKind.DYNAMIC
        index: int | None = state.rel_count if dynamic else None
        if st.keyword == "RelIndex":
            written = values.get("index", "")
            number = _js_parse_int(written)
            if not re.fullmatch(r"[0-9]+", js_strip(written)):
                self.note(codes.INVALID_NUMBER, st.line, st.args[0].column,
                          f"RelIndex needs a whole number first, not '{written[:20]}'")
            if number is not None:
                index = number
                if not dynamic:
                    self.note(codes.RELINDEX_NUMBER, st.line, st.column,
                              "RelIndex numbers are not drawn outside a C4Dynamic diagram")
                elif number != state.rel_count:
                    self.note(codes.RELINDEX_NUMBER, st.line, st.column,
                              f"Mermaid ignores the number {number} and draws this step as {state.rel_count} "
                              "(the order of the statements)")
        kind = REL_STATEMENTS.get(st.keyword, RelKind.REL)
        state.diagram.relationships.append(Relationship(
            source=values["source"], target=values["target"], label=values.get("label", ""),
            technology=values.get("technology", ""), description=values.get("description", ""), kind=kind,
            index=index, sprite=values.get("sprite", ""), tags=values.get("tags", ""), link=values.get("link", ""),
            line=st.line))

    def _number(self, st: _Statement, name: str, written: str, *, minimum: int | None = None) -> int | None:
        if not js_strip(written):
            return None
        number = _js_parse_int(written)
        column = next((a.column for a in st.args if a.value == written), st.column)
        if number is None or (minimum is not None and number < minimum):
            rule = f"a whole number of at least {minimum}" if minimum is not None else "a whole number"
            self.note(codes.INVALID_NUMBER, st.line, column,
                      f"{name} needs {rule}, not '{written[:20]}': Mermaid ignores it")
            return None
        if not re.fullmatch(r"[+-]?[0-9]+", js_strip(written)):
            self.note(codes.INVALID_NUMBER, st.line, column,
                      f"{name}='{written[:20]}' is not a whole number: Mermaid reads it as {number}")
        return number

    def _rel_style(self, st: _Statement, values: dict[str, str]) -> None:
        state = self.state
        assert state is not None
        style = RelStyle(source=values["source"], target=values["target"], text_color=values.get("text_color", ""),
                         line_color=values.get("line_color", ""), line=st.line)
        style.offset_x = self._number(st, "$offsetX", values.get("offset_x", ""))
        style.offset_y = self._number(st, "$offsetY", values.get("offset_y", ""))
        state.diagram.rel_styles.append(style)

    def _layout(self, st: _Statement, values: dict[str, str]) -> None:
        state = self.state
        assert state is not None
        shapes = self._number(st, "$c4ShapeInRow", values.get("shapes_in_row", ""), minimum=1)
        rows = self._number(st, "$c4BoundaryInRow", values.get("boundaries_in_row", ""), minimum=1)
        if shapes is None and rows is None:
            return
        layout = state.diagram.layout or LayoutConfig()
        if shapes is not None:
            layout.shapes_in_row = shapes
        if rows is not None:
            layout.boundaries_in_row = rows
        layout.line = st.line
        state.diagram.layout = layout


# ------------------------------------------------------------------- API
def parse_with_notes(text: str, *, source: str = "") -> tuple[Diagram, list[SourceNote]]:
    """Parse Mermaid C4 text; also return the traps found (see the module docstring).

    ``source`` names the text in error messages (a file name, a notebook cell).
    Raises :class:`~c4kit.errors.C4SyntaxError` (1-based line and column, the
    line's text and a hint) when the text is not a C4 diagram Mermaid can read.
    """
    if not isinstance(text, str):
        raise C4SyntaxError(f"expected Mermaid text as a str, got {type(text).__name__}", line=1, source=source,
                            hint="pass the diagram source as text (decode bytes with .decode('utf-8'))")
    return _Parser(text, source).run()


def parse(text: str, *, source: str = "") -> Diagram:
    """Parse Mermaid C4 text into a :class:`~c4kit.model.diagram.Diagram`.

    >>> d = parse('C4Context\\n    Person(customer, "Customer")')
    >>> d.elements()[0].label
    'Customer'
    """
    return parse_with_notes(text, source=source)[0]
