"""Exercises: generated from the solution notebooks, checked with feedback that teaches.

Two halves, one job each:

* **One source.**  ``solutions/`` holds the exercise notebooks with their model
  answers between nbgrader's markers; ``c4kit exercises build`` generates
  ``exercises/`` from them (:mod:`~c4kit.exercises.generate`,
  :mod:`~c4kit.exercises.build`) and never overwrites a notebook a learner has
  edited (:mod:`~c4kit.exercises.protect`).  The same solutions feed nbgrader
  unchanged.
* **Feedback.**  Tasks are declared as data (:mod:`~c4kit.exercises.tasks`,
  the course's own in :mod:`~c4kit.exercises.catalogue`); :func:`check`
  compares a learner's diagram, prediction or choice with what the task asks
  for, with the linter's findings included, and answers "Passed" or "Not yet"
  with specific things to fix, without printing the model answer.

::

    from c4kit.exercises import check, preview
    check(task_1, "beginner/context/1")
"""

from c4kit.exercises.check import check, preview
from c4kit.exercises.errors import ExerciseError, ExerciseSourceError, TaskDefinitionError, UnknownTaskError
from c4kit.exercises.result import CheckResult, Feedback, Verdict
from c4kit.exercises.tasks import (
    BlastRadiusTask,
    ChoiceTask,
    CompensationTask,
    Concept,
    DiagramTask,
    ElementSpec,
    Forbid,
    Option,
    RelSpec,
    Task,
    all_tasks,
    component,
    container,
    database,
    get_task,
    person,
    queue,
    register,
    system,
)

__all__ = [
    "BlastRadiusTask", "CheckResult", "ChoiceTask", "CompensationTask", "Concept", "DiagramTask", "ElementSpec",
    "ExerciseError", "ExerciseSourceError", "Feedback", "Forbid", "Option", "RelSpec", "Task",
    "TaskDefinitionError", "UnknownTaskError", "Verdict", "all_tasks", "check", "component", "container", "database",
    "get_task", "person", "preview", "queue", "register", "system",
]
