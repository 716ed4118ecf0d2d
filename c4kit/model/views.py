"""Views: the diagrams a workspace can produce.

Each view decides *which* model elements are drawn as boxes; everything else
follows from the model by two rules:

* **Placement.**  A box is drawn inside the boundaries of its ancestors and of
  its groups.  A container sits inside its system's boundary; a component
  inside its container's boundary, inside its system's.
* **Implied relationships.**  A relationship between two elements is drawn
  between the nearest *visible* ancestors of its ends.  If the checkout
  component calls the payment provider, the container view shows the web
  application calling it, and the context view shows the whole system
  calling it.  An explicit relationship at the right level wins over an
  implied one; an arrow whose ends collapse into the same box disappears.

Views are lazy: they derive their :class:`~c4kit.model.diagram.Diagram` each
time they are shown, so a view created early reflects elements added later.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from c4kit.errors import C4ModelError
from c4kit.model.diagram import (
    ASYNC_TAG,
    INFRASTRUCTURE_TAG,
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
    Relationship,
    RelKind,
    RelStyle,
    has_tag,
)
from c4kit.model.viewable import Viewable
from c4kit.model.workspace import (
    Container,
    Group,
    ModelElement,
    Person,
    SoftwareSystem,
)
from c4kit.model.workspace import Relationship as ModelRelationship

if TYPE_CHECKING:
    from c4kit.model.deployment import DeploymentEnvironment, DeploymentNodeModel, _Deployed
    from c4kit.model.workspace import Direction, Workspace

_DIRECTION_KIND = {"up": RelKind.REL_U, "down": RelKind.REL_D, "left": RelKind.REL_L, "right": RelKind.REL_R}


def _alias_of(item: ModelElement | str) -> str:
    return item if isinstance(item, str) else item.alias


class View(Viewable):
    """Common behaviour of every derived view: title, styles, layout hints."""

    kind: DiagramKind

    def __init__(self, workspace: Workspace, title: str | None) -> None:
        self.workspace = workspace
        self._title = title
        self._element_styles: list[ElementStyle] = []
        self._rel_styles: list[RelStyle] = []
        self._layout: LayoutConfig | None = None

    # ------------------------------------------------------------ decoration
    @property
    def title(self) -> str:
        return self._title if self._title is not None else self.default_title()

    def default_title(self) -> str:
        return self.workspace.name

    def style(self, element: ModelElement | str, *, bg_color: str = "", font_color: str = "",
              border_color: str = "", shape: str = "", legend_text: str = "", **more: str) -> View:
        """Restyle one box (``UpdateElementStyle``); returns the view for chaining."""
        self._element_styles.append(ElementStyle(_alias_of(element), bg_color=bg_color, font_color=font_color,
                                                 border_color=border_color, shape=shape,
                                                 legend_text=legend_text, **more))
        return self

    def style_rel(self, source: ModelElement | str, target: ModelElement | str, *, text_color: str = "",
                  line_color: str = "", offset_x: int | None = None, offset_y: int | None = None) -> View:
        """Restyle one arrow (``UpdateRelStyle``); returns the view for chaining."""
        self._rel_styles.append(RelStyle(_alias_of(source), _alias_of(target), text_color, line_color,
                                         offset_x, offset_y))
        return self

    def layout(self, shapes_in_row: int | None = None, boundaries_in_row: int | None = None) -> View:
        """How many boxes and boundaries Mermaid puts on one row (``UpdateLayoutConfig``)."""
        self._layout = LayoutConfig(shapes_in_row, boundaries_in_row)
        return self

    # -------------------------------------------------------------- deriving
    def boxes(self) -> list[ModelElement]:
        """The model elements this view draws as boxes, in model order."""
        raise NotImplementedError

    def to_diagram(self) -> Diagram:
        boxes = self.boxes()
        nodes = place(boxes)
        rels = implied_relationships(self.workspace.relationships, boxes)
        return Diagram(self.kind, self.title, nodes, rels, list(self._element_styles), list(self._rel_styles),
                       self._layout)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.title!r}>"


class LandscapeView(View):
    """Every person and software system: the organisation at a glance."""

    kind = DiagramKind.CONTEXT

    def default_title(self) -> str:
        return f"System landscape of {self.workspace.name}"

    def boxes(self) -> list[ModelElement]:
        return [e for e in self.workspace.elements if e.parent is None]


class SystemContextView(View):
    """Level 1: one system in the middle, with its users and neighbours."""

    kind = DiagramKind.CONTEXT

    def __init__(self, workspace: Workspace, system: SoftwareSystem, title: str | None) -> None:
        _require(system, SoftwareSystem, "context_view", "ws.system(...)", workspace)
        super().__init__(workspace, title)
        self.system = system

    def default_title(self) -> str:
        return f"System context of {self.system.name}"

    def boxes(self) -> list[ModelElement]:
        candidates = [e for e in self.workspace.elements if e.parent is None]
        return _with_neighbours(self.workspace, [self.system], candidates)


class ContainerView(View):
    """Level 2: the containers of one system and what they talk to."""

    kind = DiagramKind.CONTAINER

    def __init__(self, workspace: Workspace, system: SoftwareSystem, title: str | None) -> None:
        _require(system, SoftwareSystem, "container_view", "ws.system(...)", workspace)
        super().__init__(workspace, title)
        self.system = system

    def default_title(self) -> str:
        return f"Containers of {self.system.name}"

    def boxes(self) -> list[ModelElement]:
        inner = self.system.containers
        if not inner:
            raise C4ModelError(
                f"{self.system.name} has no containers yet, so there is nothing to zoom into",
                hint=f"add one first, e.g. {self.system.alias}.container('Web App', 'Python', 'Serves pages')",
            )
        candidates = inner + [e for e in self.workspace.elements if e.parent is None and e is not self.system]
        return _with_neighbours(self.workspace, inner, candidates)


class ComponentView(View):
    """Level 3: the components of one container and what they talk to."""

    kind = DiagramKind.COMPONENT

    def __init__(self, workspace: Workspace, container: Container, title: str | None) -> None:
        _require(container, Container, "component_view", "system.container(...)", workspace)
        super().__init__(workspace, title)
        self.container = container

    def default_title(self) -> str:
        return f"Components of {self.container.name}"

    def boxes(self) -> list[ModelElement]:
        inner = self.container.components
        if not inner:
            raise C4ModelError(
                f"{self.container.name} has no components yet, so there is nothing to zoom into",
                hint=f"add one first, e.g. {self.container.alias}.component('Orders API', 'Flask', 'Takes orders')",
            )
        system = self.container.system
        siblings = [c for c in system.containers if c is not self.container]
        candidates = inner + siblings + [e for e in self.workspace.elements if e.parent is None and e is not system]
        return _with_neighbours(self.workspace, inner, candidates)


class DynamicView(View):
    """Numbered steps of one scenario (``C4Dynamic``).

    Mermaid numbers the arrows of a dynamic diagram in the order they are
    written, so the order of ``step`` calls *is* the numbering.
    """

    kind = DiagramKind.DYNAMIC

    def __init__(self, workspace: Workspace, title: str, scope: ModelElement | None) -> None:
        super().__init__(workspace, title)
        self.scope = scope
        self.steps: list[ModelRelationship] = []

    def step(self, source: ModelElement, target: ModelElement, label: str, technology: str = "", *,
             direction: Direction | None = None) -> DynamicView:
        """Add the next numbered interaction; returns the view for chaining."""
        for end in (source, target):
            if not isinstance(end, ModelElement) or end.workspace is not self.workspace:
                raise C4ModelError(f"step {len(self.steps) + 1} refers to {end!r}, which is not in this workspace")
        for number, earlier in enumerate(self.steps, start=1):
            if earlier.source is source and earlier.target is target:
                raise C4ModelError(
                    f"step {len(self.steps) + 1} repeats step {number} ({source.name} -> {target.name}); "
                    "Mermaid's C4 renderer keeps one arrow per pair and would silently drop a step",
                    hint="fold both into one step's label, or draw this scenario as a sequence diagram",
                )
        self.steps.append(ModelRelationship(source, target, label, technology, direction=direction))
        return self

    def boxes(self) -> list[ModelElement]:
        involved = {id(e) for s in self.steps for e in (s.source, s.target)}
        boxes = [e for e in self.workspace.elements if id(e) in involved]
        for box in boxes:
            for ancestor in box.ancestors():
                if id(ancestor) in involved:
                    raise C4ModelError(
                        f"{ancestor.name} is drawn as a box and also around {box.name} in '{self.title}'",
                        hint="keep the steps of one dynamic view at one level: use the container or its parent",
                    )
        return boxes

    def to_diagram(self) -> Diagram:
        if not self.steps:
            raise C4ModelError(f"the dynamic view '{self.title}' has no steps",
                               hint="add them in order with view.step(source, target, 'what happens')")
        diagram = super().to_diagram()
        diagram.relationships = [
            Relationship(s.source.alias, s.target.alias, s.label, s.technology,
                         kind=_DIRECTION_KIND.get(s.direction or "", RelKind.REL), index=i)
            for i, s in enumerate(self.steps, start=1)
        ]
        return diagram


class DeploymentView(View):
    """Where containers run in one environment (``C4Deployment``)."""

    kind = DiagramKind.DEPLOYMENT

    def __init__(self, workspace: Workspace, environment: DeploymentEnvironment, title: str | None) -> None:
        super().__init__(workspace, title)
        self.environment = environment

    def default_title(self) -> str:
        return f"Deployment of {self.workspace.name}: {self.environment.name}"

    def boxes(self) -> list[ModelElement]:  # pragma: no cover - deployment builds its own tree
        return []

    def to_diagram(self) -> Diagram:
        if not self.environment.nodes:
            raise C4ModelError(f"the environment {self.environment.name!r} has no deployment nodes",
                               hint="add one with env.node('Cloud region', 'AWS', 'eu-west-1')")
        nodes: list[Node] = [_deployment_node(n) for n in self.environment.nodes]
        return Diagram(self.kind, self.title, nodes, _deployment_relationships(self.environment),
                       list(self._element_styles), list(self._rel_styles), self._layout)


# ---------------------------------------------------------------------------
# Placement: boxes into nested boundaries
# ---------------------------------------------------------------------------

def element_of(model: ModelElement) -> Element:
    """The diagram box that draws one model element."""
    return Element(
        alias=model.alias,
        label=model.name,
        kind=model.kind,
        description=model.description,
        technology=model.technology if not isinstance(model, (Person, SoftwareSystem)) else "",
        shape=model.shape,
        external=model.external,
        sprite=model.sprite,
        tags=model.tags,
        link=model.link,
    )


def _frames(element: ModelElement) -> list[ModelElement | Group]:
    """The boundaries a box is drawn in, outermost first."""
    frames: list[ModelElement | Group] = []
    if element.parent is not None:
        frames = [*_frames(element.parent), element.parent]
    if element.in_group is not None:
        frames += element.in_group.chain()
    return frames


def _boundary_for(frame: ModelElement | Group) -> Boundary:
    if isinstance(frame, Group):
        kind = BoundaryKind.ENTERPRISE if frame.kind == "enterprise" else BoundaryKind.GENERIC
        return Boundary(frame.alias, frame.name, kind, type=frame.type)
    kind = BoundaryKind.SYSTEM if isinstance(frame, SoftwareSystem) else BoundaryKind.CONTAINER
    return Boundary(frame.alias, frame.name, kind, tags=frame.tags, link=frame.link)


def _tree_order(box: ModelElement, order: dict[int, int]) -> tuple[int, ...]:
    """Sort key that keeps a box next to its siblings: the model positions of its ancestors, then its own.

    A component of the web app is drawn where the web app stands in the model,
    not where the component happened to be created.
    """
    return tuple(order[id(e)] for e in (*reversed(box.ancestors()), box))


def place(boxes: Iterable[ModelElement]) -> list[Node]:
    """Nest boxes in the boundaries of their ancestors and groups, in model order."""
    roots: list[Node] = []
    made: dict[int, Boundary] = {}
    boxes = list(boxes)
    order = boxes[0].workspace.element_index() if boxes else {}
    for box in sorted(boxes, key=lambda b: _tree_order(b, order)):
        siblings = roots
        for frame in _frames(box):
            boundary = made.get(id(frame))
            if boundary is None:
                boundary = made[id(frame)] = _boundary_for(frame)
                siblings.append(boundary)
            siblings = boundary.children
        siblings.append(element_of(box))
    return roots


# ---------------------------------------------------------------------------
# Implied relationships
# ---------------------------------------------------------------------------

def _visible(element: ModelElement, shown: set[int]) -> ModelElement | None:
    for candidate in (element, *element.ancestors()):
        if id(candidate) in shown:
            return candidate
    return None


def _project(relationships: Iterable[ModelRelationship], boxes: Iterable[ModelElement]
             ) -> list[tuple[ModelElement, ModelElement, ModelRelationship]]:
    """Each relationship lifted onto the boxes shown; explicit ones win, one arrow per pair."""
    shown = {id(b) for b in boxes}
    chosen: dict[tuple[int, int], tuple[ModelElement, ModelElement, ModelRelationship, bool]] = {}
    for rel in relationships:
        source, target = _visible(rel.source, shown), _visible(rel.target, shown)
        if source is None or target is None or source is target:
            continue
        key = (id(source), id(target))
        explicit = source is rel.source and target is rel.target
        if key not in chosen or (explicit and not chosen[key][3]):
            chosen[key] = (source, target, rel, explicit)
    return [(s, t, r) for s, t, r, _ in chosen.values()]


def _rel_tags(rel: ModelRelationship) -> str:
    """The relationship's tags, plus ``async`` for ``sync=False`` so that every rendering can show it."""
    if rel.sync is False and not has_tag(rel.tags, ASYNC_TAG):
        return f"{rel.tags},{ASYNC_TAG}" if rel.tags.strip() else ASYNC_TAG
    return rel.tags


def _rel_kind(rel: ModelRelationship) -> RelKind:
    if rel.bidirectional:
        return RelKind.BIREL
    return _DIRECTION_KIND.get(rel.direction or "", RelKind.REL)


def implied_relationships(relationships: Iterable[ModelRelationship], boxes: list[ModelElement]
                          ) -> list[Relationship]:
    """The arrows of a view, lifted from the model (see the module docstring)."""
    return [
        Relationship(s.alias, t.alias, rel.label, rel.technology, rel.description, kind=_rel_kind(rel),
                     tags=_rel_tags(rel))
        for s, t, rel in _project(relationships, boxes)
    ]


def _with_neighbours(workspace: Workspace, inner: list[ModelElement], candidates: list[ModelElement]
                     ) -> list[ModelElement]:
    """``inner`` plus every candidate connected to it, in model order."""
    keep = {id(e) for e in inner}
    inner_ids = set(keep)
    for source, target, _ in _project(workspace.relationships, candidates):
        if id(source) in inner_ids:
            keep.add(id(target))
        if id(target) in inner_ids:
            keep.add(id(source))
    order = workspace.element_index()
    return sorted((e for e in candidates if id(e) in keep), key=lambda e: order[id(e)])


def _require(value: Any, cls: type, method: str, example: str, workspace: Workspace | None = None) -> None:
    if not isinstance(value, cls):
        raise C4ModelError(f"{method}() needs a {cls.__name__}, got {value!r}", hint=f"pass what {example} returned")
    if workspace is not None and value.workspace is not workspace:
        if value.workspace.name == workspace.name:
            # Two workspaces of one name: nearly always a copy.deepcopy(ws) and an element of the original.
            raise C4ModelError(
                f"{value.name} belongs to another workspace also named {workspace.name!r} (a copy, or the original "
                f"of one), not to the one whose {method}() was called",
                hint=f"after trial = copy.deepcopy(ws), look elements up in the copy (trial[{value.alias!r}]), or "
                     "copy the workspace and your variables together: trial, web = copy.deepcopy((ws, web))")
        raise C4ModelError(f"{value.name} belongs to the workspace {value.workspace.name!r}, not {workspace.name!r}",
                           hint=f"call {method}() on the workspace that created {value.name}")


# ---------------------------------------------------------------------------
# Deployment
# ---------------------------------------------------------------------------

def _deployment_node(node: DeploymentNodeModel) -> DeploymentNode:
    from c4kit.model.deployment import ContainerInstance

    children: list[Node] = []
    for item in node.items:
        if isinstance(item, ContainerInstance):
            box = element_of(item.container)
            box.alias = item.alias
            if item.replicas > 1:
                box.label = f"{item.container.name} (x{item.replicas})"
        else:
            box = Element(item.alias, item.name, ElementKind.CONTAINER, description=item.description,
                          technology=item.technology, shape=item.shape, tags=INFRASTRUCTURE_TAG)
        children.append(box)
    children.extend(_deployment_node(child) for child in node.children)
    return DeploymentNode(node.alias, node.name, node.type, node.description, tags=node.tags, children=children)


def _node_path(item: _Deployed) -> list[int]:
    path: list[int] = []
    node: DeploymentNodeModel | None = item.node
    while node is not None:
        path.append(id(node))
        node = node.parent
    return path[::-1]


def _common_depth(a: list[int], b: list[int]) -> int:
    depth = 0
    for x, y in zip(a, b):
        if x != y:
            break
        depth += 1
    return depth


def _deployment_relationships(env: DeploymentEnvironment) -> list[Relationship]:
    """Container relationships replayed between instances, nearest instance first.

    When a container runs in several places (two regions, say), each instance
    of the caller is connected to the instances of the callee that share the
    most of its node path: the web app in region A talks to the database in
    region A, not across the ocean, unless region A has none.
    """
    instances = env.instances()
    by_container: dict[int, list] = {}
    for inst in instances:
        by_container.setdefault(id(inst.container), []).append(inst)
    containers = [inst.container for inst in instances]
    # An arrow drawn between two instances says how the call works *here* (a TLS hop, a VPN, another
    # protocol), so it replaces the container relationship it refines instead of being dropped.
    explicit = {(extra.source.alias, extra.target.alias): extra for extra in env.relationships}
    out: list[Relationship] = []
    seen: set[tuple[str, str]] = set()
    for source, target, rel in _project(env.workspace.relationships, containers):
        for src_inst in by_container.get(id(source), []):
            targets = by_container.get(id(target), [])
            best = max((_common_depth(_node_path(src_inst), _node_path(t)) for t in targets), default=0)
            for tgt_inst in targets:
                if _common_depth(_node_path(src_inst), _node_path(tgt_inst)) != best:
                    continue
                if (src_inst.alias, tgt_inst.alias) in seen:
                    continue
                seen.add((src_inst.alias, tgt_inst.alias))
                refined = explicit.get((src_inst.alias, tgt_inst.alias))
                if refined is not None:  # its words, the model's tags (protections, sync) and description
                    kind = _DIRECTION_KIND.get(refined.direction or "", _rel_kind(rel))
                    out.append(Relationship(src_inst.alias, tgt_inst.alias, refined.label, refined.technology,
                                            rel.description, kind=kind, tags=_rel_tags(rel)))
                    continue
                out.append(Relationship(src_inst.alias, tgt_inst.alias, rel.label, rel.technology,
                                        rel.description, kind=_rel_kind(rel), tags=_rel_tags(rel)))
    for extra in env.relationships:
        if (extra.source.alias, extra.target.alias) not in seen:
            seen.add((extra.source.alias, extra.target.alias))
            out.append(Relationship(extra.source.alias, extra.target.alias, extra.label, extra.technology,
                                    kind=_DIRECTION_KIND.get(extra.direction or "", RelKind.REL)))
    return out
