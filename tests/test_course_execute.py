"""The executor: papermill in a process pool, the exercise rule, parameters, and never overwriting by accident."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from c4kit.course.discover import discover
from c4kit.course.errors import CourseError, ExecutionFailed
from c4kit.course.execute import ExecutionResult, execute, raise_for_failures, timing_table

STOP = "raise NotImplementedError('your turn')"


def write(root: Path, rel: str, *sources: str, parameters: str = "") -> Path:
    cells = [new_markdown_cell(f"# {rel}")]
    if parameters:
        cells.append(new_code_cell(parameters, metadata={"tags": ["parameters"]}))
    cells.extend(new_code_cell(s) for s in sources)
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def outputs(path: Path) -> list[str]:
    nb = nbformat.read(str(path), as_version=4)
    return ["".join(o.get("text", "")) or o.get("ename", "") for c in nb.cells if c.cell_type == "code"
            for o in c.outputs]


def test_not_implemented_passes_only_in_exercises(tmp_path):
    write(tmp_path, "notebooks/lesson.ipynb", STOP)
    write(tmp_path, "exercises/todo.ipynb", STOP, "print('still runs')")
    write(tmp_path, "exercises/wrong.ipynb", STOP, "undefined_name")
    write(tmp_path, "solutions/done.ipynb", "print('solved')")
    results = {r.notebook: r for r in execute(discover(tmp_path), tmp_path, workers=2, progress=False)}

    lesson = results["notebooks/lesson.ipynb"]
    assert not lesson.ok and lesson.error == "cell 2: NotImplementedError: your turn"
    todo = results["exercises/todo.ipynb"]
    assert todo.ok and todo.allowed == ["cell 2"] and todo.status == "ok (1 exercise stop)"
    assert outputs(Path(todo.output)) == ["NotImplementedError", "still runs\n"]  # cells after the stop ran
    wrong = results["exercises/wrong.ipynb"]
    assert not wrong.ok and wrong.error.startswith("cell 3: NameError: name 'undefined_name' is not defined")
    assert "exercises may raise only NotImplementedError" in wrong.error
    assert results["solutions/done.ipynb"].ok

    # Outputs went to _build/executed/; the sources are as they were.
    assert Path(todo.output) == tmp_path / "_build" / "executed" / "exercises" / "todo.ipynb"
    assert outputs(tmp_path / "exercises" / "todo.ipynb") == []
    assert not list(tmp_path.rglob(".c4kit-run-*"))

    with pytest.raises(ExecutionFailed) as err:
        raise_for_failures(list(results.values()))
    assert "2 of 4 notebook(s) failed" in str(err.value)
    assert "notebooks/lesson.ipynb: cell 2: NotImplementedError" in str(err.value) and err.value.hint


def test_parameters_inplace_and_clean_metadata(tmp_path):
    source = write(tmp_path, "notebooks/sweep.ipynb", "print(f'widgets={widgets}')", parameters="widgets = True")
    (result,) = execute(discover(tmp_path), tmp_path, parameters={"widgets": False}, workers=1, progress=False)
    assert result.ok and outputs(Path(result.output)) == ["widgets=False\n"]
    with pytest.raises(CourseError, match="--inplace together with parameters"):
        execute(discover(tmp_path), tmp_path, inplace=True, parameters={"widgets": False}, progress=False)

    (result,) = execute(discover(tmp_path), tmp_path, inplace=True, workers=1, progress=False)
    assert result.ok and Path(result.output) == source.resolve()
    nb = nbformat.read(str(source), as_version=4)
    assert outputs(source) == ["widgets=True\n"]
    assert "papermill" not in nb.metadata
    assert all("papermill" not in c.metadata and "execution" not in c.metadata for c in nb.cells)


def test_a_failed_inplace_run_leaves_the_notebook_alone(tmp_path):
    source = write(tmp_path, "notebooks/broken.ipynb", "print('partial')", "1 / 0")
    before = source.read_bytes()
    (result,) = execute(discover(tmp_path), tmp_path, inplace=True, workers=1, progress=False)
    assert not result.ok and result.error == "cell 3: ZeroDivisionError: division by zero"
    assert source.read_bytes() == before


def test_timing_table():
    table = timing_table([ExecutionResult("notebooks/a.ipynb", "", True, 1.25),
                          ExecutionResult("exercises/b.ipynb", "", True, 0.5, allowed=["cell 2", "cell 4"]),
                          ExecutionResult("notebooks/c.ipynb", "", False, 2.0, "cell 1: E: x")], wall=2.5)
    lines = table.splitlines()
    assert lines[0].split() == ["notebook", "status", "seconds"]
    assert lines[2].split() == ["notebooks/a.ipynb", "ok", "1.2"]
    assert "ok (2 exercise stops)" in lines[3] and "FAILED" in lines[4]
    assert lines[-1] == "3 notebook(s), 1 failed, 3.8 s of kernel time, 2.5 s wall clock"
    assert timing_table([]) == "no notebooks to run"
