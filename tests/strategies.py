"""Hypothesis strategies: random valid :class:`~c4kit.model.diagram.Diagram` s with hostile labels.

``diagrams()`` draws diagrams of every kind that ``emit_c4`` accepts and
``parse`` reads back to an equal diagram: nested boundaries and deployment
nodes (never empty), every element variant, relationships between existing
elements only, styles on existing aliases, dynamic steps indexed 1..n, and
labels built from the characters that break naive emitters.

What is left out, and why (see the table in :mod:`c4kit.mermaid.escape`):

* ``\\r``, C0 controls other than tab and newline, U+FFFE, U+FFFF and lone
  surrogates: SVG cannot hold them, the emitter replaces them (``\\r`` by a
  line break, the others by U+FFFD), so they cannot round-trip;
* in titles, line ends (``\\n``, U+2028, U+2029): a title is one line;
* whitespace at the ends of any text (Mermaid trims every argument; line
  breaks at the ends are kept since they are written ``<br/>``);
* technology on people and systems, and a type on non-generic boundaries:
  Mermaid has no place for them (the emitter refuses or restricts them).

Other test modules import these strategies; keep them fast (at most about 15
nodes per diagram).
"""

from __future__ import annotations

from hypothesis import strategies as st

from c4kit.mermaid.escape import js_strip, trim_ends
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

__all__ = ["HOSTILE_PIECES", "NOT_INVERTIBLE", "aliases", "diagrams", "hostile_text", "named_values", "titles"]

#: Characters no emitter can round-trip through Mermaid (documented in c4kit/mermaid/escape.py).
NOT_INVERTIBLE = "\r\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18" \
                 "\x19\x1a\x1b\x1c\x1d\x1e\x1f\ufffe\uffff"

#: Fragments that broke (or could break) Mermaid C4 text: quotes, entity look-alikes, Mermaid's own
#: placeholder characters, HTML, directives, comments, statements, and text in many scripts.
HOSTILE_PIECES = (
    '"', '\\"', "\\", "'", "`", "#", ";", "#;", "C#", "#quot;", "#35;", "#1;", "#tag;", "#x1F680;", ",", "(", ")",
    "{", "}", "{}", "<", ">", "<br/>", "<BR>", "<br />", "<<interface>>", "List<String>", "a<b", "<b>x</b>", "&",
    "&amp;", "&quot;", "=\"", "=", "\n", "\n\n", "\t", " ", "  ", "\u00a0", "\ufeff", "\u200b", "\u2028", "\u2029",
    "🚀", "👩‍💻", "ロケット", "مرحبا", "Ω", "é", "ß", "°", "¶", "ﬂ", "ﬂ°°35¶ß", "¶ß", "ﬂ°", "%", "%%",
    "%%{init: {}}%%", "}%%", "direction LR", "direction\tTB", "direction  BT", "style:#x;", "classDef:a#b;c",
    "http://x/#a;b", '$tags="x"', 'Rel(a, b, "c")', "title", "---", "accTitle: x", "\\n", "$", "x:#y",
)

_ALPHABET = st.characters(exclude_categories=("Cs",), exclude_characters=NOT_INVERTIBLE)
_IDENTIFIER = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,7}", fullmatch=True)


def hostile_text(max_pieces: int = 4) -> st.SearchStrategy[str]:
    """Text made of hostile fragments and random characters (may be empty), trimmed as Mermaid trims."""
    piece = st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(alphabet=_ALPHABET, max_size=6))
    return st.lists(piece, max_size=max_pieces).map("".join).map(trim_ends)


def _one_line(text: str) -> str:
    for end in ("\n", "\u2028", "\u2029"):
        text = text.replace(end, " ")
    return js_strip(text)


def titles() -> st.SearchStrategy[str]:
    """Titles: hostile but on one line and stripped (what Mermaid can show)."""
    return hostile_text().map(_one_line)


def named_values() -> st.SearchStrategy[str]:
    """Values of ``$sprite``/``$tags``/``$link``/style keys: hostile, stripped (Mermaid trims them)."""
    return st.one_of(st.just(""), hostile_text(3))


def aliases(count: int) -> st.SearchStrategy[list[str]]:
    """``count`` distinct identifiers."""
    return st.lists(_IDENTIFIER, min_size=count, max_size=count, unique=True)


_LABELS = hostile_text()
_TITLES = st.one_of(st.just(""), titles())
_NAMED = named_values()
_ELEMENT_KINDS = st.sampled_from(list(ElementKind))
_SHAPES = st.sampled_from(list(Shape))
_BOUNDARY_KINDS = st.sampled_from(list(BoundaryKind))
_VARIANTS = st.sampled_from(list(NodeVariant))
_REL_KINDS = st.sampled_from(list(RelKind))
_OFFSETS = st.one_of(st.none(), st.integers(-300, 300))
_QUARTER = st.integers(0, 3)


def _element(draw: st.DrawFn, alias: str) -> Element:
    kind = draw(_ELEMENT_KINDS)
    shape = Shape.PLAIN if kind is ElementKind.PERSON else draw(_SHAPES)
    technical = kind in (ElementKind.CONTAINER, ElementKind.COMPONENT)
    return Element(
        alias=alias, label=draw(_LABELS), kind=kind, description=draw(_LABELS),
        technology=draw(_LABELS) if technical else "", shape=shape, external=draw(st.booleans()),
        sprite=draw(_NAMED), tags=draw(_NAMED), link=draw(_NAMED))


def _frame(draw: st.DrawFn, alias: str) -> Boundary | DeploymentNode:
    if draw(st.booleans()):
        kind = draw(_BOUNDARY_KINDS)
        return Boundary(alias=alias, label=draw(_LABELS), kind=kind,
                        type=draw(_LABELS) if kind is BoundaryKind.GENERIC else "",
                        tags=draw(_NAMED), link=draw(_NAMED))
    return DeploymentNode(alias=alias, label=draw(_LABELS), type=draw(_LABELS), description=draw(_LABELS),
                          variant=draw(_VARIANTS), sprite=draw(_NAMED), tags=draw(_NAMED), link=draw(_NAMED))


def _tree(draw: st.DrawFn, names: list[str]) -> list[Node]:
    """Nodes for ``names`` in drawing order; every boundary gets at least one child."""
    nodes: list[Node] = []
    i = 0
    while i < len(names):
        remaining = len(names) - i
        if remaining >= 2 and draw(_QUARTER) == 0:
            size = draw(st.integers(1, remaining - 1))
            frame = _frame(draw, names[i])
            frame.children = _tree(draw, names[i + 1:i + 1 + size])
            nodes.append(frame)
            i += 1 + size
        else:
            nodes.append(_element(draw, names[i]))
            i += 1
    return nodes


@st.composite
def diagrams(draw: st.DrawFn, kinds: tuple[DiagramKind, ...] = tuple(DiagramKind), max_nodes: int = 12,
             max_relationships: int = 6) -> Diagram:
    """A random diagram ``emit_c4`` accepts and ``parse`` reads back unchanged."""
    kind = draw(st.sampled_from(kinds))
    names = draw(st.lists(_IDENTIFIER, min_size=1, max_size=max_nodes, unique=True))
    diagram = Diagram(kind=kind, title=draw(_TITLES), nodes=_tree(draw, names))
    elements = [e.alias for e in diagram.elements()]
    count = draw(st.integers(0, max_relationships))
    for step in range(1, count + 1):
        diagram.relationships.append(Relationship(
            source=draw(st.sampled_from(elements)), target=draw(st.sampled_from(elements)),
            label=draw(_LABELS), technology=draw(_LABELS), description=draw(_LABELS),
            kind=draw(_REL_KINDS), index=step if kind is DiagramKind.DYNAMIC else None,
            sprite=draw(_NAMED), tags=draw(_NAMED), link=draw(_NAMED)))
    for _ in range(draw(st.integers(0, 3))):
        diagram.element_styles.append(ElementStyle(
            alias=draw(st.sampled_from(names)), bg_color=draw(_NAMED), font_color=draw(_NAMED),
            border_color=draw(_NAMED), shadowing=draw(_NAMED), shape=draw(_NAMED), sprite=draw(_NAMED),
            legend_text=draw(_NAMED), legend_sprite=draw(_NAMED)))
    pairs = [(r.source, r.target) for r in diagram.relationships] or [(elements[0], elements[-1])]
    for _ in range(draw(st.integers(0, 2))):
        source, target = draw(st.sampled_from(pairs))
        diagram.rel_styles.append(RelStyle(source=source, target=target, text_color=draw(_NAMED),
                                           line_color=draw(_NAMED), offset_x=draw(_OFFSETS), offset_y=draw(_OFFSETS)))
    if draw(st.booleans()):
        shapes = draw(st.one_of(st.none(), st.integers(1, 6)))
        rows = draw(st.integers(1, 4)) if shapes is None else draw(st.one_of(st.none(), st.integers(1, 4)))
        diagram.layout = LayoutConfig(shapes_in_row=shapes, boundaries_in_row=rows)
    return diagram
