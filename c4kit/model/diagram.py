"""The diagram: one C4 view as Mermaid understands it.

A :class:`Diagram` is the exchange format of the whole kit.  Views derived
from a :class:`~c4kit.model.workspace.Workspace` produce one, the Mermaid
parser produces one, and the emitters, the linter, the renderer and the
notebook display all consume one.  It mirrors the Mermaid C4 statements one
to one (so ``emit(parse(text))`` can be a fixed point) but stores *meaning*,
not syntax: labels are plain Python strings, never escaped text.

Why a separate layer from the workspace?  Mermaid text written by hand has no
workspace behind it, and a learner fixing a broken diagram works on exactly
what the text says.  Keeping the view explicit also lets one model produce
many views without the views sharing mutable state.
"""

from __future__ import annotations

import copy as _copy
import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeAlias

from c4kit.model.viewable import Viewable


class DiagramKind(str, enum.Enum):
    """The five C4 diagram types Mermaid knows, named by their keyword."""

    CONTEXT = "C4Context"
    CONTAINER = "C4Container"
    COMPONENT = "C4Component"
    DYNAMIC = "C4Dynamic"
    DEPLOYMENT = "C4Deployment"

    @property
    def level_name(self) -> str:
        """A human name for messages ("container diagram")."""
        return {
            DiagramKind.CONTEXT: "system context diagram",
            DiagramKind.CONTAINER: "container diagram",
            DiagramKind.COMPONENT: "component diagram",
            DiagramKind.DYNAMIC: "dynamic diagram",
            DiagramKind.DEPLOYMENT: "deployment diagram",
        }[self]


class ElementKind(str, enum.Enum):
    """What a box stands for in C4."""

    PERSON = "person"
    SYSTEM = "system"
    CONTAINER = "container"
    COMPONENT = "component"


#: The tag that marks a box as an infrastructure node (load balancer, DNS, firewall): something that
#: exists only in deployment.  Mermaid's C4 syntax has no statement for one, so it travels as a
#: container tagged ``$tags="infrastructure"``; the flowchart, the legend and the text alternative
#: then name it for what it is instead of calling it a container.
INFRASTRUCTURE_TAG = "infrastructure"
_TAG_SEPARATORS = re.compile(r"[+,;\s]+")
#: The tag that marks a relationship as asynchronous (the caller does not wait for an answer).  Views
#: add it for ``a.uses(b, ..., sync=False)``; the flowchart draws such arrows dashed, as C4 does, and
#: the failure simulation of a parsed diagram reads it back.
ASYNC_TAG = "async"
_ASYNC_WORD = re.compile(r"\basync", re.IGNORECASE)


def has_tag(tags: str, tag: str) -> bool:
    """Whether ``tags`` (``$tags`` text, ``+`` or ``,`` separated) holds ``tag`` as a whole word."""
    return tag in (t.strip().lower() for t in _TAG_SEPARATORS.split(tags))


class Shape(str, enum.Enum):
    """How a box is drawn: plain, as a database cylinder or as a queue."""

    PLAIN = "plain"
    DB = "db"
    QUEUE = "queue"


class BoundaryKind(str, enum.Enum):
    """The boundary statements of Mermaid C4."""

    GENERIC = "Boundary"
    ENTERPRISE = "Enterprise_Boundary"
    SYSTEM = "System_Boundary"
    CONTAINER = "Container_Boundary"


class NodeVariant(str, enum.Enum):
    """The spellings of a deployment node; they differ only in layout hints."""

    DEPLOYMENT_NODE = "Deployment_Node"
    NODE = "Node"
    NODE_L = "Node_L"
    NODE_R = "Node_R"


class RelKind(str, enum.Enum):
    """Relationship statements.  Direction variants are layout hints only."""

    REL = "Rel"
    BIREL = "BiRel"
    REL_BACK = "Rel_Back"
    REL_U = "Rel_U"
    REL_D = "Rel_D"
    REL_L = "Rel_L"
    REL_R = "Rel_R"

    @property
    def direction(self) -> str | None:
        """``"up"``, ``"down"``, ``"left"``, ``"right"`` or ``None``."""
        return {
            RelKind.REL_U: "up",
            RelKind.REL_D: "down",
            RelKind.REL_L: "left",
            RelKind.REL_R: "right",
        }.get(self)


@dataclass
class Element:
    """A box: a person, software system, container or component.

    ``technology`` only exists for containers and components in Mermaid's
    syntax; for people and systems it is kept empty (the linter explains why
    technology does not belong at context level).
    """

    alias: str
    label: str
    kind: ElementKind
    description: str = ""
    technology: str = ""
    shape: Shape = Shape.PLAIN
    external: bool = False
    sprite: str = ""
    tags: str = ""
    link: str = ""
    #: 1-based source line when the element came from parsed text.
    line: int | None = field(default=None, compare=False, repr=False)

    @property
    def is_infrastructure(self) -> bool:
        """True for a deployment-only infrastructure node (see :data:`INFRASTRUCTURE_TAG`)."""
        return has_tag(self.tags, INFRASTRUCTURE_TAG)

    @property
    def statement(self) -> str:
        """The Mermaid macro that draws this element, e.g. ``ContainerDb_Ext``."""
        if self.kind is ElementKind.PERSON:
            return "Person_Ext" if self.external else "Person"
        base = {
            ElementKind.SYSTEM: "System",
            ElementKind.CONTAINER: "Container",
            ElementKind.COMPONENT: "Component",
        }[self.kind]
        suffix = {Shape.PLAIN: "", Shape.DB: "Db", Shape.QUEUE: "Queue"}[self.shape]
        return base + suffix + ("_Ext" if self.external else "")


@dataclass
class Boundary:
    """A dashed box that groups elements: enterprise, system, container or typed."""

    alias: str
    label: str
    kind: BoundaryKind = BoundaryKind.GENERIC
    #: Free text type for the generic ``Boundary`` (shown as ``[type]``).
    type: str = ""
    tags: str = ""
    link: str = ""
    children: list[Node] = field(default_factory=list)
    line: int | None = field(default=None, compare=False, repr=False)


@dataclass
class DeploymentNode:
    """Infrastructure that hosts containers: a server, a cluster, a region.

    Nodes nest to any depth (region > cluster > pod).
    """

    alias: str
    label: str
    type: str = ""
    description: str = ""
    variant: NodeVariant = NodeVariant.DEPLOYMENT_NODE
    sprite: str = ""
    tags: str = ""
    link: str = ""
    children: list[Node] = field(default_factory=list)
    line: int | None = field(default=None, compare=False, repr=False)


Node: TypeAlias = Element | Boundary | DeploymentNode


@dataclass
class Relationship:
    """An arrow.  ``index`` is set for the numbered steps of a dynamic view."""

    source: str
    target: str
    label: str
    technology: str = ""
    description: str = ""
    kind: RelKind = RelKind.REL
    index: int | None = None
    sprite: str = ""
    tags: str = ""
    link: str = ""
    line: int | None = field(default=None, compare=False, repr=False)

    @property
    def is_async(self) -> bool:
        """Tagged ``async``, or its technology says so ("Kafka, async"): drawn as a dashed arrow."""
        return (has_tag(self.tags, ASYNC_TAG) or has_tag(self.tags, "asynchronous")
                or bool(_ASYNC_WORD.search(self.technology)))


@dataclass
class ElementStyle:
    """``UpdateElementStyle``: colours and legend text for one element."""

    alias: str
    bg_color: str = ""
    font_color: str = ""
    border_color: str = ""
    shadowing: str = ""
    shape: str = ""
    sprite: str = ""
    techn: str = ""
    legend_text: str = ""
    legend_sprite: str = ""
    line: int | None = field(default=None, compare=False, repr=False)


@dataclass
class RelStyle:
    """``UpdateRelStyle``: colours and label offset for one arrow."""

    source: str
    target: str
    text_color: str = ""
    line_color: str = ""
    offset_x: int | None = None
    offset_y: int | None = None
    line: int | None = field(default=None, compare=False, repr=False)


@dataclass
class LayoutConfig:
    """``UpdateLayoutConfig``: how many shapes and boundaries share a row."""

    shapes_in_row: int | None = None
    boundaries_in_row: int | None = None
    line: int | None = field(default=None, compare=False, repr=False)


@dataclass(eq=True)
class Diagram(Viewable):
    """One C4 view: what the picture shows, in the order Mermaid draws it.

    Build one by hand, derive one from a workspace (``ws.container_view()``),
    or parse one from Mermaid text (``c4kit.parse``).  In a notebook it renders
    itself; ``str(diagram)`` is its Mermaid C4 source.
    """

    kind: DiagramKind
    title: str = ""
    nodes: list[Node] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    element_styles: list[ElementStyle] = field(default_factory=list)
    rel_styles: list[RelStyle] = field(default_factory=list)
    layout: LayoutConfig | None = None

    # ----------------------------------------------------------------- queries
    def walk(self) -> Iterator[tuple[Node, tuple[Boundary | DeploymentNode, ...]]]:
        """Every node, depth first in drawing order, with its enclosing nodes."""

        def visit(nodes: list[Node], parents: tuple) -> Iterator:
            for node in nodes:
                yield node, parents
                if isinstance(node, (Boundary, DeploymentNode)):
                    yield from visit(node.children, (*parents, node))

        yield from visit(self.nodes, ())

    def elements(self) -> list[Element]:
        """All boxes (people, systems, containers, components), in order."""
        return [n for n, _ in self.walk() if isinstance(n, Element)]

    def boundaries(self) -> list[Boundary]:
        """All boundaries, outermost first."""
        return [n for n, _ in self.walk() if isinstance(n, Boundary)]

    def deployment_nodes(self) -> list[DeploymentNode]:
        """All deployment nodes, outermost first."""
        return [n for n, _ in self.walk() if isinstance(n, DeploymentNode)]

    def aliases(self) -> dict[str, Node]:
        """Alias -> node for every element, boundary and deployment node.

        When an alias is used twice the first node is returned here; Mermaid
        draws a single box with the *later* statement's details.  Either way
        the picture loses a box, which the linter reports as an error.
        """
        found: dict[str, Node] = {}
        for node, _ in self.walk():
            found.setdefault(node.alias, node)
        return found

    def find(self, alias: str) -> Node:
        """The node with this alias, or a ``KeyError`` naming the known ones."""
        try:
            return self.aliases()[alias]
        except KeyError:
            known = ", ".join(sorted(self.aliases())) or "none"
            raise KeyError(f"no element with alias {alias!r} in this diagram (known: {known})") from None

    def to_diagram(self) -> Diagram:
        """A diagram is its own view (views derived from a workspace build one)."""
        return self

    def copy(self) -> Diagram:
        """An independent copy, to change without touching this one.

        Several times faster than ``copy.deepcopy``: a diagram holds only
        strings, numbers and nested nodes, so one shallow copy per object is a
        deep copy.  Simulation overlays copy a diagram on every frame.
        """

        def clone(node: Node) -> Node:
            twin = _copy.copy(node)
            if not isinstance(twin, Element):
                twin.children = [clone(child) for child in node.children]  # type: ignore[union-attr]
            return twin

        return Diagram(
            self.kind,
            self.title,
            [clone(n) for n in self.nodes],
            [_copy.copy(r) for r in self.relationships],
            [_copy.copy(s) for s in self.element_styles],
            [_copy.copy(s) for s in self.rel_styles],
            _copy.copy(self.layout) if self.layout else None,
        )
