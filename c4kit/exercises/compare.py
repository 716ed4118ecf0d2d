"""A learner's diagram against a :class:`~c4kit.exercises.tasks.DiagramTask`: what is missing, what is off.

The comparison works on meaning, not text: boxes are matched to the task's
element specs by name (see :mod:`c4kit.exercises.names`), arrows by the boxes
at their ends.  Feedback is written the way a reviewer would say it, with the
fix in the learner's own notation (Python model or Mermaid text), in this
order:

1. the diagram kind (a container diagram where a context diagram was asked
   for is the one thing to fix first, so nothing else is reported);
2. missing boxes, then boxes of the wrong kind, external when they should not
   be (or the other way round), the wrong shape, a missing technology, outside
   the boundary they belong in;
3. arrows: missing, pointing the wrong way, two-way, unlabelled, with a label
   that does not say what happens, without the protocol asked for; in a
   dynamic diagram, steps out of order;
4. boxes that must not be there, and extra boxes when the task allows none;
5. the linter's findings on the same diagram, minus those already said above.

**No answer leakage.**  Boxes and arrows the learner drew are named with the
learner's own labels.  A required element the learner did not draw is named
only when its spec says the brief names it; otherwise the spec's hint speaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from c4kit.exercises.answers import DiagramAnswer, Form
from c4kit.exercises.names import is_typo_of, matches_any, mentions, normalise, same_name, similarity
from c4kit.exercises.result import Feedback
from c4kit.exercises.tasks import DiagramTask, ElementSpec, RelSpec
from c4kit.linter import Severity
from c4kit.model.diagram import (
    Boundary,
    DeploymentNode,
    Diagram,
    DiagramKind,
    Element,
    ElementKind,
    Relationship,
    RelKind,
    Shape,
)

_REPLICAS = re.compile(r"\(\s*x\s*(\d+)\s*\)\s*$", re.IGNORECASE)
_KIND = {ElementKind.PERSON: "a person", ElementKind.SYSTEM: "a software system",
         ElementKind.CONTAINER: "a container", ElementKind.COMPONENT: "a component"}
_SHAPE = {Shape.DB: "a database", Shape.QUEUE: "a queue"}
_PY_FACTORY = {ElementKind.PERSON: 'ws.person("Name", "Description")',
               ElementKind.SYSTEM: 'ws.system("Name", "Description")',
               ElementKind.CONTAINER: 'system.container("Name", "Technology", "Description")',
               ElementKind.COMPONENT: 'container.component("Name", "Technology", "Description")'}
_MERMAID_MACRO = {ElementKind.PERSON: 'Person(alias, "Name", "Description")',
                  ElementKind.SYSTEM: 'System(alias, "Name", "Description")',
                  ElementKind.CONTAINER: 'Container(alias, "Name", "Technology", "Description")',
                  ElementKind.COMPONENT: 'Component(alias, "Name", "Technology", "Description")'}
_VIEW_METHOD = {DiagramKind.CONTEXT: "ws.context_view(system)", DiagramKind.CONTAINER: "ws.container_view(system)",
                DiagramKind.COMPONENT: "ws.component_view(container)",
                DiagramKind.DYNAMIC: 'ws.dynamic_view("Title") with its steps',
                DiagramKind.DEPLOYMENT: "ws.deployment_view(environment)"}


def kind_words(kind: ElementKind | None, shape: Shape | None = None, external: bool | None = None) -> str:
    """``"an external software system"``, ``"a database"``, ``"a person"`` ..."""
    if kind is None:
        return "an element"
    if shape in _SHAPE:
        return _SHAPE[shape]  # type: ignore[index]
    words = _KIND[kind]
    if external:
        words = "an external " + words[2:]
    return words


def _q(label: str) -> str:
    return f"'{label}'"


@dataclass
class _Comparison:
    """The state of one comparison: matches found so far and feedback written so far."""

    diagram: Diagram
    task: DiagramTask
    form: Form
    feedback: list[Feedback] = field(default_factory=list)
    #: (lint rule id, alias) pairs already said in the task's own words.
    covers: set[tuple[str, str]] = field(default_factory=set)
    matched: dict[str, Element] = field(default_factory=dict)
    frames: dict[str, tuple[str, ...]] = field(default_factory=dict)
    model_names: tuple[str, ...] = ()

    def say(self, topic: str, message: str, hint: str = "", *, blocking: bool = True,
            covers: tuple[tuple[str, str], ...] = ()) -> None:
        self.feedback.append(Feedback(topic, message, hint, blocking))
        self.covers.update(covers)

    def how(self, python: str, mermaid: str) -> str:
        """The fix in the notation the learner used."""
        return python if self.form == "python" else mermaid


# ---------------------------------------------------------------------------
# Elements
# ---------------------------------------------------------------------------

def _match_elements(c: _Comparison) -> None:
    """Specs to boxes, one to one: exact names first, then aliases, then near misses (with a spelling tip)."""
    free = list(c.diagram.elements())
    specs = list(c.task.elements)

    def take(spec: ElementSpec, element: Element) -> None:
        c.matched[spec.name] = element
        free.remove(element)

    for attribute in ("label", "alias"):
        for spec in specs:
            if spec.name in c.matched:
                continue
            found = next((e for e in free if spec.is_called(getattr(e, attribute))), None)
            if found is not None:
                take(spec, found)
    for spec in specs:
        if spec.name in c.matched or not free:
            continue
        best = max(free, key=lambda e: max(similarity(e.label, n) for n in spec.names))
        near = next((n for n in spec.names if is_typo_of(best.label, n)), None)
        if near is not None:
            take(spec, best)
            if spec.named:
                c.say("spelling", f"{_q(best.label)} looks like a misspelling of {_q(near)}, the name the task uses.",
                      "Correct the spelling so that readers (and searches) find it.", blocking=False)


def _python_factory(spec: ElementSpec) -> str:
    """How to create what a spec describes, in Python: ``ws.system("Name", "Description", external=True)``."""
    if spec.kind is None:
        return "the factory of its kind (ws.person, ws.system, system.container ...)"
    text = _PY_FACTORY[spec.kind]
    if spec.shape in (Shape.DB, Shape.QUEUE):
        text = text.replace(".container(", ".database(" if spec.shape is Shape.DB else ".queue(")
        text = text.replace(".component(", ".database(" if spec.shape is Shape.DB else ".queue(")
        text = text.replace("ws.system(", "ws.database(" if spec.shape is Shape.DB else "ws.queue(")
    if spec.external:
        text = text[:-1] + ", external=True)"
    return text


def _mermaid_macro(spec: ElementSpec) -> str:
    """The same in Mermaid: ``System_Ext(alias, "Name", "Description")``."""
    if spec.kind is None:
        return "the statement of its kind (Person, System, Container ...)"
    macro = _MERMAID_MACRO[spec.kind]
    head, rest = macro.split("(", 1)
    suffix = {Shape.DB: "Db", Shape.QUEUE: "Queue"}.get(spec.shape, "")  # type: ignore[arg-type]
    return f"{head}{suffix}{'_Ext' if spec.external else ''}({rest}"


def _check_missing(c: _Comparison) -> None:
    for spec in c.task.elements:
        if spec.name in c.matched:
            continue
        how = c.how(f"add it with {_python_factory(spec)}", f"add a line {_mermaid_macro(spec)}")
        in_model = next((n for n in c.model_names if spec.is_called(n)), None)
        if in_model is not None and spec.named:
            c.say("not-in-view", f"{_q(in_model)} is in your model, but not on this view: a view shows only the "
                                 "elements connected to what it is about.",
                  "Add the relationship that connects it (who uses it, or what it uses).")
        elif spec.named:
            c.say("missing-element", f"Your diagram has no box for {spec.name} "
                                     f"({kind_words(spec.kind, spec.shape, spec.external)}).", how)
        else:
            what = spec.hint or f"{kind_words(spec.kind, spec.shape, spec.external)} the brief describes"
            c.say("missing-element", f"Something is still missing: {what}.", how)


def _check_element(c: _Comparison, spec: ElementSpec, el: Element) -> None:
    label = _q(el.label)
    if spec.kind is not None and el.kind is not spec.kind:
        c.say("wrong-kind", f"{label} is drawn as {kind_words(el.kind)}, but it is {kind_words(spec.kind)} here.",
              c.how(f"create it with {_python_factory(spec)}", f"use {_mermaid_macro(spec)}"))
        return  # shape, technology and the rest follow from the kind: fix that first
    if spec.external is True and not el.external:
        c.say("not-external", f"{label} belongs to someone outside the organisation, but it is drawn as an internal "
                              f"{kind_words(el.kind)[2:]}.",
              c.how("pass external=True when you create it", "use the _Ext form (System_Ext, Person_Ext, ...)"))
    elif spec.external is False and el.external:
        c.say("wrongly-external", f"{label} is part of the organisation, but it is drawn as external.",
              c.how("drop external=True", "drop the _Ext from its macro"))
    if spec.shape is not None and el.shape is not spec.shape:
        if spec.shape is Shape.PLAIN:
            c.say("wrong-shape", f"{label} is drawn as {_SHAPE[el.shape]}, but it is not one.",
                  c.how("create it with .container(...) / .system(...)", "drop the Db / Queue from its macro"))
        else:
            what = "stores data" if spec.shape is Shape.DB else "carries messages"
            method = "database" if spec.shape is Shape.DB else "queue"
            suffix = "Db" if spec.shape is Shape.DB else "Queue"
            c.say("wrong-shape", f"{label} {what}, so draw it as {_SHAPE[spec.shape]}.",
                  c.how(f"create it with .{method}(...) instead of .container(...)",
                        f"use Container{suffix} (System{suffix}, Component{suffix})"))
    _check_technology(c, spec, el)
    _check_replicas(c, spec, el)
    if spec.inside and not any(_within(frame, spec.inside) for frame in c.frames.get(el.alias, ())):
        c.say("outside-boundary", f"{label} should be drawn inside {spec.inside}.",
              c.how(f"create it through the group or node for {spec.inside} ({_inside_example(c, el)})",
                    f"move its line inside the block of {spec.inside} (between its {{ and }})"))


def _inside_example(c: _Comparison, el: Element) -> str:
    """How the learner's kind of box is created inside something, in the view the task asks for."""
    if c.diagram.kind is DiagramKind.DEPLOYMENT:
        if el.is_infrastructure:
            return 'for example node.infrastructure("Load Balancer", "AWS ALB")'
        return "for example node.instance(api, replicas=3), where node is the deployment node"
    factory = {ElementKind.PERSON: "person", ElementKind.SYSTEM: "system", ElementKind.CONTAINER: "container",
               ElementKind.COMPONENT: "component"}[el.kind]
    owner = {ElementKind.CONTAINER: "system", ElementKind.COMPONENT: "container"}.get(el.kind, "group")
    example = f'for example {owner}.{factory}("{el.label}", ...)'
    return example if owner == "group" else f"{example}, or group.{factory}(...) for a group inside it"



def _within(frame: str, inside: str) -> bool:
    key = normalise(inside)
    return same_name(frame, inside) or (bool(key) and key in normalise(frame))


def _check_replicas(c: _Comparison, spec: ElementSpec, el: Element) -> None:
    if spec.replicas is None:
        return
    marker = _REPLICAS.search(el.label)
    count = int(marker.group(1)) if marker else 1
    if count != spec.replicas:
        said = f"the brief asks for {spec.replicas}" if spec.named else "check the number against the brief"
        c.say("wrong-replicas", f"{_q(el.label)} runs as {count} instance{'s' if count != 1 else ''}, but {said}.",
              c.how(f"place it with node.instance(container, replicas={spec.replicas if spec.named else 'N'})",
                    'write the count after the name, e.g. "Shop API (x3)"'))


def _technology_call(el: Element) -> tuple[str, str]:
    """The model method and the Mermaid statement that create the learner's kind of box, technology included."""
    if el.is_infrastructure:
        return "infrastructure", "Container"
    factory = {Shape.DB: "database", Shape.QUEUE: "queue"}.get(el.shape) or \
        {ElementKind.COMPONENT: "component"}.get(el.kind, "container")
    return factory, el.statement


def _check_technology(c: _Comparison, spec: ElementSpec, el: Element) -> None:
    if spec.technology is False:
        return
    label = _q(el.label)
    if not el.technology.strip():
        factory, statement = _technology_call(el)
        c.say("missing-technology", f"{label} has no technology: say what it is built with.",
              c.how(f"give it as the second argument: .{factory}(name, technology, description)",
                    f"give it as the third argument: {statement}(alias, label, technology, description)"),
              covers=(("missing-technology", el.alias),))
    elif isinstance(spec.technology, str) and not mentions(el.technology, spec.technology):
        if spec.named:
            c.say("wrong-technology", f"The brief says {spec.name} is built with {spec.technology}, but its "
                                      f"technology reads {_q(el.technology)}.", "Use the technology the brief gives.")
        else:
            c.say("wrong-technology", f"Check the technology of {label} against the brief.",
                  "Use the technology the brief gives.")


# ---------------------------------------------------------------------------
# Relationships
# ---------------------------------------------------------------------------

def _position(rels: list[Relationship], rel: Relationship) -> int:
    return rel.index if rel.index is not None else rels.index(rel) + 1


def _check_relationship(c: _Comparison, spec: RelSpec, found: dict[int, Relationship]) -> None:
    s_spec, t_spec = c.task.spec(spec.source), c.task.spec(spec.target)
    source = c.matched.get(s_spec.name) if s_spec else None
    target = c.matched.get(t_spec.name) if t_spec else None
    if source is None or target is None:
        return  # the missing box is reported already; the arrow follows once it is drawn
    rels = c.diagram.relationships
    forward = [r for r in rels if r.source == source.alias and r.target == target.alias]
    backward = [r for r in rels if r.source == target.alias and r.target == source.alias]
    s, t = _q(source.label), _q(target.label)
    two_way = next((r for r in forward + backward if r.kind is RelKind.BIREL), None)
    if two_way is not None:
        way = f"from {s} to {t}" if spec.named else "from the one that starts the interaction"
        c.say("two-way-relationship", f"{s} and {t} are joined by a two-way arrow, which hides who calls whom.",
              c.how(f"use a.uses(b, ...) without bidirectional=True, {way}", f"use Rel instead of BiRel, {way}"),
              covers=(("bidirectional-initiator", two_way.source), ("bidirectional-relationship", two_way.source)))
        return
    if not forward:
        # A missing arrow is why an element is an orphan: the linter need not say it again.
        orphans = (("orphan-element", source.alias), ("orphan-element", target.alias))
        c.covers.update(orphans)
        if backward and not _answers_the_reverse(c, spec):
            fix = "turn it around" if spec.named else "ask which of the two starts the interaction: the arrow " \
                                                       "starts there"
            c.say("reversed-relationship", f"The arrow between {s} and {t} points from {t} to {s}.",
                  f"An arrow starts at the element that starts the interaction and depends on the other: {fix}.")
        elif spec.named:
            c.say("missing-relationship", f"Nothing connects {s} to {t} yet, but the brief says they interact.",
                  spec.about or c.how(f"add {source.alias}.uses({target.alias}, \"what it does\")",
                                      f'add Rel({source.alias}, {target.alias}, "what it does")'))
        else:
            c.say("missing-relationship", f"A relationship is still missing{': ' + spec.hint if spec.hint else '.'}",
                  "Read the brief again and follow each sentence that says who does what with whom.")
        return
    rel = forward[0]
    found[id(spec)] = rel
    if not rel.label.strip():
        c.say("unlabelled-relationship", f"{s} talks to {t}, but the relationship has no label: say what it does.",
              c.how(f'give a verb phrase: {source.alias}.uses({target.alias}, "Sends ... to")',
                    f'give a verb phrase: Rel({rel.source}, {rel.target}, "Sends ... to")'),
              covers=(("unlabelled-relationship", rel.source),))
    elif spec.verbs and not any(mentions(rel.label, verb) for verb in spec.verbs):
        c.say("vague-label", f"The label {_q(rel.label)} on the arrow from {s} to {t} does not yet say what the "
                             "brief describes.",
              spec.about or f"Use a verb phrase that says what {s} does with {t}.")
    _check_rel_technology(c, spec, rel, s, t)


def _answers_the_reverse(c: _Comparison, spec: RelSpec) -> bool:
    """Whether the task also asks for the arrow the other way (a registry checks a service's health,
    the service registers with it): the learner's backward arrow is that one, not this one reversed."""
    names = {spec.source, spec.target}
    return any(other is not spec and {other.source, other.target} == names and other.source == spec.target
               for other in c.task.relationships)


def _check_rel_technology(c: _Comparison, spec: RelSpec, rel: Relationship, s: str, t: str) -> None:
    if spec.technology is False:
        return
    if not rel.technology.strip():
        c.say("missing-rel-technology", f"The arrow from {s} to {t} does not say how they communicate.",
              c.how('give the protocol as the third argument of uses(): a.uses(b, "Reads from", "SQL")',
                    'give the protocol as the fourth argument: Rel(a, b, "Reads from", "SQL")'),
              covers=(("relationship-missing-technology", rel.source),))
    elif isinstance(spec.technology, str) and not mentions(rel.technology, spec.technology):
        said = f"the brief says {spec.technology}" if spec.named else "check it against the brief"
        c.say("wrong-rel-technology", f"The arrow from {s} to {t} says {_q(rel.technology)}, but {said}.",
              "Use the protocol the brief gives.")


def _check_order(c: _Comparison, found: dict[int, Relationship]) -> None:
    rels = c.diagram.relationships
    steps = [(spec, found[id(spec)]) for spec in c.task.relationships if id(spec) in found]
    names = {e.alias: e.label for e in c.diagram.elements()}
    for (_, first), (_, second) in pairwise(steps):
        a, b = _position(rels, first), _position(rels, second)
        if a > b:
            c.say("steps-out-of-order",
                  f"Step {b} ({_q(names.get(second.source, second.source))} to "
                  f"{_q(names.get(second.target, second.target))}) comes before step {a} "
                  f"({_q(names.get(first.source, first.source))} to {_q(names.get(first.target, first.target))}), "
                  "but in the story it happens after it.",
                  c.how("add the steps in the order things happen: the order of view.step(...) is the numbering",
                        "write the Rel lines in the order things happen (or fix their RelIndex numbers)"))
            return


# ---------------------------------------------------------------------------
# The whole comparison
# ---------------------------------------------------------------------------

def _frames(diagram: Diagram) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for node, parents in diagram.walk():
        if isinstance(node, Element):
            out[node.alias] = tuple(p.label for p in parents if isinstance(p, (Boundary, DeploymentNode)))
    return out


def _check_forbidden_and_extra(c: _Comparison) -> None:
    matched = {id(e) for e in c.matched.values()}
    for el in c.diagram.elements():
        rule = next((f for f in c.task.forbid
                     if (f.kind is not None and el.kind is f.kind)
                     or (f.name and matches_any(el.label, (f.name, *f.synonyms)))), None)
        if rule is not None:
            c.say("forbidden-element", f"{_q(el.label)} is {kind_words(el.kind)} and does not belong on this "
                                       f"diagram: {rule.reason}.", "Remove it from this view.",
                  covers=(("wrong-level", el.alias),))
        elif not c.task.allow_extra and id(el) not in matched:
            c.say("extra-element", f"{_q(el.label)} is not part of what this task describes.",
                  "Remove it, or check that its name matches the one in the brief.")


def _add_lint(c: _Comparison, answer: DiagramAnswer) -> None:
    for finding in answer.findings:
        if (finding.rule_id, finding.alias or "") in c.covers:
            continue
        message = finding.message[:1].upper() + finding.message[1:]
        blocking = finding.severity is Severity.ERROR or (c.task.lint and finding.severity is Severity.WARNING)
        c.say(f"lint:{finding.rule_id}", f"{message} (linter rule {finding.rule_id}).", finding.fix,
              blocking=blocking)


def _all(n: int, noun: str) -> str:
    """``"the relationship"``, ``"both elements"``, ``"all 5 elements"`` (``""`` for none)."""
    return {0: "", 1: f"the {noun}", 2: f"both {noun}s"}.get(n, f"all {n} {noun}s")


def compare(answer: DiagramAnswer, task: DiagramTask) -> tuple[list[Feedback], str]:
    """Feedback on ``answer`` for ``task``, and a sentence of praise for when nothing blocks."""
    diagram = answer.diagram
    assert diagram is not None
    c = _Comparison(diagram, task, answer.form, frames=_frames(diagram), model_names=answer.model_names)
    expected = task.diagram
    assert isinstance(expected, DiagramKind)
    if diagram.kind is not expected:
        c.say("wrong-diagram-kind", f"This is a {diagram.kind.level_name} ({diagram.kind.value}), but the task asks "
                                    f"for a {expected.level_name} ({expected.value}).",
              c.how(f"return {_VIEW_METHOD[expected]}", f"start the text with {expected.value}"))
        return c.feedback, ""
    _match_elements(c)
    _check_missing(c)
    for spec in task.elements:
        if spec.name in c.matched:
            _check_element(c, spec, c.matched[spec.name])
    found: dict[int, Relationship] = {}
    for rel in task.relationships:
        _check_relationship(c, rel, found)
    if task.ordered:
        _check_order(c, found)
    _check_forbidden_and_extra(c)
    _add_lint(c, answer)
    parts = [_all(len(task.elements), "element"), _all(len(task.relationships), "relationship")]
    parts = [p for p in parts if p]
    shows = f"Your diagram shows {' and '.join(parts)} the task asks for" if parts else "Your diagram is complete"
    clean = ", and the linter has nothing to add." if not answer.findings else "."
    return c.feedback, shows + clean
