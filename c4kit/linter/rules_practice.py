"""Rules for C4 practice: diagrams Mermaid draws, but that a C4 reviewer would send back.

These are the review questions of the C4 model turned into checks: is every
box at the zoom level of the diagram, does every arrow say what it means and
which way the dependency goes, does every container say what it is built with,
is there a title, is the view small enough to read.  The thresholds are
module constants, documented where they are used.
"""

from __future__ import annotations

from collections.abc import Iterator

from c4kit.linter.findings import Severity
from c4kit.linter.registry import Hit, LintContext, rule
from c4kit.mermaid import notes as codes
from c4kit.model.diagram import Boundary, DeploymentNode, DiagramKind, Element, ElementKind, RelKind, Shape

WARNING, INFO = Severity.WARNING, Severity.INFO

#: Above this many boxes a view gets a ``too-many-elements`` warning.
MAX_ELEMENTS = 20
#: Above this many ``BiRel`` arrows a view gets a ``bidirectional-overuse`` warning.
MAX_BIDIRECTIONAL = 2

_P, _S, _C, _K = ElementKind.PERSON, ElementKind.SYSTEM, ElementKind.CONTAINER, ElementKind.COMPONENT

#: Which boxes belong on which diagram (see ``wrong-level``).
ALLOWED_KINDS: dict[DiagramKind, frozenset[ElementKind]] = {
    DiagramKind.CONTEXT: frozenset({_P, _S}),
    DiagramKind.CONTAINER: frozenset({_P, _S, _C}),
    DiagramKind.COMPONENT: frozenset({_P, _S, _C, _K}),
    DiagramKind.DYNAMIC: frozenset({_P, _S, _C, _K}),
    DiagramKind.DEPLOYMENT: frozenset({_S, _C}),
}

_WRONG_LEVEL_REASON: dict[tuple[DiagramKind, ElementKind | None], str] = {
    (DiagramKind.CONTEXT, _C): "a context diagram shows each software system as one box; its containers belong "
                               "on a container diagram",
    (DiagramKind.CONTEXT, _K): "components are two zoom levels further in, on the component diagram of their "
                               "container",
    (DiagramKind.CONTAINER, _K): "components live inside one container and belong on that container's component "
                                 "diagram",
    (DiagramKind.DEPLOYMENT, _P): "people are not deployed; draw the device they use as a deployment node instead",
    (DiagramKind.DEPLOYMENT, _K): "components are deployed as part of their container, so place the container "
                                  "instance instead",
}
_NODE_REASON = "deployment nodes describe infrastructure and belong on a deployment diagram"


@rule(
    "wrong-level", WARNING,
    title="Element at the wrong zoom level",
    message="{name} is a {kind} on a {level}: {reason}",
    why="Each C4 diagram is one zoom level: the context diagram shows people and systems, a container diagram "
        "zooms into one system, a component diagram into one container. Mixing levels makes readers guess what a "
        "box stands for and blurs the story each level tells.",
    fix="Move the element to a diagram of its own level, change the diagram type, or draw the element that "
        "contains it instead.",
)
def _wrong_level(ctx: LintContext) -> Iterator[Hit]:
    """Which kinds belong to which diagram type.

    ============  ======  ======  =========  =========  ===============
    diagram       person  system  container  component  deployment node
    ============  ======  ======  =========  =========  ===============
    C4Context     yes     yes     no         no         no
    C4Container   yes     yes     yes        no         no
    C4Component   yes     yes     yes        yes        no
    C4Dynamic     yes     yes     yes        yes        no
    C4Deployment  no      yes     yes        no         yes
    ============  ======  ======  =========  =========  ===============

    A level may show the level above it as context around the boxes it zooms
    into (people and systems around containers; containers and systems around
    components).  A dynamic diagram can tell its story at any level.  A
    deployment diagram holds container (and software system) instances in
    infrastructure nodes: people are not deployed, and components travel
    inside their container.
    """
    kind = ctx.diagram.kind
    level = kind.level_name
    for node, _ in ctx.walk:
        if isinstance(node, DeploymentNode):
            if kind is not DiagramKind.DEPLOYMENT:
                yield ctx.at(node, name=ctx.name(node.alias), kind="deployment node", level=level,
                             reason=_NODE_REASON)
        elif isinstance(node, Element) and node.kind not in ALLOWED_KINDS[kind]:
            yield ctx.at(node, name=ctx.name(node.alias), kind=node.kind.value, level=level,
                         reason=_WRONG_LEVEL_REASON[(kind, node.kind)])


@rule(
    "unhosted-container", WARNING,
    title="Container outside every deployment node",
    message="{name} is not inside any deployment node, so the diagram does not say where it runs",
    why="A deployment diagram answers one question: where does each container run? An instance drawn outside "
        "every node leaves that question open.",
    fix="Nest it in the Deployment_Node it runs on (a server, a cluster, a phone, a browser...).",
)
def _unhosted_container(ctx: LintContext) -> Iterator[Hit]:
    if ctx.diagram.kind is not DiagramKind.DEPLOYMENT:
        return
    for node, parents in ctx.walk:
        if (isinstance(node, Element) and node.kind is _C
                and not any(isinstance(p, DeploymentNode) for p in parents)):
            yield ctx.at(node, name=ctx.name(node.alias))


@rule(
    "unlabelled-relationship", WARNING,
    title="Relationship without a label",
    message="the relationship from {source} to {target} has no label",
    why="An arrow without words only says that two things are connected. C4 asks for a short verb phrase on "
        'every arrow ("Places orders using", "Reads stock from") so that the diagram reads as sentences.',
    fix='Add a label: Rel(web, api, "Places orders using", "HTTPS/JSON").',
)
def _unlabelled_relationship(ctx: LintContext) -> Iterator[Hit]:
    for rel in ctx.relationships:
        if not rel.label.strip():
            yield ctx.at(rel, source=ctx.name(rel.source), target=ctx.name(rel.target))


@rule(
    "missing-technology", WARNING,
    title="Container or component without a technology",
    message="{name} is {kind} without a technology",
    why='From the container level down, the technology is part of what a box means: "Web app" could be anything, '
        '"Web app [React, TypeScript]" tells an engineer how it is built, run and operated.',
    fix='Give the technology as the third argument: Container(api, "Orders API", "Python, FastAPI", '
        '"Takes and tracks orders").',
)
def _missing_technology(ctx: LintContext) -> Iterator[Hit]:
    for el in ctx.elements:
        if el.kind in (_C, _K) and not el.technology.strip():
            yield ctx.at(el, name=ctx.name(el.alias),
                         kind="an infrastructure node" if el.is_infrastructure else f"a {el.kind.value}")


@rule(
    "technology-at-context-level", WARNING,
    title="Technology on a person or software system",
    message="{name} is a {kind} with a technology ('{technology}')",
    why="At context level a person is a role and a software system a black box: what it does and who uses it "
        "matter, not what it is built with. Mermaid can only show a technology there ($techn) in place of the "
        "description, so the box loses the sentence that explains it.",
    fix="Remove the technology here and give it to the containers of the system (Container(alias, \"Label\", "
        '"Technology", "Description")).',
)
def _technology_at_context_level(ctx: LintContext) -> Iterator[Hit]:
    for el in ctx.elements:
        if el.kind in (_P, _S) and el.technology.strip():
            yield ctx.at(el, name=ctx.name(el.alias), kind="person" if el.kind is _P else "software system",
                         technology=el.technology)


@rule(
    "orphan-element", WARNING,
    title="Element with no relationships",
    message="{name} has no relationships: nothing in this view uses it and it uses nothing",
    why="Every box on a C4 diagram should earn its place through an arrow; a box with none leaves the reader "
        "wondering why it is there. Either a relationship is missing, or the element belongs on another view. "
        "(Deployment diagrams are exempt: there, being placed in a node is the point.)",
    fix="Add the relationship that explains it (who uses it, what it uses), or remove it from this view.",
)
def _orphan_element(ctx: LintContext) -> Iterator[Hit]:
    if ctx.diagram.kind is DiagramKind.DEPLOYMENT:
        return
    connected = {end for r in ctx.relationships if r.source != r.target for end in (r.source, r.target)}
    for el in ctx.elements:
        if el.alias not in connected:
            yield ctx.at(el, name=ctx.name(el.alias))


@rule(
    "too-many-elements", WARNING,
    title="Too many elements in one view",
    message="this view shows {count} elements; above {limit} a diagram is hard to take in",
    why="Readers hold only a handful of things in mind at once: past about twenty boxes a diagram stops being "
        "read and starts being searched, and Mermaid's row layout gets crowded and tangled. C4 answers with more "
        "views, not bigger ones.",
    fix="Split the view (one diagram per subsystem or per scenario), or zoom out a level and let one box stand "
        "for a group.",
)
def _too_many_elements(ctx: LintContext) -> Iterator[Hit]:
    count = len(ctx.elements)
    if count > MAX_ELEMENTS:
        yield ctx.at(None, count=count, limit=MAX_ELEMENTS)


def _initiator(ctx: LintContext, a: str, b: str) -> tuple[str, str, str] | None:
    """(initiator, other, reason) when one end of a BiRel clearly starts the interaction."""
    ea, eb = ctx.element(a), ctx.element(b)
    if ea is None or eb is None:
        return None
    for first, second in ((ea, eb), (eb, ea)):
        if first.kind is _P and second.kind is not _P:
            return first.alias, second.alias, "people start the interactions they have with software"
        if second.shape is Shape.DB and first.shape is not Shape.DB:
            return first.alias, second.alias, "a data store answers queries and never calls anyone"
    return None


_BIREL_WHY = ("A C4 arrow points from the element that starts the interaction (and depends on the other) to the "
              "one it uses. A double-headed arrow hides who calls whom, which is what readers need to reason about "
              "failures, coupling and ownership.")


@rule(
    "bidirectional-initiator", WARNING,
    title="Two-way arrow where one side clearly starts",
    message="{source} and {target} are joined by a two-way arrow, but {reason}: the arrow should start at "
            "{initiator}",
    why=_BIREL_WHY,
    fix="Draw a single Rel from the initiator, with a label that covers the exchange (\"Reads and writes "
        'orders in").',
)
def _bidirectional_initiator(ctx: LintContext) -> Iterator[Hit]:
    for rel in ctx.relationships:
        if rel.kind is RelKind.BIREL and (found := _initiator(ctx, rel.source, rel.target)):
            initiator, other, reason = found
            yield ctx.at(rel, hint=f"Write Rel({initiator}, {other}, ...).", source=ctx.name(rel.source),
                         target=ctx.name(rel.target), initiator=ctx.name(initiator), reason=reason)


@rule(
    "bidirectional-relationship", INFO,
    title="Two-way arrow",
    message="{source} and {target} are joined by a two-way arrow (BiRel)",
    why=_BIREL_WHY,
    fix="Use Rel from the side that starts the interaction, with a label that covers both ways (\"Sends orders "
        'to and receives confirmations from"), or two Rels if each side really starts its own interaction.',
)
def _bidirectional_relationship(ctx: LintContext) -> Iterator[Hit]:
    for rel in ctx.relationships:
        if rel.kind is RelKind.BIREL and _initiator(ctx, rel.source, rel.target) is None:
            yield ctx.at(rel, source=ctx.name(rel.source), target=ctx.name(rel.target))


@rule(
    "bidirectional-overuse", WARNING,
    title="Many two-way arrows",
    message="this view has {count} two-way arrows (BiRel); with more than {limit} the direction of the "
            "dependencies is lost",
    why=_BIREL_WHY + " A few two-way arrows can be a deliberate simplification; many of them turn the diagram "
                     "into a web of connections with no direction at all.",
    fix="Decide for each BiRel which side starts the interaction and draw a Rel from there.",
)
def _bidirectional_overuse(ctx: LintContext) -> Iterator[Hit]:
    birels = [r for r in ctx.relationships if r.kind is RelKind.BIREL]
    if len(birels) > MAX_BIDIRECTIONAL:
        yield ctx.at(birels[MAX_BIDIRECTIONAL], count=len(birels), limit=MAX_BIDIRECTIONAL)


@rule(
    "self-relationship", WARNING,
    title="Relationship from an element to itself",
    message="{name} has a relationship to itself ('{label}')",
    why="An arrow from a box to itself describes something that happens inside it, which C4 leaves to the next "
        "zoom level (containers inside a system, components inside a container). Mermaid has no loop shape "
        "either: the arrow shrinks to a point with a floating label.",
    fix="Remove it, or zoom in: draw the inside of this element on its own diagram, where the parts talk to "
        "each other.",
)
def _self_relationship(ctx: LintContext) -> Iterator[Hit]:
    for rel in ctx.relationships:
        if rel.source == rel.target:
            yield ctx.at(rel, name=ctx.name(rel.source), label=rel.label)


@rule(
    "missing-title", INFO,
    title="Diagram without a title",
    message="this diagram has no title",
    why='A title says what the reader is looking at and at which zoom level ("Containers of the Bookshop"). '
        "Diagrams travel to slides and wikis, far from the text that introduced them.",
    fix="Add a title line after the diagram type: title Containers of the Bookshop.",
)
def _missing_title(ctx: LintContext) -> Iterator[Hit]:
    # An empty "title" line is an error of its own (empty-title), which says more.
    if not ctx.diagram.title.strip() and not any(ctx.notes_with(codes.EMPTY_TITLE)):
        yield ctx.at(None)


@rule(
    "missing-description", INFO,
    title="Element without a description",
    message="{name} has no description",
    why='A one-line statement of responsibility ("Takes and tracks customer orders") turns a name into meaning; '
        "names alone are often ambiguous outside the team that chose them. (Deployment diagrams are exempt: "
        "there the boxes are already described on the container diagram.)",
    fix='Add a short description of what it does or who it is: Person(customer, "Customer", "Buys books '
        'online").',
)
def _missing_description(ctx: LintContext) -> Iterator[Hit]:
    if ctx.diagram.kind is DiagramKind.DEPLOYMENT:
        return
    for el in ctx.elements:
        if not el.description.strip():
            yield ctx.at(el, name=ctx.name(el.alias))


@rule(
    "relationship-missing-technology", INFO,
    title="Arrow between containers without a protocol",
    message="the relationship from {source} to {target} does not say how they communicate",
    why="Between containers (and components) the protocol is an architectural decision (HTTPS/JSON, gRPC, SQL, "
        "AMQP) with consequences for latency, security and failure, so C4 suggests writing it on the arrow.",
    fix='Give it as the fourth argument: Rel(web, api, "Places orders using", "HTTPS/JSON").',
)
def _relationship_missing_technology(ctx: LintContext) -> Iterator[Hit]:
    for rel in ctx.relationships:
        source, target = ctx.element(rel.source), ctx.element(rel.target)
        if (source is not None and target is not None and source is not target
                and source.kind in (_C, _K) and target.kind in (_C, _K) and not rel.technology.strip()):
            yield ctx.at(rel, source=ctx.name(rel.source), target=ctx.name(rel.target))


_SCOPE = {
    DiagramKind.CONTAINER: (_C, "containers", "software system"),
    DiagramKind.COMPONENT: (_K, "components", "container"),
}


@rule(
    "no-scope-boundary", INFO,
    title="Zoomed-in view without a boundary",
    message="none of the {plural} is inside a boundary, so the view does not show which {owner} it zooms into",
    why="A container or component diagram zooms into one thing. Its boundary separates what is inside (the "
        "boxes being explained) from the neighbours drawn around it for context.",
    fix="Wrap the boxes of the system (or container) in scope in a boundary: System_Boundary(shop, \"Bookshop\") "
        "{ ... }.",
)
def _no_scope_boundary(ctx: LintContext) -> Iterator[Hit]:
    scope = _SCOPE.get(ctx.diagram.kind)
    if scope is None:
        return
    kind, plural, owner = scope
    inner = [(n, parents) for n, parents in ctx.walk if isinstance(n, Element) and n.kind is kind]
    if inner and not any(any(isinstance(p, Boundary) for p in parents) for _, parents in inner):
        yield ctx.at(inner[0][0], plural=plural, owner=owner)
