"""Errors of the exercises layer: each says which file, which cell and how to fix it.

An instructor who mistypes a marker in a solution notebook should read one
sentence naming the notebook, the cell and the line, not a traceback from the
generator; a learner who mistypes a task id should get the closest id back.
"""

from __future__ import annotations

from c4kit.errors import C4Error


class ExerciseError(C4Error):
    """Base class for everything the exercises layer refuses."""


class ExerciseSourceError(ExerciseError, ValueError):
    """A solution notebook that cannot become an exercise (markers, nbgrader metadata, JSON)."""


class UnknownTaskError(ExerciseError, KeyError):
    """A check cell named a task id that no catalogue declares."""

    def __str__(self) -> str:  # KeyError would quote the message
        return C4Error.__str__(self)


class TaskDefinitionError(ExerciseError, ValueError):
    """A task declared in a way the checker cannot use (an unknown element in a relationship, say)."""
