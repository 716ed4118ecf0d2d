"""Exercises from solutions: nbgrader's markers, deterministic output, drift detection, learner edits kept."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from c4kit.cli import main
from c4kit.exercises.build import Action, build
from c4kit.exercises.errors import ExerciseSourceError
from c4kit.exercises.generate import exercise_from_solution, to_bytes
from c4kit.exercises.protect import HASH_KEY, State, content_hash, state_of

ROOT = Path(__file__).resolve().parents[1]


def nbg(grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = False,
        points: float | None = None) -> dict:
    meta = {"grade": grade, "solution": solution, "locked": locked, "grade_id": grade_id, "schema_version": 3}
    if grade:
        meta["points"] = 1 if points is None else points
    return {"nbgrader": meta}


ANSWER = '''def task_1():
    ws = Workspace("Shop")
    ### BEGIN SOLUTION
    shop = ws.system("Shop", "Sells things")
    ### END SOLUTION
    return ws.context_view(shop)'''

CHECK = '''result = check(task_1, "x")
### BEGIN HIDDEN TESTS
result.assert_passed()
### END HIDDEN TESTS
result'''


def solution_nb() -> nbformat.NotebookNode:
    cells = [
        new_markdown_cell("# Exercises"),
        new_code_cell("import c4kit", metadata=nbg("setup", locked=True)),
        new_code_cell(ANSWER, metadata=nbg("task-1", solution=True)),
        new_code_cell(CHECK, metadata=nbg("check-1", grade=True, locked=True)),
        new_markdown_cell("Explain:\n### BEGIN SOLUTION\nBecause it is simple.\n### END SOLUTION",
                          metadata=nbg("why-1", grade=True, solution=True, points=2)),
        new_code_cell("print('plain')"),
    ]
    for i, cell in enumerate(cells):
        cell.id = f"cell-{i}"
    cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="old output")]
    cells[2].execution_count = 7
    cells[2].metadata["execution"] = {"iopub.execute_input": "2024-01-01"}
    nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                            "language": "python"},
                                             "papermill": {"duration": 1.0}})
    return nb


def write_course(root: Path, name: str = "set.ipynb", nb: nbformat.NotebookNode | None = None) -> Path:
    path = root / "solutions" / "level" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb or solution_nb(), str(path))
    return path


# ---------------------------------------------------------------------------
# The notebook transformation
# ---------------------------------------------------------------------------

def test_solution_region_becomes_an_indented_stub_and_keeps_the_lines_around_it():
    ex = exercise_from_solution(solution_nb(), source="s.ipynb")
    assert ex.cells[2].source == ('def task_1():\n    ws = Workspace("Shop")\n    # YOUR CODE HERE\n'
                                  '    raise NotImplementedError()\n    return ws.context_view(shop)')
    compile(ex.cells[2].source, "answer", "exec")  # still valid Python


def test_markdown_region_becomes_your_answer_here():
    ex = exercise_from_solution(solution_nb(), source="s.ipynb")
    assert ex.cells[4].source == "Explain:\nYOUR ANSWER HERE"


def test_solution_cell_without_markers_is_replaced_whole():
    nb = solution_nb()
    nb.cells[2].source = "answer = 42"
    nb.cells[4].source = "My essay."
    ex = exercise_from_solution(nb, source="s.ipynb")
    assert ex.cells[2].source == "# YOUR CODE HERE\nraise NotImplementedError()"
    assert ex.cells[4].source == "YOUR ANSWER HERE"


def test_hidden_tests_go_outputs_are_cleared_and_metadata_is_kept():
    ex = exercise_from_solution(solution_nb(), source="solutions/s.ipynb")
    assert ex.cells[3].source == 'result = check(task_1, "x")\nresult'
    assert ex.cells[2].outputs == [] and ex.cells[2].execution_count is None
    assert "execution" not in ex.cells[2].metadata
    assert ex.cells[3].metadata["nbgrader"] == nbg("check-1", grade=True, locked=True)["nbgrader"]
    assert "papermill" not in ex.metadata
    assert ex.metadata["c4kit"]["generated_from"] == "solutions/s.ipynb"
    assert ex.metadata["c4kit"][HASH_KEY] == content_hash(ex)
    # nbgrader's LockCells defaults: answers undeletable, tests and read-only cells also uneditable.
    assert ex.cells[2].metadata["deletable"] is False and "editable" not in ex.cells[2].metadata
    assert ex.cells[3].metadata["editable"] is False and ex.cells[1].metadata["editable"] is False
    assert "deletable" not in ex.cells[5].metadata and ex.cells[5].source == "print('plain')"


def test_the_solution_notebook_is_not_changed():
    nb = solution_nb()
    before = json.dumps(nb, sort_keys=True)
    exercise_from_solution(nb, source="s.ipynb")
    assert json.dumps(nb, sort_keys=True) == before


def test_generation_is_deterministic():
    assert to_bytes(exercise_from_solution(solution_nb(), source="s")) == \
        to_bytes(exercise_from_solution(solution_nb(), source="s"))


@pytest.mark.parametrize(("cell", "source", "meta", "expected"), [
    (2, "x = 1\n### BEGIN SOLUTION\ny = 2", None, "line 2: 'BEGIN SOLUTION' is never closed"),
    (2, "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", None, "inside the region opened on line 1"),
    (2, "x = 1\n### END SOLUTION", None, "line 2: 'END SOLUTION' without a 'BEGIN SOLUTION'"),
    (5, "### BEGIN SOLUTION\nx\n### END SOLUTION", None, "solution markers in a cell that is not a solution"),
    (5, "### BEGIN HIDDEN TESTS\nx\n### END HIDDEN TESTS", None, "hidden tests in a cell that is not graded"),
    (3, CHECK, nbg("task-1", grade=True, locked=True), "grade_id 'task-1' is also used by cell 3"),
    (3, CHECK, {"nbgrader": {"grade": True, "solution": False, "locked": True, "grade_id": "c",
                             "schema_version": 3}}, "needs points"),
    (4, "text", nbg("why", grade=True, points=1), "markdown answer cell must be both graded and a solution"),
    (2, ANSWER, {"nbgrader": {"grade": False, "solution": True, "locked": False, "schema_version": 3}},
     "needs a grade_id"),
    (2, ANSWER, {"nbgrader": {"grade": False, "solution": True, "locked": False, "grade_id": "a b",
                              "schema_version": 3}}, "characters nbgrader refuses"),
    (2, ANSWER, {"nbgrader": {"grade": False, "solution": "yes", "locked": False, "grade_id": "a"}},
     "true/false values for solution"),
    (2, ANSWER, {"nbgrader": {"grade": False, "solution": True, "locked": False, "grade_id": "a",
                              "schema_version": 1}}, "schema_version 1"),
])
def test_bad_sources_are_refused_with_the_cell_and_a_hint(cell, source, meta, expected):
    nb = solution_nb()
    nb.cells[cell].source = source
    if meta is not None:
        nb.cells[cell].metadata = meta
    with pytest.raises(ExerciseSourceError) as info:
        exercise_from_solution(nb, source="solutions/s.ipynb")
    assert expected in info.value.message
    assert f"solutions/s.ipynb, cell {cell + 1}" in info.value.message
    assert info.value.hint


# ---------------------------------------------------------------------------
# Building exercises/ and protecting learner work
# ---------------------------------------------------------------------------

def exercise_path(root: Path, name: str = "set.ipynb") -> Path:
    return root / "exercises" / "level" / name


def edit(path: Path, new_source: str) -> None:
    nb = nbformat.read(str(path), as_version=4)
    nb.cells[2].source = new_source
    nbformat.write(nb, str(path))


def test_build_twice_gives_identical_bytes(tmp_path):
    write_course(tmp_path)
    first = build(tmp_path)
    assert [o.action for o in first.outcomes] == [Action.CREATED]
    data = exercise_path(tmp_path).read_bytes()
    second = build(tmp_path)
    assert [o.action for o in second.outcomes] == [Action.UNCHANGED]
    assert exercise_path(tmp_path).read_bytes() == data
    assert build(tmp_path, check=True).ok


def test_check_detects_drift_and_names_the_files(tmp_path):
    source = write_course(tmp_path)
    build(tmp_path)
    assert build(tmp_path, check=True).ok
    nb = nbformat.read(str(source), as_version=4)
    nb.cells[0].source = "# Exercises, revised"
    nbformat.write(nb, str(source))
    write_course(tmp_path, "new.ipynb")
    report = build(tmp_path, check=True)
    assert not report.ok
    drift = {o.exercise: o.detail for o in report.with_action(Action.OUT_OF_DATE)}
    assert drift == {"exercises/level/set.ipynb": "older than solutions/level/set.ipynb",
                     "exercises/level/new.ipynb": "missing"}
    assert "exercises/ is out of date" in report.format()
    assert not (tmp_path / "exercises" / "level" / "new.ipynb").exists()  # check mode writes nothing


def test_an_unedited_exercise_is_regenerated(tmp_path):
    source = write_course(tmp_path)
    build(tmp_path)
    target = exercise_path(tmp_path)
    # Running a notebook (outputs, execution counts, viewer metadata) is not an edit.
    ran = nbformat.read(str(target), as_version=4)
    ran.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="hello")]
    ran.cells[2].execution_count = 3
    ran.cells[2].metadata["scrolled"] = True
    nbformat.write(ran, str(target))
    assert state_of(target) is State.PRISTINE
    nb = nbformat.read(str(source), as_version=4)
    nb.cells[0].source = "# New title"
    nbformat.write(nb, str(source))
    report = build(tmp_path)
    assert [o.action for o in report.outcomes] == [Action.UPDATED]
    assert nbformat.read(str(target), as_version=4).cells[0].source == "# New title"


def test_an_edited_exercise_is_skipped_with_a_message(tmp_path):
    source = write_course(tmp_path)
    build(tmp_path)
    target = exercise_path(tmp_path)
    edit(target, "def task_1():\n    return 'my work'")
    learner = target.read_bytes()
    nb = nbformat.read(str(source), as_version=4)
    nb.cells[0].source = "# New title"
    nbformat.write(nb, str(source))
    report = build(tmp_path)
    assert [o.action for o in report.outcomes] == [Action.SKIPPED]
    assert not report.ok
    assert "--force" in report.format()
    assert target.read_bytes() == learner
    assert list(target.parent.glob("*.bak-*")) == []


def test_force_backs_up_an_edited_exercise_before_regenerating(tmp_path):
    write_course(tmp_path)
    build(tmp_path)
    target = exercise_path(tmp_path)
    edit(target, "def task_1():\n    return 'my work'")
    learner = target.read_bytes()
    report = build(tmp_path, force=True, now=lambda: datetime(2030, 1, 2, 3, 4, 5))
    [outcome] = report.outcomes
    assert outcome.action is Action.REGENERATED
    copy = target.with_name("set.ipynb.bak-20300102-030405")
    assert Path(outcome.backup) == copy and copy.read_bytes() == learner
    assert "set.ipynb.bak-20300102-030405" in outcome.detail
    assert state_of(target) is State.PRISTINE
    # A second forced run in the same second keeps both backups.
    edit(target, "again")
    build(tmp_path, force=True, now=lambda: datetime(2030, 1, 2, 3, 4, 5))
    assert copy.with_name(copy.name + "-2").exists()


def test_files_without_a_fingerprint_or_unreadable_ones_count_as_edited(tmp_path):
    write_course(tmp_path)
    target = exercise_path(tmp_path)
    target.parent.mkdir(parents=True)
    target.write_text("{ not json", encoding="utf-8")
    assert state_of(target) is State.EDITED
    assert [o.action for o in build(tmp_path).outcomes] == [Action.SKIPPED]
    nbformat.write(new_notebook(cells=[new_markdown_cell("mine")]), str(target))
    assert state_of(target) is State.EDITED


def test_orphan_exercises_are_reported_never_deleted(tmp_path):
    write_course(tmp_path)
    build(tmp_path)
    orphan = exercise_path(tmp_path, "gone.ipynb")
    nbformat.write(new_notebook(), str(orphan))
    report = build(tmp_path)
    assert [(o.exercise, o.action) for o in report.outcomes] == [
        ("exercises/level/gone.ipynb", Action.NO_SOURCE), ("exercises/level/set.ipynb", Action.UNCHANGED)]
    assert orphan.exists()
    assert not build(tmp_path, check=True).ok


def test_a_broken_solution_writes_nothing(tmp_path):
    write_course(tmp_path, "a.ipynb")
    bad = solution_nb()
    bad.cells[2].source = "### BEGIN SOLUTION"
    write_course(tmp_path, "b.ipynb", bad)
    with pytest.raises(ExerciseSourceError, match=r"solutions/level/b\.ipynb, cell 3"):
        build(tmp_path)
    assert not (tmp_path / "exercises").exists()


def test_paths_limit_the_build_and_must_be_solutions(tmp_path):
    write_course(tmp_path, "a.ipynb")
    write_course(tmp_path, "b.ipynb")
    report = build(tmp_path, [tmp_path / "solutions" / "level" / "a.ipynb"])
    assert [o.exercise for o in report.outcomes] == ["exercises/level/a.ipynb"]
    with pytest.raises(ExerciseSourceError, match="not inside solutions/"):
        build(tmp_path, [tmp_path / "exercises"])
    with pytest.raises(ExerciseSourceError, match="no solutions/ folder"):
        build(tmp_path / "elsewhere")


# ---------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------

def test_cli_build_check_and_force(tmp_path, capsys):
    write_course(tmp_path)
    assert main(["exercises", "build", "--root", str(tmp_path)]) == 0
    assert "created      exercises/level/set.ipynb" in capsys.readouterr().out
    assert main(["exercises", "build", "--check", "--root", str(tmp_path)]) == 0
    edit(exercise_path(tmp_path), "mine")
    assert main(["exercises", "build", "--check", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "out-of-date  exercises/level/set.ipynb: edited by hand" in err
    assert main(["exercises", "build", "--root", str(tmp_path)]) == 1
    assert "skipped" in capsys.readouterr().err
    assert main(["exercises", "build", "--force", "--root", str(tmp_path)]) == 0
    assert "regenerated" in capsys.readouterr().out
    assert main(["exercises", "build", "--check", "--force", "--root", str(tmp_path)]) == 2  # exclusive flags


def test_cli_reports_a_broken_solution_as_a_usage_error(tmp_path, capsys):
    bad = solution_nb()
    bad.cells[2].source = "### END SOLUTION"
    write_course(tmp_path, nb=bad)
    assert main(["exercises", "build", "--root", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "cell 3" in err and "hint:" in err and "Traceback" not in err


def test_cli_lists_tasks(capsys):
    assert main(["exercises", "tasks", "beginner/context"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("beginner/context/1") and len(lines) >= 5
    assert main(["exercises", "tasks", "no/such/prefix"]) == 1


def test_configure_adds_the_subcommand_to_any_parser():
    import argparse

    from c4kit.exercises.cli import configure

    parser = argparse.ArgumentParser()
    configure(parser.add_subparsers())
    args = parser.parse_args(["exercises", "build", "--check"])
    assert args.check and not args.force and callable(args._run)


# ---------------------------------------------------------------------------
# The repository itself (CI runs this)
# ---------------------------------------------------------------------------

def test_repository_exercises_are_up_to_date():
    report = build(ROOT, check=True)
    assert report.outcomes, "no exercise notebooks found under solutions/"
    assert report.ok, report.format()
