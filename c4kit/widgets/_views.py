"""Small helpers the widgets share for views: diagrams, aliases, names, and text out.

They keep each widget module about its own controls.  Nothing here simulates.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from c4kit.errors import C4Error
from c4kit.model.diagram import (
    Boundary,
    BoundaryKind,
    DeploymentNode,
    Diagram,
    DiagramKind,
    Element,
    LayoutConfig,
    Node,
)
from c4kit.sim._common import alias_of
from c4kit.widgets.base import WidgetError


def as_diagram(view: Any, *, param: str = "view") -> Diagram:
    """The :class:`Diagram` of a view, a diagram, or anything with ``to_diagram()``."""
    if isinstance(view, Diagram):
        return view
    to_diagram = getattr(view, "to_diagram", None)
    if to_diagram is None:
        raise WidgetError(f"{param} must be a C4 view or diagram, got {type(view).__name__}",
                          hint=f"pass e.g. {param}=ws.container_view(system), or c4kit.parse(mermaid_text)")
    return to_diagram()


def text_of(diagram: Diagram, *, flowchart: bool | str = False) -> str:
    """The Mermaid a frame carries: C4 text, or the C4-styled flowchart when Mermaid's C4 layout is poor.

    ``flowchart`` is ``True`` (top to bottom) or a direction such as ``"LR"``,
    which keeps wide views narrower on the page.
    """
    if not flowchart:
        return diagram.to_mermaid()
    return diagram.to_flowchart(direction=flowchart if isinstance(flowchart, str) else "TB")


def labels(diagram: Diagram) -> dict[str, str]:
    """Alias -> label of every box, boundary and deployment node (first one wins, as in ``aliases``)."""
    out: dict[str, str] = {}
    for node, _ in diagram.walk():
        out.setdefault(node.alias, node.label)
    return out


def alias_in(diagram: Diagram, ref: Any, *, param: str) -> str:
    """The alias of ``ref`` (element or alias), which must be drawn in ``diagram``."""
    try:
        alias = alias_of(ref)
    except C4Error as err:
        raise WidgetError(f"{param}: {err.message}", hint=err.hint) from None
    known = labels(diagram)
    if alias not in known:
        shown = ", ".join(sorted(known)[:20]) + (" ..." if len(known) > 20 else "")
        raise WidgetError(f"{param} names {alias!r}, which is not drawn in '{diagram.title}'",
                          hint=f"use an element of the view (aliases: {shown})")
    return alias


def arrow_between(diagram: Diagram, a: str, b: str, *, param: str, advice: str) -> tuple[str, str]:
    """The ``(source, target)`` of the arrow between two aliases (either direction), or a clear error."""
    for rel in diagram.relationships:
        if (rel.source, rel.target) in ((a, b), (b, a)):
            return rel.source, rel.target
    raise WidgetError(f"{param}: '{diagram.title}' draws no arrow between {a!r} and {b!r}", hint=advice)


def arrow_labels(diagram: Diagram) -> dict[tuple[str, str], str]:
    """``(source, target) -> label`` of every arrow."""
    return {(r.source, r.target): r.label for r in diagram.relationships}


def relabel(diagram: Diagram, alias: str, label: str) -> Diagram:
    """A copy of ``diagram`` whose node ``alias`` reads ``label`` (overlays only ever append to labels)."""
    out = copy.deepcopy(diagram)
    for node, _ in out.walk():
        if node.alias == alias:
            node.label = label
    return out


def side_by_side(parts: Sequence[tuple[str, Diagram]], title: str) -> Diagram:
    """One diagram holding several, each in its own boundary: Mermaid C4 lays boundaries out in a row.

    Aliases are prefixed (``p1_``, ``p2_`` ...) so the copies never collide;
    styles follow their elements.  This is how a saga's two styles are shown
    next to each other in *one* frame, which the static player needs.
    """
    nodes: list[Node] = []
    rels, element_styles, rel_styles = [], [], []
    for number, (label, diagram) in enumerate(parts, start=1):
        prefix = f"p{number}_"
        part = copy.deepcopy(diagram)
        for node, _ in part.walk():
            node.alias = prefix + node.alias
        for rel in part.relationships:
            rel.source, rel.target = prefix + rel.source, prefix + rel.target
        for style in part.element_styles:
            style.alias = prefix + style.alias
        for rel_style in part.rel_styles:
            rel_style.source, rel_style.target = prefix + rel_style.source, prefix + rel_style.target
        nodes.append(Boundary(f"p{number}", label, BoundaryKind.GENERIC, type="view", children=list(part.nodes)))
        rels += part.relationships
        element_styles += part.element_styles
        rel_styles += part.rel_styles
    kinds = {d.kind for _, d in parts}
    kind = kinds.pop() if len(kinds) == 1 else DiagramKind.CONTAINER
    return Diagram(kind, title, nodes, rels, element_styles, rel_styles,
                   LayoutConfig(boundaries_in_row=len(parts)))


def boxes(diagram: Diagram) -> list[Element | DeploymentNode]:
    """The elements and deployment nodes of a diagram, in drawing order."""
    return [n for n, _ in diagram.walk() if isinstance(n, (Element, DeploymentNode))]
