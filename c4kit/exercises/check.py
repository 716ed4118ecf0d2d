"""``check(answer, task)``: specific, friendly feedback on a learner's answer, never the model answer.

::

    from c4kit.exercises import check, preview

    def task_1():
        ...                                   # the learner's code
        return ws.context_view(shop)

    preview(task_1)                           # their diagram, or a friendly "nothing yet"
    check(task_1, "beginner/context/1")       # Passed / Not yet: 2 things to fix

The answer may be the value itself or, better, the function (or a lambda)
that produces it: then a stub that still raises ``NotImplementedError`` reads
"not attempted yet" and a variable not defined yet reads as such, instead of a
traceback (see :mod:`c4kit.exercises.answers`).  ``model`` is what a
non-diagram task is about (the workspace whose blast radius is predicted, the
saga whose compensations are ordered), when the task does not build it itself.
"""

from __future__ import annotations

from typing import Any

from c4kit.errors import C4Error
from c4kit.exercises.answers import as_diagram, call
from c4kit.exercises.compare import compare
from c4kit.exercises.errors import TaskDefinitionError
from c4kit.exercises.predict import check_blast_radius, check_choice, check_compensations
from c4kit.exercises.result import CheckResult, Feedback, Verdict
from c4kit.exercises.tasks import BlastRadiusTask, ChoiceTask, CompensationTask, DiagramTask, Task, get_task


def _task(task: Task | str) -> Task:
    if isinstance(task, str):
        return get_task(task)
    if isinstance(task, Task):
        return task
    raise TaskDefinitionError(f"check() needs a task or a task id, not {type(task).__name__}",
                              hint='pass the id from the exercise, e.g. check(task_1, "beginner/context/1")')


def _model(task: Task, model: Any, factory: Any, what: str) -> Any:
    if model is not None:
        return model
    if factory is not None:
        return factory()
    raise TaskDefinitionError(f"task {task.id!r} needs the {what} it is about",
                              hint=f"pass it to the check: check(answer, {task.id!r}, model=...)")


def check(answer: Any, task: Task | str, *, model: Any = None) -> CheckResult:
    """Check ``answer`` against ``task`` (a :class:`~c4kit.exercises.tasks.Task` or its id)."""
    task = _task(task)
    called = call(answer)

    def verdict(feedback: list[Feedback], praise: str = "") -> CheckResult:
        blocked = any(f.blocking for f in feedback)
        return CheckResult(task.id, task.title, Verdict.NOT_YET if blocked else Verdict.PASSED, tuple(feedback),
                           "" if blocked else praise)

    if called.problem is not None:
        status = Verdict.NOT_YET if called.attempted else Verdict.NOT_ATTEMPTED
        return CheckResult(task.id, task.title, status, (called.problem,))
    value = called.value
    try:
        if isinstance(task, DiagramTask):
            answer_diagram = as_diagram(value, task.diagram, task.scope)  # type: ignore[arg-type]
            if answer_diagram.problem is not None:
                return verdict([answer_diagram.problem])
            return verdict(*compare(answer_diagram, task))
        if isinstance(task, BlastRadiusTask):
            return verdict(*check_blast_radius(value, task, _model(task, model, task.model, "model")))
        if isinstance(task, CompensationTask):
            return verdict(*check_compensations(value, task, _model(task, model, task.saga, "saga")))
        if isinstance(task, ChoiceTask):
            return verdict(*check_choice(value, task))
    except TaskDefinitionError:
        raise  # the exercise is wrong, not the learner: say so loudly
    except C4Error as err:
        return verdict([Feedback("model-error", err.message, err.hint)])
    raise TaskDefinitionError(f"no checker for {type(task).__name__}",
                              hint="use DiagramTask, BlastRadiusTask, CompensationTask or ChoiceTask")


def preview(answer: Any, task: Task | str | None = None) -> None:
    """Show the learner's diagram (flowchart, with its C4 Mermaid source one click away), or why there is none.

    Meant for the cell between an answer and its check: it never raises, so a
    fresh exercise shows "nothing to draw yet" instead of a traceback.
    """
    from c4kit.display.bundle import error_bundle, mimebundle
    from c4kit.display.show import publish, source_bundle

    kind = scope = None
    if task is not None:
        resolved = _task(task)
        if isinstance(resolved, DiagramTask):
            kind, scope = resolved.diagram, resolved.scope
    called = call(answer)
    problem = called.problem
    drawn = None
    if problem is None:
        drawn = as_diagram(called.value, kind, scope or "")  # type: ignore[arg-type]
        problem = drawn.problem
    if problem is not None:
        text = "Nothing to draw yet. " + problem.message if not called.attempted else problem.message
        publish({"text/plain": text + (f"\n{problem.hint}" if problem.hint else ""),
                 "text/markdown": f"*{text}*" + (f" {problem.hint}" if problem.hint else "")})
        return
    assert drawn is not None and drawn.diagram is not None
    try:
        flowchart, c4_text = drawn.diagram.to_flowchart(), drawn.diagram.to_mermaid()
    except C4Error as err:
        publish(error_bundle(err))
        return
    publish(mimebundle(flowchart, title=drawn.diagram.title))
    publish(source_bundle(c4_text))
