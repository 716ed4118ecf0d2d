"""Overlays: a simulation state drawn onto a C4 view.

Each function takes a :class:`~c4kit.model.diagram.Diagram` (or a view) and
a state (a failure result, a saga frame, a deployment phase, a breaker call)
and returns a *new* diagram: the input is never changed, so one view can be
overlaid with every frame of a simulation.

Meaning never rests on colour alone.  Every marked box gets a tag in its
label (``Shop DB [DOWN]``) and, optionally, a short status line in its
description; every marked arrow gets a tag or its traffic share / step
number in its label.  The colours come from one fixed table over the course
palette, which is safe for the common colour-vision deficiencies, with the
font colour chosen for contrast (white on blue, black on the lighter ones:
every pair is above the WCAG 4.5:1 ratio).  Blue is kept for "normal" (the
stable version), as in the kit's flowchart colours; state colours are orange
(in flight, degraded), teal (fine, done, new), purple (down, failed, open,
rolled back) and brown (idle, undone).
:func:`legend` spells the table out in words.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from c4kit.errors import C4ModelError
from c4kit.model.diagram import DeploymentNode, Diagram, Element, ElementStyle, Node, RelKind, RelStyle
from c4kit.sim._common import Status, alias_of, fmt, worst

BLUE, ORANGE, TEAL, PURPLE, BROWN = "#0173B2", "#DE8F05", "#029E73", "#CC78BC", "#CA9161"
PALETTE = {"blue": BLUE, "orange": ORANGE, "teal": TEAL, "purple": PURPLE, "brown": BROWN}
_COLOUR_NAMES = {v: k for k, v in PALETTE.items()}


class Mark(str, enum.Enum):
    """Every state an overlay can show, across all simulations."""

    HEALTHY = "healthy"
    DEGRADED = "degraded"
    DOWN = "down"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    COMPENSATING = "compensating"
    COMPENSATED = "compensated"
    ACTIVE = "active"
    STABLE = "stable"
    NEW = "new"
    ROLLED_BACK = "rolled back"
    IDLE = "idle"
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half-open"


@dataclass(frozen=True)
class MarkStyle:
    """How one :class:`Mark` looks: fill, font and border colours, the label tag and its meaning."""

    bg: str
    font: str
    tag: str
    meaning: str
    border: str = "#000000"


#: The fixed state -> look table.  Tags carry the meaning in words.
MARKS: dict[Mark, MarkStyle] = {
    Mark.HEALTHY: MarkStyle(TEAL, "#000000", "", "healthy (no tag)"),
    Mark.DEGRADED: MarkStyle(ORANGE, "#000000", "[DEGRADED]", "degraded: works partly, slowly or on stale data"),
    Mark.DOWN: MarkStyle(PURPLE, "#000000", "[DOWN]", "down: not working"),
    Mark.RUNNING: MarkStyle(ORANGE, "#000000", "[RUNNING]", "running its saga step now"),
    Mark.DONE: MarkStyle(TEAL, "#000000", "[DONE]", "step already done"),
    Mark.FAILED: MarkStyle(PURPLE, "#000000", "[FAILED]", "saga step failed"),
    Mark.COMPENSATING: MarkStyle(ORANGE, "#000000", "[COMPENSATING]", "undoing its step"),
    Mark.COMPENSATED: MarkStyle(BROWN, "#000000", "[COMPENSATED]", "its step was undone"),
    Mark.ACTIVE: MarkStyle(ORANGE, "#000000", "", "the message being sent now (numbered arrow)"),
    Mark.STABLE: MarkStyle(BLUE, "#FFFFFF", "[STABLE]", "runs the old, stable version"),
    Mark.NEW: MarkStyle(TEAL, "#000000", "[NEW]", "runs the new version and takes traffic"),
    Mark.ROLLED_BACK: MarkStyle(PURPLE, "#000000", "[ROLLED BACK]", "new version rolled back: no traffic"),
    Mark.IDLE: MarkStyle(BROWN, "#000000", "[IDLE]", "idle: no traffic (standby or empty)"),
    Mark.CLOSED: MarkStyle(TEAL, "#000000", "[CLOSED]", "circuit closed: calls pass"),
    Mark.OPEN: MarkStyle(PURPLE, "#000000", "[OPEN]", "circuit open: calls are answered by the fallback"),
    Mark.HALF_OPEN: MarkStyle(ORANGE, "#000000", "[HALF-OPEN]", "circuit half-open: trial calls pass"),
}

_LEGENDS = {
    "failure": (Mark.HEALTHY, Mark.DEGRADED, Mark.DOWN),
    "saga": (Mark.ACTIVE, Mark.RUNNING, Mark.DONE, Mark.FAILED, Mark.COMPENSATING, Mark.COMPENSATED),
    "deployment": (Mark.STABLE, Mark.NEW, Mark.IDLE, Mark.ROLLED_BACK),
    "breaker": (Mark.CLOSED, Mark.HALF_OPEN, Mark.OPEN),
}


def legend(kind: str | Iterable[Mark] | None = None) -> list[tuple[str, str]]:
    """``[(colour, words)]`` for the marks of one overlay kind ("failure", "saga", "deployment",
    "breaker"), for some marks, or for all: the text alternative to the colours."""
    if kind is None:
        marks: Iterable[Mark] = tuple(Mark)
    elif isinstance(kind, str):
        if kind not in _LEGENDS:
            raise C4ModelError(f"no legend for {kind!r}", hint=f"use one of: {', '.join(_LEGENDS)}")
        marks = _LEGENDS[kind]
    else:
        marks = [Mark(m) for m in kind]
    out = []
    for mark in marks:
        style = MARKS[mark]
        tag = f"{style.tag} " if style.tag else ""
        out.append((style.bg, f"{_COLOUR_NAMES[style.bg]} {tag}= {style.meaning}"))
    return out


# ---------------------------------------------------------------------------
# The generic overlay
# ---------------------------------------------------------------------------

def _as_diagram(view: Any) -> Diagram:
    if isinstance(view, Diagram):
        return view
    to_diagram = getattr(view, "to_diagram", None)
    if to_diagram is None:
        raise C4ModelError(f"cannot overlay onto {view!r}",
                           hint="pass a Diagram or a view such as ws.container_view(system)")
    return to_diagram()


def mark(view: Any, elements: Mapping[str, Mark] | None = None,
         relationships: Mapping[tuple[str, str], Mark] | None = None, *,
         element_notes: Mapping[str, str] | None = None, element_tags: Mapping[str, str] | None = None,
         rel_labels: Mapping[tuple[str, str], str] | None = None, describe: bool = True) -> Diagram:
    """A copy of ``view`` with boxes and arrows marked.

    ``elements`` maps aliases (boxes, boundaries, deployment nodes) to marks;
    ``relationships`` maps ``(source, target)`` pairs of the diagram's arrows.
    ``element_tags`` replaces a mark's label tag; ``element_notes`` adds a
    status line to the description (when ``describe``); ``rel_labels``
    replaces an arrow's label.  Unknown aliases raise, so a typo is not a
    silently unmarked diagram.
    """
    diagram = _as_diagram(view).copy()

    def by_alias(items: Mapping[Any, Any] | None) -> dict[str, Any]:
        return {alias_of(k): v for k, v in (items or {}).items()}

    def by_pair(items: Mapping[tuple[Any, Any], Any] | None) -> dict[tuple[str, str], Any]:
        return {(alias_of(a), alias_of(b)): v for (a, b), v in (items or {}).items()}

    elements, relationships = by_alias(elements), by_pair(relationships)
    element_notes, element_tags, rel_labels = by_alias(element_notes), by_alias(element_tags), by_pair(rel_labels)
    nodes: dict[str, Node] = {}
    for node, _ in diagram.walk():
        nodes.setdefault(node.alias, node)
    for alias in {*elements, *element_notes, *element_tags}:
        if alias not in nodes:
            known = ", ".join(sorted(nodes)) or "none"
            raise C4ModelError(f"the overlay names {alias!r}, which is not in the diagram '{diagram.title}'",
                               hint=f"diagram aliases: {known}")
    arrows = {(r.source, r.target) for r in diagram.relationships}
    for pair in {*relationships, *rel_labels}:
        if pair not in arrows:
            raise C4ModelError(f"the overlay names the arrow {pair[0]} -> {pair[1]}, which is not in the diagram",
                               hint="use (source, target) aliases of an arrow the diagram draws")

    styles = {s.alias: s for s in diagram.element_styles}
    for alias, node in nodes.items():
        state = elements.get(alias)
        tag = element_tags.get(alias, MARKS[state].tag if state is not None else "")
        if tag:
            node.label = f"{node.label} {tag}"
        note = element_notes.get(alias)
        if describe and note and isinstance(node, (Element, DeploymentNode)):
            node.description = f"{note}. {node.description}" if node.description else f"{note}."
        if state is not None and isinstance(node, Element):
            look = MARKS[state]
            old = styles.get(alias)
            styles[alias] = ElementStyle(alias, bg_color=look.bg, font_color=look.font, border_color=look.border,
                                         **_keep_style(old))
    diagram.element_styles = list(styles.values())

    rel_styles = {(s.source, s.target): s for s in diagram.rel_styles}
    for rel in diagram.relationships:
        pair = (rel.source, rel.target)
        if pair in rel_labels:
            rel.label = rel_labels[pair]
        state = relationships.get(pair)
        if state is None:
            continue
        look = MARKS[state]
        if pair not in rel_labels and look.tag:
            rel.label = f"{rel.label} {look.tag}".strip()
        old = rel_styles.get(pair)
        # Only the line is coloured: label text stays in the theme's colour, readable on any background.
        rel_styles[pair] = RelStyle(rel.source, rel.target, line_color=look.bg,
                                    offset_x=old.offset_x if old else None, offset_y=old.offset_y if old else None)
    diagram.rel_styles = list(rel_styles.values())
    return diagram


def _keep_style(old: ElementStyle | None) -> dict[str, str]:
    """Keep the parts of an existing style that do not carry state (shape, sprite, technology text)."""
    if old is None:
        return {}
    return {"shadowing": old.shadowing, "shape": old.shape, "sprite": old.sprite, "techn": old.techn}


# ---------------------------------------------------------------------------
# Failure
# ---------------------------------------------------------------------------

_STATUS_MARK = {Status.HEALTHY: Mark.HEALTHY, Status.DEGRADED: Mark.DEGRADED, Status.DOWN: Mark.DOWN}


def _ancestry(result: Any) -> dict[str, str | None]:
    return {e.alias: e.parent for e in result.elements}


def _lift(alias: str, shown: Mapping[str, Any], parents: Mapping[str, str | None]) -> str | None:
    """The nearest box of the diagram that stands for ``alias`` (itself or an ancestor)."""
    node: str | None = alias
    while node is not None:
        if node in shown:
            return node
        node = parents.get(node)
    return None


def failure_overlay(view: Any, result: Any, *, aliases: Mapping[str, str] | None = None, describe: bool = True,
                    show_healthy: bool = True) -> Diagram:
    """Colour and tag every box and arrow of ``view`` with its status in a :class:`FailureResult`.

    A box that is not itself in the result (a system drawn as a boundary, a
    container shown for its components) takes the status of the nearest
    element it stands for; an arrow takes the worst status of the calls it
    sums up (views lift calls onto the boxes they draw).  ``aliases`` maps
    diagram aliases to model aliases where they differ (deployment instances).
    """
    diagram = _as_diagram(view)
    aliases = dict(aliases or {})
    by_alias = {e.alias: e for e in result.elements}
    parents = _ancestry(result)
    shown = {node.alias: node for node, _ in diagram.walk()}
    model_to_diagram: dict[str, str] = {}
    for alias in shown:
        model_to_diagram.setdefault(aliases.get(alias, alias), alias)

    elements: dict[str, Mark] = {}
    notes: dict[str, str] = {}
    for alias in shown:
        outcome = by_alias.get(aliases.get(alias, alias))
        if outcome is None:
            continue
        if outcome.status is not Status.HEALTHY or (show_healthy and outcome.kind != "person"):
            elements[alias] = _STATUS_MARK[outcome.status]
        if outcome.status is not Status.HEALTHY:
            notes[alias] = f"{outcome.status.value.upper()}: {outcome.summary}"

    worst_by_pair: dict[tuple[str, str], list[Status]] = {}
    for rel in result.relationships:
        source = _lift(rel.source, model_to_diagram, parents)
        target = _lift(rel.target, model_to_diagram, parents)
        if source is None or target is None or source == target:
            continue
        worst_by_pair.setdefault((model_to_diagram[source], model_to_diagram[target]), []).append(rel.status)
    arrows: dict[tuple[str, str], Mark] = {}
    labels: dict[tuple[str, str], str] = {}
    for arrow in diagram.relationships:
        pair = (arrow.source, arrow.target)
        statuses = worst_by_pair.get(pair, []) + worst_by_pair.get((arrow.target, arrow.source), []) \
            if arrow.kind in (RelKind.BIREL, RelKind.REL_BACK) else worst_by_pair.get(pair, [])
        status = worst(statuses)
        if status is Status.HEALTHY:
            continue
        arrows[pair] = _STATUS_MARK[status]
        labels[pair] = f"{arrow.label} [{'FAILING' if status is Status.DOWN else 'DEGRADED'}]".strip()
    return mark(diagram, elements, arrows, element_notes=notes, rel_labels=labels, describe=describe)


# ---------------------------------------------------------------------------
# Saga
# ---------------------------------------------------------------------------

_STEP_MARK = {"running": Mark.RUNNING, "done": Mark.DONE, "failed": Mark.FAILED,
              "compensating": Mark.COMPENSATING, "compensated": Mark.COMPENSATED}


def saga_overlay(view: Any, frame: Any, *, aliases: Mapping[str, str] | None = None) -> Diagram:
    """Show one :class:`~c4kit.sim.saga.SagaFrame` on a view.

    Each service is tagged with the state of its step; the arrow carrying
    the current message is labelled with its number and message ("5. Book
    room failed"), and arrows used before list their step numbers.  A reply
    travels along the arrow of its command, drawn in either direction.
    ``aliases`` maps saga participants to diagram aliases where they differ.
    """
    diagram = _as_diagram(view)
    aliases = dict(aliases or {})
    shown = {node.alias for node, _ in diagram.walk()}

    def place(participant: str) -> str:
        return aliases.get(participant, participant)

    elements = {place(s): _STEP_MARK[state.value] for s, state in frame.services if state.value in _STEP_MARK
                and place(s) in shown}
    tags = {alias: f"[{state.value.upper()}]" for alias, state in
            ((place(s), st) for s, st in frame.services) if alias in elements}
    arrows: dict[tuple[str, str], Mark] = {}
    labels: dict[tuple[str, str], str] = {}
    for arrow in diagram.relationships:
        ends = {(arrow.source, arrow.target), (arrow.target, arrow.source)}
        used = [e for e in frame.history if (place(e.source), place(e.target)) in ends]
        if not used:
            continue
        pair = (arrow.source, arrow.target)
        current = frame.event if frame.event in used else None
        if current is not None:
            arrows[pair] = Mark.ACTIVE
            labels[pair] = current.label
        else:
            numbers = ", ".join(str(e.number) for e in used)
            labels[pair] = f"{arrow.label} [step{'s' * (len(used) > 1)} {numbers}]".strip()
            if used[-1].phase == "compensation":
                arrows[pair] = Mark.COMPENSATED
    return mark(diagram, elements, arrows, element_tags=tags, rel_labels=labels, describe=False)


# ---------------------------------------------------------------------------
# Deployment
# ---------------------------------------------------------------------------

def _inside(diagram: Diagram) -> dict[str, set[str]]:
    """Alias -> aliases drawn inside it (for nodes and boundaries)."""
    out: dict[str, set[str]] = {}
    for node, parents in diagram.walk():
        for parent in parents:
            out.setdefault(parent.alias, set()).add(node.alias)
    return out


def rollout_overlay(view: Any, phase: Any, *, groups: Mapping[str, Any], router: Any = None,
                    new_version: str | None = None) -> Diagram:
    """Show one :class:`~c4kit.sim.deploy.Phase` on a view.

    ``groups`` maps the rollout's groups ("blue", "green" / "stable",
    "canary" / the rolling pool) to the box or deployment node that stands for
    each; ``router`` is the load balancer whose arrows to those boxes get the
    traffic share.  ``new_version`` defaults to the version that is not the
    first phase's (read from the phase's placements).
    """
    diagram = _as_diagram(view)
    shown = {node.alias for node, _ in diagram.walk()}
    groups = {group: alias_of(target) for group, target in groups.items()}
    router = None if router is None else alias_of(router)
    for group, alias in groups.items():
        if group not in phase.groups:
            raise C4ModelError(f"the rollout has no group {group!r}", hint=f"its groups: {', '.join(phase.groups)}")
        if alias not in shown:
            raise C4ModelError(f"group {group!r} is mapped to {alias!r}, which is not in the diagram",
                               hint=f"diagram aliases: {', '.join(sorted(shown))}")
    if router is not None and router not in shown:
        raise C4ModelError(f"router {router!r} is not in the diagram", hint="pass the load balancer's alias")
    versions = list(dict.fromkeys(p.version for p in phase.placements))
    new = new_version or (versions[-1] if versions else "")
    elements: dict[str, Mark] = {}
    tags: dict[str, str] = {}
    for group, alias in groups.items():
        running = [p for p in phase.placements if p.group == group and p.replicas > 0]
        traffic = phase.traffic_to(group=group)
        serves_new = any(p.version == new and phase.traffic_to(p.version, group) > 0 for p in running)
        if not running:
            state, words = Mark.IDLE, "empty"
        elif traffic <= 0:
            state = Mark.ROLLED_BACK if phase.state == "rolled back" and any(p.version == new for p in running) \
                else Mark.IDLE
            words = ", ".join(f"{p.version} x{p.replicas}" for p in running) + ", no traffic"
        else:
            state = Mark.NEW if serves_new else Mark.STABLE
            words = ", ".join(f"{p.version} x{p.replicas}" for p in running) + f", {fmt(round(traffic, 1))} % traffic"
        elements[alias] = state
        tags[alias] = f"[{state.value.upper()}: {words}]" if state is not Mark.STABLE else f"[{words}]"
    arrows: dict[tuple[str, str], Mark] = {}
    labels: dict[tuple[str, str], str] = {}
    if router is not None:
        inside = _inside(diagram)
        for arrow in diagram.relationships:
            if arrow.source != router:
                continue
            for group, alias in groups.items():
                if arrow.target == alias or arrow.target in inside.get(alias, set()):
                    share = phase.traffic_to(group=group)
                    labels[(arrow.source, arrow.target)] = f"{arrow.label} ({fmt(round(share, 1))} %)".strip()
                    arrows[(arrow.source, arrow.target)] = elements[alias]
    return mark(diagram, elements, arrows, element_tags=tags, rel_labels=labels, describe=False)


# ---------------------------------------------------------------------------
# Circuit breaker
# ---------------------------------------------------------------------------

_BREAKER_MARK = {"closed": Mark.CLOSED, "open": Mark.OPEN, "half-open": Mark.HALF_OPEN}


def breaker_overlay(view: Any, call: Any, *, breaker: Any, dependency: Any = None, fallback: Any = None) -> Diagram:
    """Show one :class:`~c4kit.sim.breaker.BreakerCall` (or a state) on a view.

    The breaker box is tagged with its state; the arrow breaker -> dependency
    carries the call's outcome, and the arrow breaker -> fallback lights up
    when the fallback answers.
    """
    breaker = alias_of(breaker)
    dependency = None if dependency is None else alias_of(dependency)
    fallback = None if fallback is None else alias_of(fallback)
    state = getattr(call, "state_after", call)
    state_value = getattr(state, "value", state)
    if state_value not in _BREAKER_MARK:
        raise C4ModelError(f"unknown breaker state {state!r}", hint="pass a BreakerCall or a BreakerState")
    elements = {breaker: _BREAKER_MARK[state_value]}
    arrows: dict[tuple[str, str], Mark] = {}
    labels: dict[tuple[str, str], str] = {}
    diagram = _as_diagram(view)
    present = {(r.source, r.target): r for r in diagram.relationships}
    outcome = getattr(call, "outcome", None)
    outcome_value = getattr(outcome, "value", None)
    if dependency is not None and (breaker, dependency) in present:
        rel = present[(breaker, dependency)]
        if outcome_value == "passed":
            ok = getattr(call, "success", None)
            arrows[(breaker, dependency)] = Mark.CLOSED if ok else Mark.OPEN
            labels[(breaker, dependency)] = f"{rel.label} [{call.label}]"
        elif outcome_value is not None or state_value == "open":
            arrows[(breaker, dependency)] = Mark.IDLE
            labels[(breaker, dependency)] = f"{rel.label} [NO CALLS: circuit open]"
    if fallback is not None and (breaker, fallback) in present and outcome_value == "fallback":
        arrows[(breaker, fallback)] = Mark.ACTIVE
        labels[(breaker, fallback)] = f"{present[(breaker, fallback)].label} [{call.label}]"
    return mark(diagram, elements, arrows, rel_labels=labels, describe=False)


def overlay(view: Any, state: Any, **options: Any) -> Diagram:
    """Dispatch on the state's type: failure result, saga frame or run, deployment phase, breaker call."""
    from c4kit.sim.breaker import BreakerCall, BreakerState
    from c4kit.sim.deploy import Phase
    from c4kit.sim.failure import FailureResult
    from c4kit.sim.saga import SagaFrame, SagaRun

    if isinstance(state, FailureResult):
        return failure_overlay(view, state, **options)
    if isinstance(state, SagaRun):
        return saga_overlay(view, state.frames[-1], **options)
    if isinstance(state, SagaFrame):
        return saga_overlay(view, state, **options)
    if isinstance(state, Phase):
        return rollout_overlay(view, state, **options)
    if isinstance(state, (BreakerCall, BreakerState)):
        return breaker_overlay(view, state, **options)
    raise C4ModelError(f"no overlay for {type(state).__name__}",
                       hint="overlay a FailureResult, a SagaFrame, a deployment Phase or a BreakerCall")


__all__ = ["MARKS", "PALETTE", "Mark", "MarkStyle", "breaker_overlay", "failure_overlay", "legend", "mark", "overlay",
           "rollout_overlay", "saga_overlay"]
