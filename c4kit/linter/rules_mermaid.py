"""Rules for what Mermaid fails on, or silently drops, in a diagram's structure.

Every rule here was checked against the Mermaid build the kit ships (11.16.1):

* an arrow whose end is an unknown alias, a boundary or a deployment node
  makes the whole render fail ("Cannot read properties of undefined");
* statements that share an alias are merged into one box, the later one
  overwriting the earlier;
* Mermaid keeps one arrow per (source, target) pair: a second ``Rel`` with the
  same two ends overwrites the first, and in a C4Dynamic diagram that drops a
  step and renumbers the rest;
* ``UpdateElementStyle`` / ``UpdateRelStyle`` aimed at nothing do nothing, silently;
* a C4Dynamic diagram is numbered by statement order, whatever RelIndex says;
* a boundary with nothing inside is a parse error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from c4kit.linter.findings import Severity
from c4kit.linter.registry import Hit, LintContext, rule
from c4kit.mermaid import notes as codes
from c4kit.model.diagram import Boundary, DeploymentNode, DiagramKind, Element, Node, Relationship, RelKind

ERROR = Severity.ERROR


def _frame_word(node: Node) -> str:
    return "deployment node" if isinstance(node, DeploymentNode) else "boundary"


def _boxes_inside(node: Boundary | DeploymentNode) -> list[Element]:
    out: list[Element] = []
    for child in node.children:
        if isinstance(child, Element):
            out.append(child)
        else:
            out.extend(_boxes_inside(child))
    return out


@rule(
    "rel-unknown-alias", ERROR,
    title="Relationship to an unknown alias",
    message="the relationship from {source} to {target} refers to '{unknown}', which nothing in this diagram "
            "declares",
    why="Mermaid draws an arrow between two boxes it already knows. An alias that is never declared leaves one "
        "end of the arrow nowhere, and the whole diagram fails to render.",
    fix='Declare the element (e.g. System(alias, "Label")) or correct the alias: aliases are case-sensitive.',
)
def _rel_unknown_alias(ctx: LintContext) -> Iterator[Hit]:
    for rel in ctx.relationships:
        for end in dict.fromkeys((rel.source, rel.target)):
            if end not in ctx.index:
                yield ctx.at(rel, alias=end, hint=ctx.suggest(end), source=ctx.name(rel.source),
                             target=ctx.name(rel.target), unknown=end)


@rule(
    "rel-to-boundary", ERROR,
    title="Relationship to a boundary or deployment node",
    message="the relationship from {source} to {target} {verb} a {what}, but Mermaid arrows can only connect "
            "boxes",
    why="In Mermaid C4 a boundary or a deployment node is a frame around other boxes, not a box itself: an arrow "
        "that ends on one has nothing to attach to, and the diagram fails to render. In C4 terms, the arrow means "
        "that something inside the frame is used, so say which.",
    fix="Point the arrow at the element inside the frame that is really used (the API, not the whole system "
        "boundary).",
)
def _rel_to_boundary(ctx: LintContext) -> Iterator[Hit]:
    for rel in ctx.relationships:
        for end in dict.fromkeys((rel.source, rel.target)):
            node = ctx.index.get(end)
            if isinstance(node, (Boundary, DeploymentNode)):
                inside = _boxes_inside(node)
                hint = ""
                if inside:
                    listed = ", ".join(ctx.name(e.alias) for e in inside[:3])
                    hint = f"Inside it: {listed}{', ...' if len(inside) > 3 else ''}."
                yield ctx.at(rel, alias=end, hint=hint, source=ctx.name(rel.source), target=ctx.name(rel.target),
                             what=_frame_word(node), verb="ends on" if end == rel.target else "starts from")


@rule(
    "duplicate-alias", ERROR,
    title="Two things share one alias",
    message="{second} reuses the alias '{shared}' of {first}{first_where}: {consequence}",
    why="An alias is how Mermaid finds a box. Statements that share one are merged (the later overwrites the "
        "earlier), so an element silently disappears and the arrows meant for it land on the other one.",
    fix="Give every element, boundary and deployment node its own alias (web_app, web_app_db, ...).",
)
def _duplicate_alias(ctx: LintContext) -> Iterator[Hit]:
    first: dict[str, Node] = {}
    for node, _ in ctx.walk:
        earlier = first.setdefault(node.alias, node)
        if earlier is node:
            continue
        if isinstance(node, Element) != isinstance(earlier, Element):
            consequence = f"arrows and styles aimed at '{node.alias}' reach the box and never the frame"
        else:
            shape = "box" if isinstance(node, Element) else "frame"
            consequence = f"Mermaid draws a single {shape} with the details of the later statement"
        yield ctx.at(node, second=ctx.describe(node), shared=node.alias, first=ctx.describe(earlier),
                     first_where=f" (line {earlier.line})" if earlier.line is not None else "",
                     consequence=consequence)


@rule(
    "style-unknown-element", ERROR,
    title="UpdateElementStyle aimed at a missing element",
    message="UpdateElementStyle targets '{unknown}', which nothing in this diagram declares",
    why="Mermaid looks the alias up and, when it is missing, silently does nothing: the colour or legend you "
        "meant is simply not there, and no error says why.",
    fix="Use the alias of an element or boundary declared in this diagram (aliases are case-sensitive), or "
        "delete the style.",
)
def _style_unknown_element(ctx: LintContext) -> Iterator[Hit]:
    for style in ctx.diagram.element_styles:
        if style.alias not in ctx.index:
            yield ctx.at(style, hint=ctx.suggest(style.alias, elements_only=False), unknown=style.alias)


@rule(
    "style-unknown-relationship", ERROR,
    title="UpdateRelStyle aimed at a missing relationship",
    message="UpdateRelStyle targets the arrow from {source} to {target}, which is not in this diagram",
    why="Mermaid finds the arrow to restyle by its source and its target, in that order, and silently ignores "
        "the style when there is no such arrow.",
    fix="Name the arrow's source first and its target second, exactly as in its Rel statement.",
)
def _style_unknown_relationship(ctx: LintContext) -> Iterator[Hit]:
    pairs = {(r.source, r.target) for r in ctx.relationships}
    for style in ctx.diagram.rel_styles:
        if (style.source, style.target) in pairs:
            continue
        if (style.target, style.source) in pairs:
            hint = (f"The arrow is written the other way round: "
                    f"UpdateRelStyle({style.target}, {style.source}, ...).")
        else:
            unknown = [a for a in (style.source, style.target) if a not in ctx.index]
            hint = ctx.suggest(unknown[0]) if unknown else ""
        yield ctx.at(style, hint=hint, source=ctx.name(style.source), target=ctx.name(style.target))


def _arrowheads(rel: Relationship) -> str:
    """What the arrow means, ignoring layout hints (Rel_U and Rel draw the same relationship)."""
    return {RelKind.BIREL: "both", RelKind.REL_BACK: "back"}.get(rel.kind, "forward")


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _same_arrow(a: Relationship, b: Relationship) -> bool:
    return (_norm(a.label) == _norm(b.label) and _norm(a.technology) == _norm(b.technology)
            and _arrowheads(a) == _arrowheads(b))


def _consequence(earlier: Relationship, later: Relationship, dynamic: bool) -> str:
    """What the reader loses when ``later`` overwrites ``earlier``."""
    if _norm(earlier.label) != _norm(later.label):
        return f"'{earlier.label}' is not drawn"
    if dynamic and _same_arrow(earlier, later):
        return "the step is drawn once and one step number disappears"
    if _norm(earlier.technology) != _norm(later.technology):
        return f"the technology '{earlier.technology}' is replaced by '{later.technology}'"
    return "the arrow takes the arrowheads of the last statement"


def _repeats(ctx: LintContext) -> Iterator[tuple[Relationship, Relationship]]:
    """Each relationship whose (source, target) pair was declared before, with the one it overwrites."""
    kept: dict[tuple[str, str], Relationship] = {}
    for rel in ctx.relationships:
        key = (rel.source, rel.target)
        if key in kept:
            yield kept[key], rel
        kept[key] = rel


@rule(
    "relationship-overwritten", ERROR,
    title="A second arrow between the same two elements replaces the first",
    message="the arrow from {source} to {target} is declared again: Mermaid keeps one arrow per source and "
            "target, so {consequence}",
    why="Mermaid C4 identifies an arrow by its two ends. A second Rel (or BiRel, Rel_Back, ...) with the same "
        "source and target overwrites the first one's label and technology instead of adding an arrow.",
    fix='Merge the two into one arrow whose label covers both ("Reads and writes orders"), or, if the other side '
        "really starts the second interaction, draw it in that direction.",
)
def _relationship_overwritten(ctx: LintContext) -> Iterator[Hit]:
    dynamic = ctx.diagram.kind is DiagramKind.DYNAMIC
    for earlier, rel in _repeats(ctx):
        if dynamic or not _same_arrow(earlier, rel):
            hint = ("In a dynamic diagram this also drops a step and renumbers the steps after it; go through "
                    "another element, or show the repeated call once." if dynamic else "")
            yield ctx.at(rel, hint=hint, source=ctx.name(rel.source), target=ctx.name(rel.target),
                         consequence=_consequence(earlier, rel, dynamic))


@rule(
    "duplicate-relationship", Severity.WARNING,
    title="The same relationship twice",
    message="the arrow '{label}' from {source} to {target} is declared twice",
    why="Mermaid draws one arrow per pair of elements, so the copy adds nothing to the picture; in the source it "
        "is one more line to keep in step, and a later edit to only one copy silently wins or loses.",
    fix="Delete the second copy.",
)
def _duplicate_relationship(ctx: LintContext) -> Iterator[Hit]:
    if ctx.diagram.kind is DiagramKind.DYNAMIC:
        return  # every repeat loses a step there: relationship-overwritten reports it
    for earlier, rel in _repeats(ctx):
        if _same_arrow(earlier, rel):
            yield ctx.at(rel, source=ctx.name(rel.source), target=ctx.name(rel.target), label=rel.label)


@rule(
    "steps-out-of-order", ERROR,
    title="Dynamic steps out of order",
    message="step {index} ({label}) is arrow number {position} in the text, so Mermaid shows it as step {position}",
    why="Mermaid numbers the arrows of a C4Dynamic diagram 1, 2, 3... in the order the statements are written "
        "and ignores the number given to RelIndex. When the two disagree the picture tells a different story "
        "from the one you wrote.",
    fix="Reorder the statements so that they read in step order; the numbers then follow by themselves.",
)
def _steps_out_of_order(ctx: LintContext) -> Iterator[Hit]:
    for position, rel in _misnumbered(ctx):
        yield ctx.at(rel, index=rel.index, position=position, label=f"'{rel.label}'" if rel.label else "unlabelled")


def _misnumbered(ctx: LintContext) -> Iterator[tuple[int, Relationship]]:
    """Steps of a dynamic diagram whose number disagrees with their place in the text."""
    if ctx.diagram.kind is not DiagramKind.DYNAMIC:
        return
    for position, rel in enumerate(ctx.relationships, start=1):
        if rel.index is not None and rel.index != position:
            yield position, rel


@rule(
    "relindex-number", Severity.INFO,
    title="RelIndex number is ignored",
    message="{detail}",
    why="Mermaid writes 1, 2, 3... in front of the arrows of a C4Dynamic diagram by their position in the text, "
        "and draws no numbers at all on the other diagram types. The number in RelIndex only speaks to readers "
        "of the source, and misleads them when it disagrees with the picture.",
    fix="Use plain Rel and write the statements in the order the steps happen.",
    note_code=codes.RELINDEX_NUMBER,
)
def _relindex_number(ctx: LintContext) -> Iterator[Hit]:
    # A misnumbered step of a dynamic diagram is already an error (steps-out-of-order): say it once.
    reported = {rel.line for _, rel in _misnumbered(ctx) if rel.line is not None}
    for note in ctx.notes_with(codes.RELINDEX_NUMBER):
        if note.line not in reported:
            yield Hit({"detail": note.message or "Mermaid ignores the number given to RelIndex"}, note.line,
                      note.column)


_ALIAS_IN_TEXT = re.compile(r"\(\s*([A-Za-z_][A-Za-z0-9_]*)")


@rule(
    "empty-boundary", ERROR,
    title="Boundary or deployment node with nothing inside",
    message="{name} has nothing inside: Mermaid cannot parse an empty {what}",
    why="Mermaid's grammar needs at least one statement between the braces of a boundary or a deployment node, "
        "so an empty one is a syntax error that blanks the whole diagram. In C4 terms an empty frame says "
        "nothing either.",
    fix="Put the elements it groups inside its braces, or delete it.",
    note_code=codes.EMPTY_BOUNDARY,
)
def _empty_boundary(ctx: LintContext) -> Iterator[Hit]:
    notes = list(ctx.notes_with(codes.EMPTY_BOUNDARY))
    covered: set[int] = set()
    for node in ctx.frames:
        if node.children:
            continue
        note = next((n for n in notes if node.line is not None and n.line == node.line), None)
        if note is not None:
            covered.add(id(note))
        yield ctx.at(node, column=note.column if note else None, name=ctx.name(node.alias),
                     what=_frame_word(node))
    for note in notes:  # traps the parser saw but kept no node for
        if id(note) not in covered:
            found = _ALIAS_IN_TEXT.search(note.text)
            name = ctx.name(found.group(1)) if found else "this boundary"
            yield Hit({"name": name, "what": "boundary or deployment node"}, note.line, note.column,
                      found.group(1) if found else None)
