"""Mermaid C4 text out: ``emit_c4(diagram)``.

The output is deterministic (same diagram, same bytes), readable (four
spaces per nesting level, a blank line between the title, the boxes, the
arrows, the styles and the layout) and valid in Mermaid 11.16.1 whatever the
labels hold: every string goes through :mod:`c4kit.mermaid.escape` (its
docstring has the table of what each hostile character becomes and why), and
:func:`c4kit.mermaid.parse.parse` reads the output back to an equal diagram.

What the emitter writes, measured on Mermaid 11.16.1:

======================================  =========================================================================
diagram content                          output, and why
======================================  =========================================================================
every text argument                      double-quoted: an unquoted *last* argument swallows the ``)`` and breaks
                                         the element; empty places before a named argument are written ``""``
                                         (a named value takes the place it stands in: ``$sprite`` standing in the
                                         description's place would be stored as text)
``sprite``, ``tags``, ``link``           named: ``$sprite="..."``, ``$tags="..."``, ``$link="..."`` (quoted,
                                         stripped, left out when empty: ``$tags=""`` is a parse error)
technology of a person / system          ``$techn="..."`` right after the label, drawn as ``[...]``; only when
                                         there is no description (Mermaid cannot draw both for these)
``Boundary`` / ``Deployment_Node`` type  third argument when set; when empty and nothing follows, Mermaid
                                         draws its defaults ``[system]`` / ``[node]``, else no type
dynamic steps                            plain ``Rel`` (or its variant) sorted by ``index``: Mermaid ignores
                                         ``RelIndex`` numbers and numbers the arrows by statement order
``UpdateLayoutConfig``                   values always in Mermaid's order (it reads them by position);
                                         ``""`` keeps the default shapes-per-row when only boundaries are set
a style with no values                   ``UpdateElementStyle("a")``: a bare last argument would break it
======================================  =========================================================================

The emitter refuses, with a :class:`~c4kit.errors.C4EmitError` naming the
node and the fix, what Mermaid cannot draw: an alias that is not an
identifier (``^[A-Za-z_][A-Za-z0-9_]*$``), the same alias twice (Mermaid
silently merges the two), an empty boundary or deployment node (a parse error;
a childless ``Deployment_Node`` without braces is one too), a relationship to
a boundary, a deployment node or an unknown alias (Mermaid 11 crashes), a
``type`` on a non-generic boundary, ``$techn`` in ``UpdateElementStyle``
(crashes), a person or system with both technology and description, a layout
value below 1 (ignored), and a diagram with nothing to draw and no title (a
parse error).  Styles that target an alias not in the diagram are written:
Mermaid ignores them, and the linter reports them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from c4kit.errors import C4EmitError
from c4kit.mermaid.escape import defuse_line, encode_named_value, encode_string, encode_title
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

__all__ = ["ALIAS_PATTERN", "emit_c4"]

#: What an alias may look like in emitted text.
ALIAS_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
INDENT = "    "

_STYLE_KEYS = (("bg_color", "bgColor"), ("font_color", "fontColor"), ("border_color", "borderColor"),
               ("shadowing", "shadowing"), ("shape", "shape"), ("sprite", "sprite"), ("legend_text", "legendText"),
               ("legend_sprite", "legendSprite"))


def _quoted(text: str) -> str:
    return f'"{encode_string(text)}"'


def _named(key: str, value: str) -> str | None:
    encoded = encode_named_value(value)
    return f'${key}="{encoded}"' if encoded else None


def _call(statement: str, head: list[str], positional: list[str], named: list[str | None]) -> str:
    """``Statement(head..., "pos"..., $named...)``.

    The first positional (the label) is always written, even empty: a bare
    alias as the last argument would break the statement.  Later empty places
    are dropped unless named arguments follow them.
    """
    given = [arg for arg in named if arg]
    places = list(positional)
    if not given:
        while len(places) > 1 and places[-1] == "":
            places.pop()
    args = head + [_quoted(p) for p in places] + given
    return f"{statement}({', '.join(args)})"


def _suggest_alias(alias: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_]+", "_", alias).strip("_") or "node"
    return cleaned if ALIAS_PATTERN.fullmatch(cleaned) else f"_{cleaned}"


class _Emitter:
    def __init__(self, diagram: Diagram) -> None:
        self.diagram = diagram
        self.nodes: dict[str, Node] = {}

    # ------------------------------------------------------------ checks
    def _alias(self, alias: object, what: str) -> str:
        if not isinstance(alias, str) or not ALIAS_PATTERN.fullmatch(alias):
            shown = repr(alias)
            hint = (f"use letters, digits and underscores, not starting with a digit, e.g. "
                    f"{_suggest_alias(alias)!r}" if isinstance(alias, str) else "give it a text alias")
            raise C4EmitError(f"{what} has the alias {shown}, which Mermaid cannot use as an identifier", hint=hint)
        return alias

    def _collect(self) -> None:
        seen: set[int] = set()

        def visit(nodes: list[Node], inside: str) -> None:
            for node in nodes:
                if not isinstance(node, (Element, Boundary, DeploymentNode)):
                    raise C4EmitError(f"{inside} holds {type(node).__name__} {node!r}, which is not a node",
                                      hint="a diagram holds Element, Boundary and DeploymentNode objects")
                if id(node) in seen:
                    raise C4EmitError(f"{type(node).__name__} {node.alias!r} appears twice in the diagram (or "
                                      "inside itself)", hint="put each node in one place only")
                seen.add(id(node))
                alias = self._alias(node.alias, f"{type(node).__name__} {node.label!r}")
                if alias in self.nodes:
                    raise C4EmitError(f"the alias {alias!r} is used twice: Mermaid keeps only one of the two boxes",
                                      hint=f"rename one of them, e.g. {alias + '_2'!r}")
                self.nodes[alias] = node
                if isinstance(node, (Boundary, DeploymentNode)):
                    visit(node.children, f"{type(node).__name__} {alias!r}")

        visit(self.diagram.nodes, "the diagram")

    def _endpoint(self, alias: object, rel: Relationship, end: str) -> str:
        name = self._alias(alias, f"the relationship {rel.label!r} ({end})")
        node = self.nodes.get(name)
        if node is None:
            known = ", ".join(sorted(a for a, n in self.nodes.items() if isinstance(n, Element))) or "none"
            raise C4EmitError(f"the relationship {rel.label!r} goes {end} {name!r}, which is not in this diagram",
                              hint=f"add the element, or use one of the aliases in the diagram: {known}")
        if not isinstance(node, Element):
            what = "boundary" if isinstance(node, Boundary) else "deployment node"
            raise C4EmitError(f"the relationship {rel.label!r} goes {end} the {what} {name!r}: Mermaid 11 cannot "
                              f"draw an arrow to a {what} (the diagram fails to render)",
                              hint=f"point the arrow at an element inside {name!r} instead")
        return name

    # ------------------------------------------------------------ output
    def emit(self) -> str:
        diagram = self.diagram
        try:
            kind = DiagramKind(diagram.kind)
        except ValueError:
            raise C4EmitError(f"unknown diagram kind {diagram.kind!r}",
                              hint=f"use one of {', '.join(k.value for k in DiagramKind)}") from None
        self._collect()
        sections: list[list[str]] = []
        title = encode_title(diagram.title or "")
        if title:
            sections.append([f"title {title}"])
        sections.extend(self._node_groups())
        rels = self._relationships(kind)
        if rels:
            sections.append(rels)
        styles = [self._element_style(s) for s in diagram.element_styles]
        styles += [self._rel_style(s) for s in diagram.rel_styles]
        if styles:
            sections.append(styles)
        layout = self._layout(diagram.layout)
        if layout:
            sections.append([layout])
        if not sections:
            raise C4EmitError(f"this {kind.level_name} is empty: Mermaid cannot draw a diagram with no statements",
                              hint="add an element (or at least a title) before showing it")
        out = [kind.value]
        for i, section in enumerate(sections):
            if i:
                out.append("")
            out.extend(INDENT + defuse_line(line) if line else "" for line in section)
        return "\n".join(out) + "\n"

    def _node_groups(self) -> Iterator[list[str]]:
        """Consecutive top-level elements form one group; each top-level block is its own group."""
        group: list[str] = []
        for node in self.diagram.nodes:
            if isinstance(node, Element):
                group.append(self._element(node))
                continue
            if group:
                yield group
                group = []
            yield list(self._block(node, 0))
        if group:
            yield group

    def _block(self, node: Node, depth: int) -> Iterator[str]:
        pad = INDENT * depth
        if isinstance(node, Element):
            yield pad + self._element(node)
            return
        assert isinstance(node, (Boundary, DeploymentNode))
        if not node.children:
            what = "deployment node" if isinstance(node, DeploymentNode) else "boundary"
            raise C4EmitError(f"the {what} {node.alias!r} is empty: Mermaid cannot parse an empty {what}",
                              hint="put the elements it groups inside it, or leave it out of the diagram")
        head = self._boundary(node) if isinstance(node, Boundary) else self._deployment_node(node)
        yield f"{pad}{head} {{"
        for child in node.children:
            yield from self._block(child, depth + 1)
        yield pad + "}"

    def _element(self, e: Element) -> str:
        try:
            kind, shape = ElementKind(e.kind), Shape(e.shape)
        except ValueError as err:
            raise C4EmitError(f"element {e.alias!r}: {err}", hint="use ElementKind and Shape values") from None
        if kind is ElementKind.PERSON:
            if shape is not Shape.PLAIN:
                raise C4EmitError(f"person {e.alias!r} has the shape {shape.value!r}: Mermaid draws people plain",
                                  hint="use Shape.PLAIN for a person")
            statement = "Person"
        else:
            statement = {ElementKind.SYSTEM: "System", ElementKind.CONTAINER: "Container",
                         ElementKind.COMPONENT: "Component"}[kind]
            statement += {Shape.PLAIN: "", Shape.DB: "Db", Shape.QUEUE: "Queue"}[shape]
        statement += "_Ext" if e.external else ""
        links = [_named("sprite", e.sprite), _named("tags", e.tags), _named("link", e.link)]
        if kind in (ElementKind.CONTAINER, ElementKind.COMPONENT):
            return _call(statement, [e.alias], [e.label, e.technology, e.description], links)
        if e.technology:
            if e.description:
                raise C4EmitError(f"{statement} {e.alias!r} has both a technology and a description: Mermaid can "
                                  f"draw only one of them for a {kind.value}",
                                  hint="technology belongs to containers and components: clear it, or fold it "
                                       "into the description")
            return _call(statement, [e.alias], [e.label], [_named("techn", e.technology), *links])
        return _call(statement, [e.alias], [e.label, e.description], links)

    def _boundary(self, b: Boundary) -> str:
        try:
            kind = BoundaryKind(b.kind)
        except ValueError:
            raise C4EmitError(f"boundary {b.alias!r} has the unknown kind {b.kind!r}",
                              hint="use a BoundaryKind value") from None
        links = [_named("tags", b.tags), _named("link", b.link)]
        if kind is BoundaryKind.GENERIC:
            return _call(kind.value, [b.alias], [b.label, b.type], links)
        if b.type:
            raise C4EmitError(f"{kind.value} {b.alias!r} has the type {b.type!r}, but only a generic Boundary "
                              "shows a type in Mermaid", hint="use BoundaryKind.GENERIC, or clear the type")
        return _call(kind.value, [b.alias], [b.label], links)

    def _deployment_node(self, n: DeploymentNode) -> str:
        try:
            variant = NodeVariant(n.variant)
        except ValueError:
            raise C4EmitError(f"deployment node {n.alias!r} has the unknown variant {n.variant!r}",
                              hint="use a NodeVariant value") from None
        links = [_named("sprite", n.sprite), _named("tags", n.tags), _named("link", n.link)]
        return _call(variant.value, [n.alias], [n.label, n.type, n.description], links)

    def _relationships(self, kind: DiagramKind) -> list[str]:
        rels = list(self.diagram.relationships)
        if kind is DiagramKind.DYNAMIC:
            # Mermaid numbers the steps by statement order: write them in index order.
            rels.sort(key=lambda r: (r.index is None, r.index if isinstance(r.index, int) else 0))
        lines = []
        for rel in rels:
            try:
                statement = RelKind(rel.kind).value
            except ValueError:
                raise C4EmitError(f"relationship {rel.label!r} has the unknown kind {rel.kind!r}",
                                  hint="use a RelKind value") from None
            source = self._endpoint(rel.source, rel, "from")
            target = self._endpoint(rel.target, rel, "to")
            links = [_named("sprite", rel.sprite), _named("tags", rel.tags), _named("link", rel.link)]
            lines.append(_call(statement, [source, target], [rel.label, rel.technology, rel.description], links))
        return lines

    def _element_style(self, style: ElementStyle) -> str:
        alias = self._alias(style.alias, "UpdateElementStyle")
        if style.techn:
            raise C4EmitError(f"UpdateElementStyle({alias}) sets $techn, which makes Mermaid 11 fail to draw the "
                              "diagram", hint="set the technology on the element itself")
        named = [_named(key, getattr(style, field)) for field, key in _STYLE_KEYS]
        if not any(named):
            return f'UpdateElementStyle("{alias}")'
        return _call("UpdateElementStyle", [alias], [], named)

    def _rel_style(self, style: RelStyle) -> str:
        what = f"UpdateRelStyle({style.source}, {style.target})"
        source, target = self._alias(style.source, what), self._alias(style.target, what)
        named = [_named("textColor", style.text_color), _named("lineColor", style.line_color)]
        for key, value in (("offsetX", style.offset_x), ("offsetY", style.offset_y)):
            if value is not None:
                if isinstance(value, bool) or not isinstance(value, int):
                    raise C4EmitError(f"{what}: ${key} must be a whole number, not {value!r}",
                                      hint="offsets are whole pixels, e.g. -40")
                named.append(f'${key}="{value}"')
        if not any(named):
            return f'UpdateRelStyle({source}, "{target}")'
        return _call("UpdateRelStyle", [source, target], [], named)

    @staticmethod
    def _layout(layout: LayoutConfig | None) -> str:
        if layout is None:
            return ""
        values = []
        for key, value in (("c4ShapeInRow", layout.shapes_in_row), ("c4BoundaryInRow", layout.boundaries_in_row)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise C4EmitError(f"UpdateLayoutConfig: ${key} must be a whole number of at least 1, not {value!r}",
                                  hint="Mermaid ignores other values; use None for Mermaid's default")
            values.append(value)
        shapes, rows = values
        if shapes is None and rows is None:
            return ""
        args = [f'$c4ShapeInRow="{shapes}"' if shapes is not None else '""']
        if rows is not None:
            args.append(f'$c4BoundaryInRow="{rows}"')
        return f"UpdateLayoutConfig({', '.join(args)})"


def emit_c4(diagram: Diagram) -> str:
    """Mermaid C4 source for ``diagram``: deterministic, readable, always valid.

    Raises :class:`~c4kit.errors.C4EmitError` (with a hint) for what Mermaid
    cannot draw; see the module docstring.

    >>> from c4kit.model.diagram import Diagram, DiagramKind, Element, ElementKind
    >>> print(emit_c4(Diagram(DiagramKind.CONTEXT, nodes=[
    ...     Element("customer", 'The "best" customer', ElementKind.PERSON)])), end="")
    C4Context
        Person(customer, "The #quot;best#quot; customer")
    """
    if not isinstance(diagram, Diagram):
        to_diagram = getattr(diagram, "to_diagram", None)
        if to_diagram is None:
            raise C4EmitError(f"emit_c4 needs a Diagram, got {type(diagram).__name__}",
                              hint="pass a Diagram or a view (anything with .to_diagram())")
        diagram = to_diagram()
    return _Emitter(diagram).emit()
