"""nbgrader's markers and cell metadata, read exactly the way nbgrader reads them.

The solution notebooks are the single source of the exercises, and an
instructor may also feed them straight into nbgrader on a JupyterHub.  So the
rules here are nbgrader's own (version 0.9, metadata schema 3), not a dialect:

* a line *containing* ``BEGIN SOLUTION`` opens a solution region and a line
  containing ``END SOLUTION`` closes it (``### BEGIN SOLUTION`` by
  convention); the region becomes the code stub, indented like the marker
  line, or the text stub in a markdown cell;
* a solution cell without markers is replaced as a whole;
* ``BEGIN HIDDEN TESTS`` / ``END HIDDEN TESTS`` regions vanish from the
  exercise (nbgrader puts them back when it autogrades);
* cell roles come from ``cell.metadata["nbgrader"]``: ``grade`` (an autograder
  test or a manually graded answer, with ``points``), ``solution`` (the learner
  writes here), ``locked`` (read-only), each with a ``grade_id`` unique in the
  notebook.

Where nbgrader would fail later (``generate_assignment``) or silently do
something odd (a stray ``END SOLUTION`` is dropped), this module fails early
with an :class:`~c4kit.exercises.errors.ExerciseSourceError` naming the cell
and line.  The stubs are nbgrader's defaults, so an exercise generated here
reads the same as nbgrader's release version of the same notebook.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from c4kit.exercises.errors import ExerciseSourceError

BEGIN_SOLUTION = "BEGIN SOLUTION"
END_SOLUTION = "END SOLUTION"
BEGIN_HIDDEN_TESTS = "BEGIN HIDDEN TESTS"
END_HIDDEN_TESTS = "END HIDDEN TESTS"
#: nbgrader's ``ClearSolutions.code_stub["python"]``.
CODE_STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
#: nbgrader's ``ClearSolutions.text_stub``.
TEXT_STUB = ("YOUR ANSWER HERE",)
#: The nbgrader cell-metadata schema this module writes and checks.
SCHEMA_VERSION = 3
_GRADE_ID = re.compile(r"^[A-Za-z0-9_\-]+$")


@dataclass(frozen=True)
class Where:
    """A place in a solution notebook, for messages: ``solutions/x.ipynb, cell 4 ('check-1')``."""

    notebook: str
    cell: int  #: 0-based index
    grade_id: str = ""

    def __str__(self) -> str:
        gid = f" ({self.grade_id!r})" if self.grade_id else ""
        return f"{self.notebook}, cell {self.cell + 1}{gid}"


@dataclass(frozen=True)
class Role:
    """What nbgrader makes of one cell."""

    grade: bool = False
    solution: bool = False
    locked: bool = False
    points: float = 0.0
    grade_id: str = ""

    @property
    def special(self) -> bool:
        """True for cells nbgrader tracks (and so needs a ``grade_id`` for)."""
        return self.grade or self.solution or self.locked


def role_of(cell: Mapping[str, Any], where: Where) -> Role | None:
    """The nbgrader role of a cell, or ``None`` when it has no nbgrader metadata; malformed metadata raises."""
    meta = cell.get("metadata", {}).get("nbgrader")
    if meta is None:
        return None
    if not isinstance(meta, Mapping):
        raise ExerciseSourceError(f"{where}: the nbgrader metadata is not an object",
                                  hint='use {"grade": false, "solution": true, "locked": false, "grade_id": "...", '
                                       '"schema_version": 3}')
    missing = [k for k in ("grade", "solution", "locked") if not isinstance(meta.get(k), bool)]
    if missing:
        raise ExerciseSourceError(f"{where}: nbgrader metadata needs true/false values for {', '.join(missing)}",
                                  hint="set all three of grade, solution and locked (nbgrader's schema 3)")
    version = meta.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        raise ExerciseSourceError(f"{where}: nbgrader schema_version {version!r}, expected {SCHEMA_VERSION}",
                                  hint="open and save the notebook with nbgrader's Create Assignment toolbar to "
                                       "upgrade it, or set schema_version to 3")
    role = Role(meta["grade"], meta["solution"], meta["locked"], 0.0, str(meta.get("grade_id", "")))
    where = Where(where.notebook, where.cell, role.grade_id)
    if role.special and not role.grade_id:
        raise ExerciseSourceError(f"{where}: an nbgrader cell needs a grade_id",
                                  hint='add "grade_id": "task-1" (letters, digits, - and _), unique in the notebook')
    if role.grade_id and not _GRADE_ID.match(role.grade_id):
        raise ExerciseSourceError(f"{where}: grade_id {role.grade_id!r} has characters nbgrader refuses",
                                  hint="use letters, digits, hyphens and underscores only")
    if role.grade:
        points = meta.get("points")
        if isinstance(points, bool) or not isinstance(points, (int, float)) or points < 0:
            raise ExerciseSourceError(f"{where}: a graded cell needs points (a number, 0 or more), got {points!r}",
                                      hint='add "points": 1 to the cell\'s nbgrader metadata')
        role = Role(role.grade, role.solution, role.locked, float(points), role.grade_id)
    if cell.get("cell_type") == "markdown" and role.grade != role.solution:
        raise ExerciseSourceError(f"{where}: a markdown answer cell must be both graded and a solution in nbgrader",
                                  hint="set grade and solution both to true (a manually graded answer), or both to "
                                       "false")
    return role


def replace_region(source: str, begin: str, end: str, stub: tuple[str, ...], where: Where) -> tuple[str, bool]:
    """``source`` with every ``begin``..``end`` region replaced by ``stub`` (indented like the marker line).

    An empty ``stub`` removes the region.  Returns the new source and whether a
    region was found.  Nested, unclosed and stray markers raise, with the line.
    """
    out: list[str] = []
    inside: int | None = None  # 1-based line of the open marker
    found = False
    lines = source.split("\n")
    for number, line in enumerate(lines, start=1):
        if begin in line:
            if inside is not None:
                raise ExerciseSourceError(f"{where}, line {number}: '{begin}' inside the region opened on line "
                                          f"{inside}", hint=f"close the first region with '### {end}' before "
                                                            "opening another")
            inside, found = number, True
            indent = line[:len(line) - len(line.lstrip())]
            out.extend(indent + s for s in stub)
        elif end in line:
            if inside is None:
                raise ExerciseSourceError(f"{where}, line {number}: '{end}' without a '{begin}' before it",
                                          hint=f"add '### {begin}' where the region starts, or remove this line")
            inside = None
        elif inside is None:
            out.append(line)
    if inside is not None:
        raise ExerciseSourceError(f"{where}, line {inside}: '{begin}' is never closed",
                                  hint=f"add '### {end}' on its own line after the region")
    return "\n".join(out), found


def has_marker(source: str, *markers: str) -> bool:
    """True when any line of ``source`` contains one of ``markers``."""
    return any(m in source for m in markers)
