"""Checks for answers that are not diagrams: a predicted blast radius, a compensation order, a choice.

Each compares the learner's answer with what the kit's own simulations say
(:func:`c4kit.sim.blast_radius`, :meth:`c4kit.sim.Saga.run`) or with the
task's declared options, and explains the difference without handing out the
answer: a learner who missed an element hears where to look ("who calls
'Shop API' and waits for its answer?"), not which element it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from c4kit.errors import C4Error
from c4kit.exercises.answers import view_for
from c4kit.exercises.names import is_typo_of, matches_any, mentions, same_name, words
from c4kit.exercises.result import Feedback
from c4kit.exercises.tasks import BlastRadiusTask, ChoiceTask, CompensationTask

Outcome = tuple[list[Feedback], str]


def _names_in(value: Any) -> list[str] | None:
    """A collection of names from a set / list / tuple of strings or elements; ``None`` if it is not one."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return None
    out = []
    for item in value:
        name = getattr(item, "name", None) or getattr(item, "label", None) or item
        if not isinstance(name, str):
            return None
        out.append(name)
    return out


def _listing(names: Iterable[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    return ", ".join(quoted[:-1]) + (" and " if len(quoted) > 1 else "") + quoted[-1] if quoted else "none"


def _need_collection(what: str, example: str) -> Feedback:
    return Feedback("wrong-answer-type", f"The answer should be a collection of {what}.",
                    f"Return a set or a list of strings, e.g. {example}.")


# ---------------------------------------------------------------------------
# Blast radius
# ---------------------------------------------------------------------------

def check_blast_radius(value: Any, task: BlastRadiusTask, model: Any) -> Outcome:
    """Compare a predicted set of element names with :func:`c4kit.sim.blast_radius`."""
    from c4kit.model.workspace import Workspace
    from c4kit.sim import blast_radius
    from c4kit.sim.topology import Topology

    predicted = _names_in(value)
    if predicted is None:
        return [_need_collection("element names", '{"Web Shop", "Shop API"}')], ""
    topology = Topology.of(model)
    by_name = {n.alias: n.name for n in topology.nodes}
    faults = []
    for fault in task.faults:
        alias = next((a for a, n in by_name.items() if same_name(n, fault)), None)
        if alias is None:
            raise C4Error(f"task {task.id!r} fails {fault!r}, which is not an element of the model it was given",
                          hint="pass the model the task is about: check(answer, task, model=ws)")
        faults.append(alias)
    result = blast_radius(model, faults)
    view = view_for(model, task.level, task.scope) if isinstance(model, Workspace) else model
    shown = [e for e in view.to_diagram().elements() if e.kind.value != "person"]
    fault_set = set(faults)
    candidates = {e.alias: e.label for e in shown if e.alias not in fault_set}
    people = {e.alias: e.label for e in view.to_diagram().elements() if e.kind.value == "person"}
    counted = {"down"} if task.status == "down" else {"down", "degraded"}
    expected = {a for a in candidates if result.status(a).value in counted}

    feedback: list[Feedback] = []
    chosen: set[str] = set()
    every = {**candidates, **people, **{a: by_name[a] for a in faults}}
    for name in predicted:
        alias = next((a for a, label in every.items() if same_name(label, name) or same_name(a, name)), None)
        if alias is None:
            alias = next((a for a, label in every.items() if is_typo_of(name, label)), None)
            if alias is not None:
                feedback.append(Feedback("spelling", f"'{name}' looks like a misspelling of '{every[alias]}'; "
                                         "it is read as that.", "Use the names on the boxes exactly.",
                                         blocking=False))
        if alias is None:
            feedback.append(Feedback("unknown-element", f"There is no element called '{name}' on the diagram.",
                                     f"Use the names on the boxes: {_listing(candidates.values())}."))
        elif alias in fault_set:
            feedback.append(Feedback("fault-listed", f"'{every[alias]}' is the part that fails, so there is no need "
                                     "to list it.", "The question is what else stops working because of it.",
                                     blocking=False))
        elif alias in people:
            feedback.append(Feedback("person-listed", f"'{every[alias]}' is a person: people are not 'down'.",
                                     "Leave people out; whether they can still do what they came for is a question "
                                     "of the user journeys.", blocking=False))
        else:
            chosen.add(alias)
    for alias in sorted(chosen - expected, key=list(candidates).index):
        status = result.status(alias).value
        if status == "degraded":
            feedback.append(Feedback("degraded-not-down", f"'{candidates[alias]}' is affected, but only degraded: "
                                     "it keeps answering, slower or with less. Either a protection on one of its "
                                     "calls (a queue, a circuit breaker, a timeout) keeps part of it working, or "
                                     "what it waits for is itself only degraded.", "This task asks for the elements "
                                     "that stop working entirely."))
        else:
            feedback.append(Feedback("healthy-predicted", f"'{candidates[alias]}' keeps working: nothing it waits for "
                                     "stops.", "Check what it calls: an asynchronous hand-over (to a queue) does "
                                     "not wait for the receiver, and a call to something still healthy is fine."))
    missed = expected - chosen
    if missed:
        known = fault_set | (chosen & expected)
        hints = []
        for alias in sorted(missed, key=list(candidates).index):
            callee = next((r.target for r in result.relationships
                           if r.source == alias and r.target in known and r.status.value == "down"), None)
            if callee is not None and callee not in hints:
                hints.append(callee)
        where = (f"who calls {_listing(every[a] for a in hints)} and waits for the answer?" if hints else
                 "follow the arrows backwards from what fails: whoever calls a stopped element and waits for its "
                 "answer (a synchronous call with no protection) stops too.")
        n = len(missed)
        that = (f"that stop{'s' if n == 1 else ''} working" if task.status == "down" else
                f"that {'is' if n == 1 else 'are'} affected")
        feedback.append(Feedback("missed-elements", f"{n} element{'s' if n != 1 else ''} {that} "
                                 f"{'is' if n == 1 else 'are'} missing from your prediction.", f"Ask: {where}"))
    n = len(expected)
    what = ("stop" + ("s" if n == 1 else "") + " working") if task.status == "down" else \
        ("is" if n == 1 else "are") + " affected"
    besides = _listing(by_name[a] for a in faults)
    praise = (f"Right: besides {besides}, exactly {n} element{'s' if n != 1 else ''} of the diagram {what}. The "
              "simulation says why, element by element.")
    return feedback, praise


# ---------------------------------------------------------------------------
# Saga compensations
# ---------------------------------------------------------------------------

def _step_of(name: str, steps: Iterable[Any]) -> Any:
    for step in steps:
        keys = [step.name, step.action, step.compensation]
        if matches_any(name, [k for k in keys if k]) or any(is_typo_of(name, k) for k in keys if k):
            return step
    return None


def check_compensations(value: Any, task: CompensationTask, saga: Any) -> Outcome:
    """Compare a list of steps (or their compensations) with the order the saga really undoes them."""
    order = _names_in(value)
    if order is None or isinstance(value, (set, frozenset)):
        return [Feedback("wrong-answer-type", "The answer should be a list, in order: the first compensation "
                         "first.", 'Return a list of strings, e.g. ["Undo the second step", "Undo the first '
                                   'step"].')], ""
    run = saga.run(task.fail_at, style=task.style)
    expected = list(run.compensated)
    steps = list(saga.steps)
    failed = run.fail_at
    after_failure = {s.name for s in steps[[s.name for s in steps].index(failed) + 1:]} if failed else set()
    feedback: list[Feedback] = []
    listed: list[str] = []
    for name in order:
        step = _step_of(name, steps)
        if step is None:
            feedback.append(Feedback("unknown-step", f"'{name}' is not a step of the saga.",
                                     f"Use the step names (or their compensations): "
                                     f"{_listing(s.name for s in steps)}."))
        elif step.name in listed:
            feedback.append(Feedback("listed-twice", f"'{step.name}' is listed twice: each completed step is undone "
                                     "once.", "Remove the second one."))
        elif step.name == failed:
            feedback.append(Feedback("failed-step-compensated", f"'{step.name}' is the step that failed: its own "
                                     "local transaction already rolled back, so there is nothing to compensate.",
                                     "Leave it out."))
        elif step.name in after_failure:
            feedback.append(Feedback("never-ran", f"'{step.name}' never ran: the saga stopped at '{failed}', so "
                                     "there is nothing to undo.", "Leave it out."))
        else:
            listed.append(step.name)
    missing = [s for s in expected if s not in listed]
    if missing:
        n = len(missing)
        feedback.append(Feedback("missing-compensation", f"{n} step{'s' if n != 1 else ''} that completed before the "
                                 f"failure {'is' if n == 1 else 'are'} not undone.",
                                 "Every step that completed must be compensated, or the data stays half changed."))
    elif not feedback and listed != expected:
        feedback.append(Feedback("wrong-order", "The right compensations, in the wrong order.",
                                 "Compensations run in reverse: the step that completed last is undone first."))
    n = len(expected)
    praise = f"Right: {n} compensation{'s' if n != 1 else ''}, the most recent step undone first."
    return feedback, praise


# ---------------------------------------------------------------------------
# Choose and justify
# ---------------------------------------------------------------------------

def _choice_and_reason(value: Any) -> tuple[Any, str] | None:
    if isinstance(value, str):
        return value, ""
    if isinstance(value, Mapping):
        choice = value.get("choice", value.get("strategy", value.get("option")))
        reason = value.get("why", value.get("justification", value.get("reason", "")))
        return choice, reason if isinstance(reason, str) else ""
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return value[0], value[1] if isinstance(value[1], str) else ""
    return None


def check_choice(value: Any, task: ChoiceTask) -> Outcome:
    """The option chosen, then whether the justification touches every concept the task names."""
    keys = _listing(o.key for o in task.options)
    parsed = _choice_and_reason(value)
    if parsed is not None and isinstance(parsed[0], (int, float)) and not isinstance(parsed[0], bool):
        parsed = (f"{parsed[0]:g}", parsed[1])  # 25 for "25": the options are words, a number is one too
    if parsed is None or not isinstance(parsed[0], str):
        return [Feedback("wrong-answer-type", "The answer should be your choice and your reason.",
                         f'Return a pair: ("one of {keys}", "why, in a sentence or two").')], ""
    choice, reason = parsed
    option = next((o for o in task.options if matches_any(choice, o.names)), None)
    if option is None:
        return [Feedback("unknown-option", f"'{choice}' is not one of the options.", f"Choose one of {keys}.")], ""
    feedback: list[Feedback] = []
    if not option.correct:
        feedback.append(Feedback("wrong-option", f"'{option.label or option.key}' is not the best fit here"
                                 + (f": {option.why_not}" if option.why_not else "."),
                                 "Read the requirements again and compare what each option does."))
        return feedback, ""
    if len(words(reason)) < task.min_words:
        feedback.append(Feedback("short-justification", "Good choice. Now say why, in a sentence or two "
                                 f"(at least {task.min_words} words).",
                                 "Connect the requirements in the brief with what this option does."))
        return feedback, ""
    for concept in task.concepts:
        if not any(mentions(reason, w) for w in concept.words):
            feedback.append(Feedback("missing-concept", f"Your reason does not say anything yet about {concept.hint}.",
                                     "Add a sentence about it."))
    return feedback, f"Right choice, and your reason covers {'the points that matter' if task.concepts else 'it'}."
