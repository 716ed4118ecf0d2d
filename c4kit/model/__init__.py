"""The C4 model: a workspace of elements and relationships, and the diagrams (views) derived from it."""

from c4kit.model.deployment import DeploymentEnvironment
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
from c4kit.model.workspace import Component, Container, Person, SoftwareSystem, Workspace

__all__ = [
    "Boundary",
    "BoundaryKind",
    "Component",
    "Container",
    "DeploymentEnvironment",
    "DeploymentNode",
    "Diagram",
    "DiagramKind",
    "Element",
    "ElementKind",
    "ElementStyle",
    "LayoutConfig",
    "NodeVariant",
    "Person",
    "RelKind",
    "RelStyle",
    "Relationship",
    "Shape",
    "SoftwareSystem",
    "Workspace",
]
