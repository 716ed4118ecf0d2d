"""Parameter sweeps: variants declared in a notebook's metadata, checked against its parameters cell, run by CI."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from c4kit.course import cli as course_cli
from c4kit.course.discover import discover
from c4kit.course.errors import CourseError
from c4kit.course.execute import run_jobs
from c4kit.course.sweep import declared_variants, parameter_names, plan_sweeps, variant_label

ROOT = Path(__file__).resolve().parents[1]


def notebook(*sources: str, parameters: str | None = "ratio = 0.9", sweep: object = None) -> nbformat.NotebookNode:
    cells = [new_markdown_cell("# A notebook with numbers")]
    if parameters is not None:
        cells.append(new_code_cell(parameters, metadata={"tags": ["parameters"]}))
    cells.extend(new_code_cell(s) for s in sources)
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    if sweep is not None:
        nb.metadata["c4kit"] = {"sweep": sweep}
    return nb


def write(root: Path, rel: str, nb: nbformat.NotebookNode) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def test_parameter_names_are_read_from_the_assignments_of_the_first_tagged_cell():
    nb = notebook(parameters="edge_hit, shield_hit = 0.9, 0.95\nlimit: int = 3\n# a comment\nprint('x')")
    assert parameter_names(nb) == ("edge_hit", "shield_hit", "limit")


def test_a_notebook_without_a_sweep_has_no_variants():
    assert declared_variants(notebook()) == []


def test_variants_must_name_parameters_the_cell_assigns():
    nb = notebook(sweep=[{"ratio": 0.5}, {"ratoi": 0.1}])
    with pytest.raises(CourseError) as err:
        declared_variants(nb, "notebooks/cdn.ipynb")
    assert "variant 2 of the sweep in notebooks/cdn.ipynb sets 'ratoi'" in str(err.value)
    assert "assigns: ratio" in err.value.hint


@pytest.mark.parametrize("sweep", [{"ratio": 0.5}, [], [{}], ["ratio=0.5"]])
def test_a_malformed_sweep_says_how_to_write_one(sweep):
    with pytest.raises(CourseError) as err:
        declared_variants(notebook(sweep=sweep))
    assert "must be a non-empty list of non-empty objects" in str(err.value)
    assert '{"c4kit": {"sweep": [{"name": value}, ...]}}' in err.value.hint


def test_a_sweep_needs_a_parameters_cell():
    with pytest.raises(CourseError) as err:
        declared_variants(notebook(parameters=None, sweep=[{"ratio": 0.5}]))
    assert "no cell tagged 'parameters'" in str(err.value) and "Cell Tags" in err.value.hint


def test_a_parameters_cell_that_is_not_python_is_reported_with_its_line():
    with pytest.raises(CourseError, match=r"not valid Python \(line 2\)"):
        declared_variants(notebook(parameters="ratio = 0.9\nratio = = 1", sweep=[{"ratio": 0.5}]))


def test_each_variant_becomes_a_job_of_its_own_that_never_writes_into_the_course(tmp_path):
    write(tmp_path, "notebooks/cdn.ipynb", notebook("print(ratio)", sweep=[{"ratio": 0.5}, {"ratio": "high"}]))
    write(tmp_path, "notebooks/plain.ipynb", notebook("print(1)"))
    jobs = plan_sweeps(discover(tmp_path), tmp_path)
    assert [job.rel for job in jobs] == ['notebooks/cdn.ipynb [ratio=0.5]', 'notebooks/cdn.ipynb [ratio="high"]']
    assert [job.parameters for job in jobs] == [{"ratio": 0.5}, {"ratio": "high"}]
    outputs = {Path(job.output).relative_to(tmp_path).as_posix() for job in jobs}
    assert outputs == {"_build/sweeps/notebooks/cdn/ratio=0.5.ipynb", "_build/sweeps/notebooks/cdn/ratio=_high_.ipynb"}
    assert variant_label({"a": 1, "b": [1, 2]}) == "a=1, b=[1, 2]"


def test_a_variant_the_code_cannot_handle_fails_by_name(tmp_path):
    source = write(tmp_path, "notebooks/cdn.ipynb", notebook(
        "assert 0 <= ratio <= 1, f'a hit ratio is a fraction, not {ratio}'\nprint(f'served {ratio:.0%}')",
        sweep=[{"ratio": 0.5}, {"ratio": 1.5}]))
    before = source.read_bytes()
    results = run_jobs(plan_sweeps(discover(tmp_path), tmp_path), workers=1, progress=False)
    assert [(r.notebook, r.ok) for r in results] == [
        ("notebooks/cdn.ipynb [ratio=0.5]", True), ("notebooks/cdn.ipynb [ratio=1.5]", False)]
    assert "AssertionError: a hit ratio is a fraction, not 1.5" in results[1].error
    out = nbformat.read(results[0].output, as_version=4)
    assert "served 50%" in "".join(o.get("text", "") for c in out.cells if c.cell_type == "code" for o in c.outputs)
    assert source.read_bytes() == before  # the course notebook itself is untouched


def test_cli_sweep_refuses_inplace_and_says_when_nothing_is_declared(tmp_path, capsys):
    write(tmp_path, "notebooks/plain.ipynb", notebook("print(1)"))
    assert course_cli.main(["execute", "--root", str(tmp_path), "--sweep", "--inplace"]) == 2
    assert "--sweep runs the variants declared" in capsys.readouterr().err
    assert course_cli.main(["execute", "--root", str(tmp_path), "--sweep", "--no-progress"]) == 0
    assert "none of the 1 notebook(s) declares a sweep" in capsys.readouterr().out


def test_every_sweep_the_course_declares_runs_clean(tmp_path):
    """CI runs each declared variant: the notebook's code must hold for other values than the committed ones."""
    jobs = plan_sweeps(discover(ROOT), ROOT, out_dir=tmp_path)
    assert jobs, "the course declares no sweep: the CDN example of notebooks/advanced/04_scaling.ipynb should"
    results = run_jobs(jobs, workers=2, progress=False)
    failed = [f"{r.notebook}: {r.error}" for r in results if not r.ok]
    assert not failed, "swept variants that fail:\n" + "\n".join(failed)
