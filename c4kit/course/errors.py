"""Errors of the course pipeline: each names the notebook (and cell) and says what to do."""

from __future__ import annotations

from c4kit.errors import C4Error


class CourseError(C4Error):
    """A notebook, diagram or page of the course is not publishable as it stands."""


class NotebookReadError(CourseError):
    """A file that should be a notebook is not valid nbformat JSON."""


class DiagramError(CourseError):
    """One or more diagrams in the course do not render (the message lists each one)."""


class ExecutionFailed(CourseError):
    """One or more notebooks raised while running (the message lists each one)."""


class ExternalURLError(CourseError):
    """An exported page would load something from the network."""
