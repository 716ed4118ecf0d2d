"""The course's exercise notebooks: solutions run clean and pass, exercises stop only at stubs, nbgrader takes them.

These run real kernels (papermill, through the course executor) and real
nbgrader, so they take about half a minute together; the notebooks run two
at a time.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from c4kit.exercises import BlastRadiusTask, DiagramTask, get_task
from c4kit.exercises.markers import BEGIN_SOLUTION, END_SOLUTION
from c4kit.exercises.names import words
from c4kit.exercises.tasks import all_tasks

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = sorted(p for p in (ROOT / "solutions").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
TASK_HEADING = re.compile(r"^### Task (\d+): (.+)$", re.MULTILINE)
TASK_ID = re.compile(r'check\(task_(\d+), "([^"]+)"')

# Kernels are heavy on a two-core machine: run with the other course-content tests, not beside them.
pytestmark = [pytest.mark.skipif(not SOLUTIONS, reason="no solution notebooks"),
              pytest.mark.xdist_group("course-content")]


def nbgrader_meta(cell: nbformat.NotebookNode) -> dict:
    return cell.metadata.get("nbgrader", {})


def check_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "code" and nbgrader_meta(c).get("grade")]


def plain_output(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs
                   if o.get("output_type") in ("execute_result", "display_data"))


# ---------------------------------------------------------------------------
# Structure: headings, cells, task ids, briefs
# ---------------------------------------------------------------------------

def tasks_of(nb: nbformat.NotebookNode) -> list[tuple[int, str, str, str]]:
    """(number, heading title, task id, brief text) for every task of a solution notebook."""
    found = []
    for index, cell in enumerate(nb.cells):
        match = TASK_HEADING.search(cell.source) if cell.cell_type == "markdown" else None
        if not match:
            continue
        brief = []
        for later in nb.cells[index:]:
            ids = TASK_ID.search(later.source) if nbgrader_meta(later).get("grade") else None
            if ids:
                assert int(ids.group(1)) == int(match.group(1)), f"task {match.group(1)} checks {ids.group(0)}"
                found.append((int(match.group(1)), match.group(2), ids.group(2), "\n".join(brief)))
                break
            if not nbgrader_meta(later).get("solution"):
                brief.append(later.source)  # the brief, and any starter or draft the learner is shown
        else:
            pytest.fail(f"task {match.group(1)} has no check cell")
    return found


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_every_task_has_a_heading_an_answer_and_a_check(path):
    nb = nbformat.read(str(path), as_version=4)
    tasks = tasks_of(nb)
    assert [n for n, *_ in tasks] == list(range(1, len(tasks) + 1))
    assert len(tasks) >= (3 if "bonus" in path.name else 5)
    for number, title, task_id, _ in tasks:
        assert get_task(task_id).title == title, f"Task {number} heading and catalogue title differ"
    answers = [c for c in nb.cells if nbgrader_meta(c).get("solution") and c.cell_type == "code"]
    assert len(answers) == len(tasks)
    assert all(BEGIN_SOLUTION in c.source and END_SOLUTION in c.source for c in answers)


def test_every_catalogue_task_is_used_exactly_once():
    used = [task_id for path in SOLUTIONS for _, _, task_id, _ in tasks_of(nbformat.read(str(path), as_version=4))]
    assert len(used) == len(set(used))
    beginner = {t.id for t in all_tasks() if t.id.startswith("beginner/")}
    assert beginner <= set(used)


def _said(phrase: str, text: str) -> bool:
    return f" {' '.join(words(phrase))} " in f" {' '.join(words(text))} "


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_names_feedback_may_mention_are_in_the_brief(path):
    """A spec marked ``named`` lets feedback say its name: the brief (or the draft it shows) must say it first."""
    for number, _, task_id, brief in tasks_of(nbformat.read(str(path), as_version=4)):
        task = get_task(task_id)
        names: list[str] = []
        if isinstance(task, DiagramTask):
            names = [e.name for e in task.elements if e.named] + ([task.scope] if task.scope else [])
            names += [e.inside for e in task.elements if e.inside]
        elif isinstance(task, BlastRadiusTask):
            names = list(task.faults)
        missing = [n for n in names if not _said(n, brief)]
        assert not missing, f"Task {number} ({task_id}): the brief never says {missing}"


# ---------------------------------------------------------------------------
# Execution
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Every solution and exercise notebook run by the course executor (two at a time)."""
    from c4kit.course.discover import discover
    from c4kit.course.execute import execute

    out = tmp_path_factory.mktemp("executed")
    notebooks = discover(ROOT, [ROOT / "solutions", ROOT / "exercises"])
    results = execute(notebooks, ROOT, out_dir=out, workers=2, progress=False)
    return {r.notebook: r for r in results}


def test_solutions_run_clean_and_every_check_passes(executed):
    solutions = {rel: r for rel, r in executed.items() if rel.startswith("solutions/")}
    assert len(solutions) == len(SOLUTIONS)
    for rel, result in solutions.items():
        assert result.ok and not result.allowed, f"{rel}: {result.error}"
        nb = nbformat.read(result.output, as_version=4)
        checks = check_cells(nb)
        assert checks, rel
        for cell in checks:
            assert plain_output(cell).startswith("Passed"), f"{rel}: {cell.source}\n{plain_output(cell)}"


def test_exercises_stop_only_at_stubs_and_every_check_says_not_yet(executed):
    exercises = {rel: r for rel, r in executed.items() if rel.startswith("exercises/")}
    assert len(exercises) == len(SOLUTIONS)
    for rel, result in exercises.items():
        assert result.ok, f"{rel}: {result.error}"
        nb = nbformat.read(result.output, as_version=4)
        for cell in check_cells(nb):
            text = plain_output(cell)
            assert text.startswith("Not yet: not attempted yet"), f"{rel}: {cell.source}\n{text}"
            assert "Not attempted yet" in text and "Traceback" not in text


# ---------------------------------------------------------------------------
# nbgrader
# ---------------------------------------------------------------------------

def test_nbgrader_generates_the_assignment_from_the_solutions(tmp_path):
    pytest.importorskip("nbgrader")
    course = tmp_path / "course"
    beginner = sorted((ROOT / "solutions" / "beginner").glob("*.ipynb"))
    source = course / "source" / "beginner"
    source.mkdir(parents=True)
    for path in beginner:
        shutil.copy(path, source / path.name)
    # nbgrader runs alembic (its database migrations) as a program: it must be on PATH.
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    proc = subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", "beginner",
                           f"--CourseDirectory.root={course}"], cwd=course, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    for path in beginner:
        release = nbformat.read(str(course / "release" / "beginner" / path.name), as_version=4)
        solution = nbformat.read(str(path), as_version=4)
        ours = nbformat.read(str(ROOT / "exercises" / "beginner" / path.name), as_version=4)
        everything = "\n".join(c.source for c in release.cells)
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "assert_passed"):
            assert marker not in everything, path.name
        for sol_cell, rel_cell in zip(solution.cells, release.cells):
            if nbgrader_meta(sol_cell).get("solution"):
                region = sol_cell.source.split(BEGIN_SOLUTION, 1)[1].split(END_SOLUTION, 1)[0]
                answer_lines = {line.strip() for line in region.splitlines()[1:-1] if line.strip()}
                assert not answer_lines & {line.strip() for line in rel_cell.source.splitlines()}, path.name
        # c4kit's generator and nbgrader agree cell for cell.
        assert [(c.cell_type, c.source) for c in release.cells] == [(c.cell_type, c.source) for c in ours.cells]
