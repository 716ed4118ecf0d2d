"""Diagrams as plain data: JSON for tools, and back again.

``diagram_to_dict`` keeps every field the Mermaid text can carry, with enum
values spelled as Mermaid spells them, so the JSON is readable next to the
Mermaid source.  ``diagram_from_dict`` is its inverse (used by tests and by
anyone who stores diagrams as JSON).
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

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

_SKIP = {"line"}


def _plain(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(obj):
        if f.name in _SKIP:
            continue
        value = getattr(obj, f.name)
        if f.name == "children":
            value = [_node_to_dict(child) for child in value]
        elif hasattr(value, "value"):
            value = value.value
        out[f.name] = value
    return out


def _node_to_dict(node: Node) -> dict[str, Any]:
    kind = {Element: "element", Boundary: "boundary", DeploymentNode: "deployment_node"}[type(node)]
    return {"node": kind, **_plain(node)}


def diagram_to_dict(diagram: Diagram) -> dict[str, Any]:
    """Everything the diagram says, as JSON-ready data (no source line numbers)."""
    return {
        "kind": diagram.kind.value,
        "title": diagram.title,
        "nodes": [_node_to_dict(n) for n in diagram.nodes],
        "relationships": [_plain(r) for r in diagram.relationships],
        "element_styles": [_plain(s) for s in diagram.element_styles],
        "rel_styles": [_plain(s) for s in diagram.rel_styles],
        "layout": _plain(diagram.layout) if diagram.layout else None,
    }


def _node_from_dict(data: dict[str, Any]) -> Node:
    data = dict(data)
    kind = data.pop("node")
    if kind == "element":
        data["kind"] = ElementKind(data["kind"])
        data["shape"] = Shape(data["shape"])
        return Element(**data)
    data["children"] = [_node_from_dict(c) for c in data.get("children", [])]
    if kind == "boundary":
        data["kind"] = BoundaryKind(data["kind"])
        return Boundary(**data)
    data["variant"] = NodeVariant(data["variant"])
    return DeploymentNode(**data)


def diagram_from_dict(data: dict[str, Any]) -> Diagram:
    """Rebuild a diagram from :func:`diagram_to_dict` output."""
    rels = []
    for r in data.get("relationships", []):
        r = dict(r)
        r["kind"] = RelKind(r["kind"])
        rels.append(Relationship(**r))
    layout = data.get("layout")
    return Diagram(
        kind=DiagramKind(data["kind"]),
        title=data.get("title", ""),
        nodes=[_node_from_dict(n) for n in data.get("nodes", [])],
        relationships=rels,
        element_styles=[ElementStyle(**s) for s in data.get("element_styles", [])],
        rel_styles=[RelStyle(**s) for s in data.get("rel_styles", [])],
        layout=LayoutConfig(**layout) if layout else None,
    )
