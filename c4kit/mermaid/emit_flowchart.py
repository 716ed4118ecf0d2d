"""The same C4 view as a Mermaid flowchart that looks like C4 and lays out well.

Mermaid's own C4 renderer places boxes on a fixed grid and lets labels run
into each other on anything but small diagrams; its flowchart renderer uses a
real graph layout.  So from the *same* :class:`~c4kit.model.diagram.Diagram`
this module writes a flowchart that keeps the C4 notation:

* every box has C4's three parts: the **name**, a small ``[Kind: technology]``
  line and the description;
* people are rounded boxes, databases cylinders, queues horizontal cylinders
  (Mermaid 11 has no person shape);
* boundaries are dashed subgraphs, deployment nodes solid ones, nested as in
  the view;
* colours come from :mod:`c4kit.mermaid.palette` (blue for the organisation's
  own elements, grey for external ones, lighter for deeper levels), and a
  legend names every kind that is drawn, so colour never carries meaning alone.

What has no flowchart equivalent is dropped on purpose: the direction hints of
``Rel_U`` / ``Rel_D`` / ``Rel_L`` / ``Rel_R`` and ``UpdateLayoutConfig`` (the
layout engine places boxes itself), label offsets of ``UpdateRelStyle``,
sprites, tags, and links on anything but boxes (a box's ``$link`` becomes a
``click ... href``).

Rendering facts this module relies on (Mermaid 11.16.1, ``securityLevel:
'strict'``, checked by the browser tests):

* HTML labels keep ``<b>``, ``<i>``, ``<small>`` and ``<br/>``; the front
  matter switches ``htmlLabels`` on so a renderer configured without them
  still draws the labels as intended rather than as raw tags.
* Inside labels, Mermaid decodes ``#quot;``, ``#35;`` and numeric codes; text
  is encoded that way, so a label can hold anything and still renders as text
  (two traps of Mermaid's entity pre-pass are defused in :func:`escape_label`).
* The front-matter ``title`` is YAML and is *not* entity-decoded, and Mermaid
  mangles ``<`` and ``>`` in it; those two become look-alike angle quotes.
* A frame's title gets no room of its own when arrows cross the frame, and a
  frame is widened to its title only after the layout: titles are kept to one
  short line, or they would be drawn over the nested frame or the neighbours.
* A frame that no arrow crosses is laid out on its own, turned by 90 degrees
  unless it says ``direction``; such frames get the diagram's direction.
* With Mermaid's default ``basis`` curve, labels of crossing arrows were drawn
  over each other in 12 of the 25 reference and course diagrams measured;
  straight segments (``curve: linear``, as C4 draws arrows) brought that to 1.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from c4kit.errors import C4EmitError
from c4kit.mermaid import palette
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
    Shape,
)

__all__ = ["DIRECTIONS", "emit_flowchart", "escape_label", "node_ids"]

#: Flowchart directions accepted (``TD`` is a synonym of ``TB`` and is written as ``TB``).
DIRECTIONS = ("TB", "TD", "BT", "LR", "RL")

#: Wrapping width of node labels in pixels: wide enough for a C4 description
#: of a dozen words on three or four lines, narrow enough for boxes to sit side by side.
WRAPPING_WIDTH = 220

# Characters written as Mermaid entity codes (``#35;``).  Each one can end a
# string, start a comment or directive (``%%``), split a statement (``;``),
# open a markdown string (backtick), become HTML (``<``, ``&``), close the
# shape-data block of ``@{ ... }`` or act as a YAML escape there (``\``).
_ENCODED = frozenset('"#;<>&`|%{}\\')

# Mermaid's entity pre-pass drops the last ";" of any line where "style" or
# "classDef" is followed by ":", "#" and ";" (it is meant for style statements),
# which would break the last entity code on a label's line.  One letter of those
# words is therefore written as an entity too, and labels use <small>, never
# <span style=...>.
#
# Mermaid also stands in for entity codes with placeholders (``ﬂ°°35¶ß``) and
# turns "ﬂ°" and "¶ß" back into "&" and ";" more than once, even after the HTML
# was decoded; an invisible word joiner keeps such pairs in a label apart.
_PLACEHOLDERS = (("\ufb02\u00b0", "\ufb02\u2060\u00b0"), ("\u00b6\u00df", "\u00b6\u2060\u00df"))
_DEFUSE = (("style", "#115;tyle"), ("classDef", "#99;lassDef"), *_PLACEHOLDERS)
_LINE_BREAKS = {"\n", "\u2028", "\u2029", "\x85"}


_KIND_NOUN = {
    ElementKind.PERSON: "Person",
    ElementKind.SYSTEM: "Software System",
    ElementKind.CONTAINER: "Container",
    ElementKind.COMPONENT: "Component",
}
_EXTERNAL_NOUN = {
    ElementKind.PERSON: "External Person",
    ElementKind.SYSTEM: "External System",
    ElementKind.CONTAINER: "External Container",
    ElementKind.COMPONENT: "External Component",
}
_BOUNDARY_NOUN = {
    BoundaryKind.ENTERPRISE: "Enterprise Boundary",
    BoundaryKind.SYSTEM: "System Boundary",
    BoundaryKind.CONTAINER: "Container Boundary",
    BoundaryKind.GENERIC: "Boundary",
}

#: A relationship label that already starts with a step number ("2.", "2)", "2:").
_NUMBERED = re.compile(r"^\s*\d+\s*[.):]\s")

#: Infrastructure nodes (load balancers, DNS): C4 draws them apart from the containers they route to.
_INFRASTRUCTURE_NOUN = "Infrastructure Node"
_INFRASTRUCTURE_CLASS = "c4infrastructure"
_BOUNDARY_CLASS = "c4boundary"
_DEPLOYMENT_CLASS = "c4deployment"
_NEUTRAL_CLASS = "c4shape"
_LEGEND_ID = "c4legend"
_LEGEND_CLASS = "c4legendFrame"
#: A legend entry that is only words (what a dashed arrow means): no box around it.
_LEGEND_TEXT_CLASS = "c4legendText"


# ---------------------------------------------------------------------------
# Escaping
# ---------------------------------------------------------------------------

def escape_label(text: str) -> str:
    """Plain text -> the inside of a double-quoted Mermaid flowchart label.

    Risky characters become entity codes (``"`` -> ``#34;``); line breaks
    become ``<br/>``; other control characters are dropped; everything else,
    accents, CJK and emoji included, is kept as is so the source stays
    readable.  The result is safe in ``["..."]``, in ``@{ label: "..." }``,
    in edge labels and after ``accTitle:``.
    """
    out: list[str] = []
    for ch in text.replace("\r\n", "\n").replace("\r", "\n"):
        if ch in _LINE_BREAKS:
            out.append("<br/>")
        elif ch == "\t":
            out.append(" ")
        elif ch in _ENCODED:
            out.append(f"#{ord(ch)};")
        elif _printable(ch):
            out.append(ch)
    escaped = "".join(out)
    for word, safe in _DEFUSE:
        escaped = escaped.replace(word, safe)
    return escaped


def _printable(ch: str) -> bool:
    """False for control characters, lone surrogates and non-characters (nothing can draw them)."""
    return unicodedata.category(ch) not in ("Cc", "Cs") and ch not in "\ufffe\uffff"


def _one_line(text: str) -> str:
    """Line breaks and tabs -> spaces, unprintable characters dropped: for titles and frame labels."""
    text = "".join(" " if ch in _LINE_BREAKS or ch in "\r\t" else ch for ch in text.replace("\r\n", "\n"))
    return "".join(ch for ch in text if _printable(ch)).strip()


def _yaml_title(title: str) -> str:
    """A title as a double-quoted YAML scalar that Mermaid shows verbatim."""
    text = _one_line(title).replace("<", "\u2039").replace(">", "\u203a")
    for pair, safe in _PLACEHOLDERS:
        text = text.replace(pair, safe)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------------------
# Identifiers
# ---------------------------------------------------------------------------

_NOT_ID = re.compile(r"[^A-Za-z0-9_]")


def node_ids(diagram: Diagram) -> dict[int, str]:
    """A flowchart id for every node of the diagram, keyed by ``id(node)``.

    Every id is ``c4_`` followed by the alias with anything outside
    ``[A-Za-z0-9_]`` replaced by ``_``.  The prefix keeps ids clear of the
    flowchart keywords (``end``, ``graph``, ``subgraph``, ``style``, ``class``,
    ``click``, ``default`` ...) and of the ``o``/``x`` that turn ``--o`` and
    ``--x`` into circle and cross arrows.  A clash (a duplicated alias, or two
    aliases that differ only in replaced characters) gets ``_2``, ``_3`` ... in
    drawing order, so the result is deterministic.
    """
    ids: dict[int, str] = {}
    used: set[str] = set()
    for node, _ in diagram.walk():
        base = "c4_" + _NOT_ID.sub("_", node.alias)
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}_{n}", n + 1
        used.add(candidate)
        ids[id(node)] = candidate
    return ids


# ---------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------

def _small(text: str) -> str:
    # <small>, not <span style=...>: see the note on Mermaid's entity handling in escape_label.
    return f"<small>{escape_label(text)}</small>"


def _noun(element: Element) -> str:
    if element.is_infrastructure:
        return _INFRASTRUCTURE_NOUN
    return (_EXTERNAL_NOUN if element.external else _KIND_NOUN)[element.kind]


def _type_line(element: Element) -> str:
    noun = _noun(element)
    return f"[{noun}: {element.technology}]" if element.technology.strip() else f"[{noun}]"


def _element_label(element: Element) -> str:
    parts = [f"<b>{escape_label(element.label)}</b>", _small(_type_line(element))]
    if element.description.strip():
        parts.append(_small(element.description))
    return "<br/>".join(parts)


def _container_label(node: Boundary | DeploymentNode) -> str:
    if isinstance(node, Boundary):
        noun = f"[{node.type}]" if node.kind is BoundaryKind.GENERIC and node.type.strip() else \
            f"[{_BOUNDARY_NOUN[node.kind]}]"
        description = ""
    else:
        # Just the type, as C4 writes it: the title must stay short, because Mermaid widens a frame
        # to its title after the layout, over its neighbours.  The solid border and the legend say
        # "deployment node".
        noun = f"[{node.type}]" if node.type.strip() else "[Deployment Node]"
        description = node.description
    # One line only: Mermaid reserves no room for a taller title when arrows cross the frame,
    # so a second line would be drawn over the first box or the nested frame's title.
    parts = [f"<b>{escape_label(_one_line(node.label))}</b>", _small(_one_line(noun))]
    if description.strip():
        parts.append(f"<i>{_small(_one_line(description))}</i>")
    return " ".join(parts)


def _edge_label(rel: Relationship, step: int | None) -> str:
    text = f"{step}. {rel.label}" if step is not None else rel.label
    parts = [escape_label(text)] if text.strip() else []
    if rel.technology.strip():
        parts.append(_small(f"[{rel.technology}]"))
    if rel.description.strip():
        parts.append(f"<i>{_small(rel.description)}</i>")
    return "<br/>".join(parts)


# ---------------------------------------------------------------------------
# Shapes and classes
# ---------------------------------------------------------------------------

#: ``UpdateElementStyle`` shape names (C4-PlantUML spelling) -> flowchart shape.
_STYLE_SHAPES = {"roundedboxshape": "rounded", "eightsidedshape": "hex"}


def _node_statement(node_id: str, label: str, shape: str) -> str:
    """``id["label"]`` in the syntax of one shape ("rect", "rounded", "cyl", "h-cyl", "hex")."""
    if shape == "rect":
        return f'{node_id}["{label}"]'
    if shape == "rounded":
        return f'{node_id}("{label}")'
    if shape == "cyl":
        return f'{node_id}[("{label}")]'
    return f'{node_id}@{{ shape: {shape}, label: "{label}" }}'


def _element_shape(element: Element, override: str = "") -> str:
    if element.shape is Shape.DB:
        return "cyl"
    if element.shape is Shape.QUEUE:
        return "h-cyl"
    if override:
        return override
    return "rounded" if element.kind is ElementKind.PERSON else "rect"


def _class_name(kind: ElementKind, external: bool) -> str:
    return f"c4{kind.value}{'Ext' if external else ''}"


def _class_def(name: str, swatch: palette.Swatch, extra: str = "") -> str:
    return f"classDef {name} fill:{swatch.fill},stroke:{swatch.stroke},color:{swatch.text}{extra}"


_CLASS_DEFS = {
    _class_name(kind, external): _class_def(_class_name(kind, external), swatch, ",stroke-width:1.5px")
    for (kind, external), swatch in palette.ELEMENT_SWATCHES.items()
}
_CLASS_DEFS[_INFRASTRUCTURE_CLASS] = _class_def(_INFRASTRUCTURE_CLASS, palette.INFRASTRUCTURE, ",stroke-width:1.5px")
_CLASS_DEFS[_BOUNDARY_CLASS] = (
    f"classDef {_BOUNDARY_CLASS} fill:none,stroke:{palette.BOUNDARY_STROKE},stroke-width:1.5px,"
    "stroke-dasharray:8 4"
)
_CLASS_DEFS[_DEPLOYMENT_CLASS] = (
    f"classDef {_DEPLOYMENT_CLASS} fill:none,stroke:{palette.DEPLOYMENT_STROKE},stroke-width:1.5px"
)
_CLASS_DEFS[_NEUTRAL_CLASS] = _class_def(_NEUTRAL_CLASS, palette.NEUTRAL, ",stroke-width:1.5px")
_CLASS_DEFS[_LEGEND_TEXT_CLASS] = f"classDef {_LEGEND_TEXT_CLASS} fill:none,stroke:none"
_CLASS_DEFS[_LEGEND_CLASS] = f"classDef {_LEGEND_CLASS} fill:none,stroke:{palette.LEGEND_STROKE},stroke-width:1px"


# ---------------------------------------------------------------------------
# Styles from the diagram (UpdateElementStyle / UpdateRelStyle)
# ---------------------------------------------------------------------------

_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_NAMED_COLOUR = re.compile(r"[A-Za-z]+")
_RGB_COLOUR = re.compile(r"rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*[\d.]+%?\s*)?\)", re.I)


def _css_colour(value: str, where: str) -> str:
    """A colour as a flowchart style accepts it (no commas, no semicolons), or a clear error."""
    text = value.strip()
    if _HEX_COLOUR.fullmatch(text) or _NAMED_COLOUR.fullmatch(text):
        return text
    match = _RGB_COLOUR.fullmatch(text)
    if match:
        return palette.rgb_to_hex(tuple(int(g) for g in match.groups()))  # type: ignore[arg-type]
    raise C4EmitError(
        f"{where}: {value!r} is not a colour the flowchart can use",
        hint="write a hex colour such as '#DE8F05', a CSS colour name such as 'orange', or rgb(222, 143, 5)",
    )


def _element_style_css(style: ElementStyle) -> str:
    where = f"the style of {style.alias!r}"
    props: list[str] = []
    fill = _css_colour(style.bg_color, where) if style.bg_color.strip() else ""
    if fill:
        props.append(f"fill:{fill}")
    if style.border_color.strip():
        props.append(f"stroke:{_css_colour(style.border_color, where)}")
    if style.font_color.strip():
        props.append(f"color:{_css_colour(style.font_color, where)}")
    elif fill and re.fullmatch(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}", fill):
        # A new fill under the kind's text colour could become unreadable: pick the contrasting one.
        props.append(f"color:{palette.readable_text_on(fill)}")
    return ",".join(props)


_LINK_SCHEMES = ("http", "https", "mailto")


def _link_target(link: str) -> str:
    """A ``$link`` made safe for ``click id href "..."``, or "" when it is not a web or mail link.

    Characters that could end the string or trip Mermaid's entity pre-pass are percent-encoded;
    other schemes (``javascript:`` ...) are left out, as Mermaid's sanitiser would drop them anyway.
    """
    url = link.strip()
    if not url:
        return ""
    scheme = urlsplit(url).scheme.lower()
    if scheme and scheme not in _LINK_SCHEMES:
        return ""
    url = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", url)  # a lone % (and so "%%") is encoded too
    return quote(url, safe=":/?#[]@!$&'()*+,=%~-._")


def _unknown_alias(what: str, alias: str, diagram: Diagram) -> C4EmitError:
    known = ", ".join(sorted(diagram.aliases())) or "none"
    return C4EmitError(
        f"{what} refers to {alias!r}, but nothing in this diagram has that alias",
        hint=f"check the spelling (known aliases: {known}) or add the element first",
    )


# ---------------------------------------------------------------------------
# Legend
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _LegendEntry:
    key: str
    text: str
    shape: str
    css_class: str = ""
    style: str = ""


def _legend_entries(diagram: Diagram, styles: list[tuple[ElementStyle, str]]) -> list[_LegendEntry]:
    """Only what the diagram draws, in a fixed order: kinds, shapes, frames, custom styles."""
    elements = diagram.elements()
    used = {(e.kind, e.external) for e in elements if not e.is_infrastructure}
    entries: list[_LegendEntry] = []
    for kind in ElementKind:
        for external in (False, True):
            if (kind, external) in used:
                noun = (_EXTERNAL_NOUN if external else _KIND_NOUN)[kind]
                entries.append(_LegendEntry(kind.value + ("Ext" if external else ""), noun,
                                            "rounded" if kind is ElementKind.PERSON else "rect",
                                            _class_name(kind, external)))
    if any(e.is_infrastructure for e in elements):
        entries.append(_LegendEntry("infrastructure", _INFRASTRUCTURE_NOUN, "rect", _INFRASTRUCTURE_CLASS))
    shapes = {e.shape for e in elements}
    if Shape.DB in shapes:
        entries.append(_LegendEntry("db", "Database", "cyl", _NEUTRAL_CLASS))
    if Shape.QUEUE in shapes:
        entries.append(_LegendEntry("queue", "Queue", "h-cyl", _NEUTRAL_CLASS))
    if diagram.boundaries():
        entries.append(_LegendEntry("boundary", "Boundary", "rect", _BOUNDARY_CLASS))
    if diagram.deployment_nodes():
        entries.append(_LegendEntry("deployment", "Deployment Node", "rect", _DEPLOYMENT_CLASS))
    if any(rel.is_async for rel in diagram.relationships):
        entries.append(_LegendEntry("async", "Dashed arrow: asynchronous call", "rect",
                                    _LEGEND_TEXT_CLASS))
    seen: set[str] = set()
    for style, css in styles:
        text = style.legend_text.strip()
        if text and css and text not in seen:
            seen.add(text)
            entries.append(_LegendEntry(f"style{len(seen)}", text, "rect", style=css))
    return entries


# ---------------------------------------------------------------------------
# The emitter
# ---------------------------------------------------------------------------

class _Emitter:
    def __init__(self, diagram: Diagram, direction: str, legend: bool) -> None:
        self.diagram = diagram
        self.direction = direction
        self.legend = legend
        self.ids = node_ids(diagram)
        self.by_alias: dict[str, str] = {}
        for node, _ in diagram.walk():
            self.by_alias.setdefault(node.alias, self.ids[id(node)])
        self.shape_override: dict[str, str] = {}
        self.element_styles = self._element_styles()
        self.lines: list[str] = []

    # ------------------------------------------------------------- styles
    def _element_styles(self) -> list[tuple[ElementStyle, str]]:
        out: list[tuple[ElementStyle, str]] = []
        for style in self.diagram.element_styles:
            if style.alias not in self.by_alias:
                raise _unknown_alias("UpdateElementStyle", style.alias, self.diagram)
            shape = _STYLE_SHAPES.get(re.sub(r"[\s()]", "", style.shape).lower(), "")
            if shape:
                self.shape_override[style.alias] = shape
            out.append((style, _element_style_css(style)))
        return out

    def _rel_style_lines(self) -> list[str]:
        lines: list[str] = []
        for style in self.diagram.rel_styles:
            for alias in (style.source, style.target):
                if alias not in self.by_alias:
                    raise _unknown_alias("UpdateRelStyle", alias, self.diagram)
            indices = [i for i, rel in enumerate(self.diagram.relationships)
                       if rel.source == style.source and rel.target == style.target]
            if not indices:
                raise C4EmitError(
                    f"UpdateRelStyle({style.source}, {style.target}) matches no relationship",
                    hint=f"style an arrow that exists: add Rel({style.source}, {style.target}, ...) first, "
                         "or swap the two aliases if the arrow goes the other way",
                )
            where = f"the style of the arrow {style.source} -> {style.target}"
            props = []
            if style.line_color.strip():
                props.append(f"stroke:{_css_colour(style.line_color, where)}")
            if style.text_color.strip():
                props.append(f"color:{_css_colour(style.text_color, where)}")
            if props:
                lines.append(f"linkStyle {','.join(map(str, indices))} {','.join(props)}")
        return lines

    # -------------------------------------------------------------- nodes
    def _nodes(self, nodes: Iterable[Node], depth: int) -> None:
        pad = "    " * depth
        for node in nodes:
            node_id = self.ids[id(node)]
            if isinstance(node, Element):
                shape = _element_shape(node, self.shape_override.get(node.alias, ""))
                self.lines.append(pad + _node_statement(node_id, _element_label(node), shape))
            else:
                self.lines.append(f'{pad}subgraph {node_id} ["{_container_label(node)}"]')
                if not self._crossed(node):
                    # Mermaid lays out a frame that no arrow crosses as a separate graph and turns
                    # its direction by 90 degrees unless told.  (A crossed frame ignores the
                    # statement, and writing it there makes arrows stop at the frame's edge.)
                    self.lines.append(f"{pad}    direction {self.direction}")
                self._nodes(node.children, depth + 1)
                self.lines.append(pad + "end")

    def _crossed(self, frame: Boundary | DeploymentNode) -> bool:
        """Whether some relationship has exactly one end inside ``frame`` (the frame itself counts)."""
        inside = {frame.alias}
        stack: list[Node] = list(frame.children)
        while stack:
            node = stack.pop()
            inside.add(node.alias)
            if isinstance(node, (Boundary, DeploymentNode)):
                stack.extend(node.children)
        return any((rel.source in inside) != (rel.target in inside) for rel in self.diagram.relationships)

    def _edges(self) -> None:
        dynamic = self.diagram.kind is DiagramKind.DYNAMIC
        for number, rel in enumerate(self.diagram.relationships, start=1):
            for alias in (rel.source, rel.target):
                if alias not in self.by_alias:
                    raise _unknown_alias(f"the relationship {rel.source} -> {rel.target} ({rel.label!r})",
                                         alias, self.diagram)
            source, target = self.by_alias[rel.source], self.by_alias[rel.target]
            if rel.kind is RelKind.REL_BACK:
                source, target = target, source
            step = number if dynamic else rel.index
            if step is not None and _NUMBERED.match(rel.label):
                step = None  # the author numbered the step already: "2. Charges the card"
            label = _edge_label(rel, step)
            both = rel.kind is RelKind.BIREL
            if rel.is_async:  # dashed, as C4 draws a call that does not wait for its answer
                arrow = (f'{"<-." if both else "-."} "{label}" .->' if label else ("<-.->" if both else "-.->"))
            elif label:
                arrow = f'{"<--" if both else "--"} "{label}" -->'
            else:
                arrow = "<-->" if both else "-->"
            self.lines.append(f"    {source} {arrow} {target}")

    def _legend(self) -> list[tuple[str, str]]:
        entries = _legend_entries(self.diagram, self.element_styles)
        if not entries:
            return []
        self.lines.append(f'    subgraph {_LEGEND_ID} ["<b>Legend</b>"]')
        self.lines.append(f"        direction {self.direction}")
        assigned: list[tuple[str, str]] = []
        for entry in entries:
            node_id = f"{_LEGEND_ID}_{entry.key}"
            label = _small(entry.text)
            self.lines.append("        " + _node_statement(node_id, label, entry.shape))
            if entry.css_class:
                assigned.append((entry.css_class, node_id))
            else:
                self.lines.append(f"        style {node_id} {entry.style}")
        if self.direction in ("TB", "BT") and len(entries) > 3:
            # A key laid out as one row can be as wide as the diagram and shrinks it;
            # a single column makes it as tall.  Two rows halve the width for one
            # extra rank: invisible links hang the second half under the first.
            # (They come after every real edge, so linkStyle numbers stay right.)
            half = (len(entries) + 1) // 2
            for upper, lower in zip(entries[:half], entries[half:]):
                self.lines.append(f"        {_LEGEND_ID}_{upper.key} ~~~ {_LEGEND_ID}_{lower.key}")
        self.lines.append("    end")
        assigned.append((_LEGEND_CLASS, _LEGEND_ID))
        return assigned

    # --------------------------------------------------------------- main
    def emit(self) -> str:
        diagram = self.diagram
        self.lines += ["---"]
        if diagram.title.strip():
            self.lines.append(f"title: {_yaml_title(diagram.title)}")
        self.lines += [
            "config:",
            "  htmlLabels: true",
            "  flowchart:",
            "    htmlLabels: true",
            f"    wrappingWidth: {WRAPPING_WIDTH}",
            "    curve: linear",  # see the module docstring: fewer overlapping arrow labels
            "---",
            f"flowchart {self.direction}",
        ]
        if diagram.title.strip():
            self.lines.append(f"    accTitle: {escape_label(_one_line(diagram.title))}")
        self.lines.append(f"    accDescr: {escape_label(_summary(diagram))}")
        self._nodes(diagram.nodes, 1)
        self._edges()
        assigned = self._legend() if self.legend else []

        for node, _ in diagram.walk():
            node_id = self.ids[id(node)]
            if isinstance(node, Element):
                assigned.append((_INFRASTRUCTURE_CLASS if node.is_infrastructure
                                 else _class_name(node.kind, node.external), node_id))
            elif isinstance(node, Boundary):
                assigned.append((_BOUNDARY_CLASS, node_id))
            else:
                assigned.append((_DEPLOYMENT_CLASS, node_id))
        used_classes = [name for name in _CLASS_DEFS if any(c == name for c, _ in assigned)]
        self.lines += [f"    {_CLASS_DEFS[name]}" for name in used_classes]
        for name in used_classes:
            members = [node_id for c, node_id in assigned if c == name]
            self.lines.append(f"    class {','.join(members)} {name}")
        for style, css in self.element_styles:
            if css:
                self.lines.append(f"    style {self.by_alias[style.alias]} {css}")
        for element in diagram.elements():
            target = _link_target(element.link)
            if target:
                self.lines.append(f'    click {self.ids[id(element)]} href "{target}" _blank')
        self.lines += [f"    {line}" for line in self._rel_style_lines()]
        return "\n".join(self.lines) + "\n"


def _summary(diagram: Diagram) -> str:
    """One sentence for screen readers: what kind of view, how many boxes and arrows."""
    elements, rels = len(diagram.elements()), len(diagram.relationships)
    name = diagram.kind.level_name
    return (f"C4 {name} drawn as a flowchart: {elements} element{'s' * (elements != 1)}, "
            f"{rels} relationship{'s' * (rels != 1)}")


def emit_flowchart(diagram: Diagram, *, direction: str = "TB", legend: bool = True) -> str:
    """Mermaid flowchart text that draws ``diagram`` in C4 style.

    ``direction`` is the flowchart's main direction (``"TB"``, ``"LR"`` ...);
    ``legend`` adds a key naming every kind of box the diagram uses.  The
    output is deterministic: the same diagram always gives the same text.
    Raises :class:`~c4kit.errors.C4EmitError` when a relationship or a style
    names an alias the diagram does not have, or a style colour is unusable.
    """
    if not isinstance(diagram, Diagram):
        to_diagram = getattr(diagram, "to_diagram", None)
        if to_diagram is None:
            raise C4EmitError(f"emit_flowchart() needs a Diagram or a view, got {type(diagram).__name__}",
                              hint="pass ws.container_view(system) or c4kit.parse(text)")
        diagram = to_diagram()
    normalized = direction.strip().upper() if isinstance(direction, str) else ""
    if normalized not in DIRECTIONS:
        raise C4EmitError(f"unknown flowchart direction {direction!r}",
                          hint=f"use one of {', '.join(DIRECTIONS)} (top-bottom, bottom-top, left-right, right-left)")
    return _Emitter(diagram, "TB" if normalized == "TD" else normalized, legend).emit()
