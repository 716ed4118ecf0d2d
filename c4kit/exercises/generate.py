"""Turn one solution notebook into its exercise: answers out, hidden tests out, outputs out.

Pure: a notebook in, a new notebook out, nothing read or written; the file
side (which notebooks, where they go, learner edits) is :mod:`c4kit.exercises.build`.
What changes, cell by cell (nbgrader's own rules, see :mod:`~c4kit.exercises.markers`):

* solution cells: each ``BEGIN SOLUTION``..``END SOLUTION`` region becomes the
  stub (``# YOUR CODE HERE`` / ``raise NotImplementedError()`` in code,
  ``YOUR ANSWER HERE`` in markdown) indented like its marker, so a function
  signature above the region still reads as a function; a solution cell with no
  region becomes the stub as a whole;
* graded cells: ``BEGIN HIDDEN TESTS``..``END HIDDEN TESTS`` regions vanish;
* every code cell: outputs and execution count cleared;
* cells nbgrader tracks are made undeletable (tests and read-only cells also
  uneditable), as nbgrader's ``LockCells`` does for its release version;
* the nbgrader metadata is kept, so the exercise can be collected and
  autograded; run bookkeeping (papermill, timings, widget state) is dropped.

The result is deterministic: the same solution gives the same bytes (see
:func:`to_bytes`), which is what lets CI say "exercises/ is out of date".
"""

from __future__ import annotations

import copy
from typing import Any

import nbformat

from c4kit.exercises.errors import ExerciseSourceError
from c4kit.exercises.markers import (
    BEGIN_HIDDEN_TESTS,
    BEGIN_SOLUTION,
    CODE_STUB,
    END_HIDDEN_TESTS,
    END_SOLUTION,
    TEXT_STUB,
    Role,
    Where,
    has_marker,
    replace_region,
    role_of,
)
from c4kit.exercises.protect import stamp

#: Notebook metadata written by running a notebook, not by its author.
VOLATILE_NOTEBOOK_METADATA = ("papermill", "widgets", "celltoolbar")
#: Cell metadata written by running or viewing a cell.
VOLATILE_CELL_METADATA = ("execution", "papermill", "collapsed", "scrolled", "ExecuteTime")


def _source(cell: Any) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _check_roles(nb: Any, notebook: str) -> list[Role | None]:
    """Every cell's role; duplicate grade ids and misplaced regions raise here, before anything is changed."""
    roles: list[Role | None] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(nb.get("cells", [])):
        where = Where(notebook, index)
        role = role_of(cell, where)
        roles.append(role)
        source = _source(cell)
        if role is not None and role.special:
            if role.grade_id in seen:
                raise ExerciseSourceError(
                    f"{Where(notebook, index, role.grade_id)}: grade_id {role.grade_id!r} is also used by cell "
                    f"{seen[role.grade_id] + 1}", hint="give every nbgrader cell its own grade_id")
            seen[role.grade_id] = index
        if has_marker(source, BEGIN_SOLUTION, END_SOLUTION) and not (role and role.solution):
            raise ExerciseSourceError(f"{where}: solution markers in a cell that is not a solution cell",
                                      hint='set "solution": true in its nbgrader metadata (in JupyterLab: the '
                                           'nbgrader "Autograded answer" cell type), or remove the markers')
        if has_marker(source, BEGIN_HIDDEN_TESTS, END_HIDDEN_TESTS) and not (role and role.grade):
            raise ExerciseSourceError(f"{where}: hidden tests in a cell that is not graded",
                                      hint='set "grade": true and "points" in its nbgrader metadata (an '
                                           '"Autograder tests" cell), or remove the markers')
    return roles


def _lock(cell: Any, role: Role) -> None:
    """nbgrader's ``LockCells`` defaults: answers undeletable; tests and read-only cells also uneditable."""
    if role.solution:
        cell.metadata["deletable"] = False
    elif role.grade or role.locked:
        cell.metadata["deletable"] = False
        cell.metadata["editable"] = False


def exercise_from_solution(nb: Any, *, source: str = "<notebook>") -> nbformat.NotebookNode:
    """The exercise version of a solution notebook (see the module docstring); ``nb`` is not changed.

    ``source`` names the solution in messages and is recorded in the exercise's
    metadata (``c4kit.generated_from``) with the fingerprint learner edits are
    detected by.
    """
    roles = _check_roles(nb, source)
    out = nbformat.from_dict(copy.deepcopy(dict(nb)))
    for key in VOLATILE_NOTEBOOK_METADATA:
        out.metadata.pop(key, None)
    for index, (cell, role) in enumerate(zip(out.cells, roles)):
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        if role is None:
            continue
        where = Where(source, index, role.grade_id)
        text = _source(cell)
        if role.solution:
            stub = CODE_STUB if cell.cell_type == "code" else TEXT_STUB
            text, replaced = replace_region(text, BEGIN_SOLUTION, END_SOLUTION, stub, where)
            if not replaced:
                text = "\n".join(stub)
        if role.grade:
            text, _ = replace_region(text, BEGIN_HIDDEN_TESTS, END_HIDDEN_TESTS, (), where)
        cell.source = text
        _lock(cell, role)
    stamp(out, source)
    return out


def to_bytes(nb: Any) -> bytes:
    """The notebook as nbformat writes it (sorted keys, one-space indent), UTF-8, with a final newline."""
    text = nbformat.writes(nbformat.from_dict(nb), version=4)
    if not text.endswith("\n"):
        text += "\n"
    return text.encode("utf-8")
