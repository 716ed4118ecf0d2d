"""Determinism: re-executing a notebook must reproduce what is committed; what is noise is ignored."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

from c4kit.course.cli import main
from c4kit.course.outputs import comparable, compare
from c4kit.frames import MIME_TYPE

FIXTURE = Path(__file__).parent / "fixtures" / "course"
MERMAID = "C4Context\n  Person(c, \"Customer\")"


def notebook(*outputs: nbformat.NotebookNode, count: int = 1) -> nbformat.NotebookNode:
    cell = new_code_cell("show()", execution_count=count)
    cell.outputs = list(outputs)
    return new_notebook(cells=[cell])


def display(data: dict, **meta) -> nbformat.NotebookNode:
    return new_output("display_data", data=data, metadata=meta)


def test_noise_is_ignored():
    old = notebook(
        new_output("stream", name="stdout", text="hello world\n"),
        display({"text/vnd.mermaid": MERMAID, "text/plain": "<Diagram at 0x7f3a2b1c9d80>",
                 "text/html": "<pre id='m1'>...</pre>", "image/svg+xml": "<svg id='a'/>"}),
        display({"application/vnd.jupyter.widget-view+json": {"model_id": "aaaa", "version_major": 2},
                 "text/plain": "IntSlider(value=3)"}),
        count=3)
    new = notebook(
        new_output("stream", name="stdout", text="hello "),  # the kernel split the stream differently
        new_output("stream", name="stdout", text="world\n"),
        display({"text/vnd.mermaid": MERMAID, "text/plain": "<Diagram at 0x55d0c0ffee00>",
                 "text/html": "<pre id='m2'>different fallback</pre>", "image/svg+xml": "<svg id='b'/>"},
                isolated=True),
        display({"application/vnd.jupyter.widget-view+json": {"model_id": "bbbb", "version_major": 2},
                 "text/plain": "IntSlider(value=3)"}),
        count=9)
    new.metadata["papermill"] = {"duration": 1.5}
    new.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"bbbb": {}}}}
    new.cells[0].metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    assert compare(old, new, "a.ipynb") == []


def test_a_changed_mermaid_output_is_reported_with_a_diff():
    old = notebook(display({"text/vnd.mermaid": MERMAID, "text/plain": "diagram"}))
    new = copy.deepcopy(old)
    new.cells[0].outputs[0].data["text/vnd.mermaid"] = MERMAID.replace("Customer", "Client")
    (diff,) = compare(old, new, "notebooks/a.ipynb")
    assert diff.cell == 0
    assert '-  Person(c, "Customer")' in diff.diff and '+  Person(c, "Client")' in diff.diff
    assert diff.format().startswith("notebooks/a.ipynb, cell 1: outputs differ\n--- committed\n+++ re-executed")


def test_html_counts_when_it_is_the_output_and_errors_by_message():
    old = notebook(display({"text/html": "<table><tr><td>1</td></tr></table>"}))
    new = notebook(display({"text/html": "<table><tr><td>2</td></tr></table>"}))
    assert len(compare(old, new, "a.ipynb")) == 1
    err = notebook(new_output("error", ename="NotImplementedError", evalue="your turn", traceback=["\x1b[0;31m..."]))
    same = notebook(new_output("error", ename="NotImplementedError", evalue="your turn", traceback=["other"]))
    assert compare(err, same, "a.ipynb") == []
    assert comparable(err.cells[0]) == ["[error] NotImplementedError: your turn"]


def test_frame_sets_are_compared_frame_by_frame():
    frames = {"version": 1, "kind": "failure-lab", "title": "T", "controls": [],
              "frames": [{"key": {"down": "db"}, "mermaid": "flowchart LR\n  a-->b", "caption": "db down",
                          "details": [["DB", "down"]]}]}
    old = notebook(display({MIME_TYPE: frames, "text/plain": "lab"}))
    changed = copy.deepcopy(frames)
    changed["frames"][0]["details"] = [["DB", "healthy"]]
    (diff,) = compare(old, notebook(display({MIME_TYPE: changed, "text/plain": "lab"})), "a.ipynb")
    assert "-   | DB | down" in diff.diff and "+   | DB | healthy" in diff.diff


def test_a_different_number_of_code_cells_is_reported():
    old = notebook(display({"text/plain": "x"}))
    new = copy.deepcopy(old)
    new.cells.append(new_code_cell("more"))
    (diff,) = compare(old, new, "a.ipynb")
    assert "1 code cells, the re-run has 2" in diff.diff


def test_committed_fixtures_reproduce_and_a_tampered_output_is_caught(tmp_path, capsys):
    """End to end through the CLI: the fixture notebooks re-execute to their committed outputs."""
    root = tmp_path / "course"
    for rel in ("notebooks/01_beginner/01_context.ipynb", "notebooks/02_intermediate/34_circuit_breaker.ipynb"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FIXTURE / rel, root / rel)
    assert main(["check-outputs", "--root", str(root), "--no-progress"]) == 0
    assert "2 notebook(s) reproduce their committed outputs" in capsys.readouterr().out

    tampered = root / "notebooks/01_beginner/01_context.ipynb"
    nb = nbformat.read(str(tampered), as_version=4)
    output = nb.cells[4].outputs[0]
    output.data["text/vnd.mermaid"] = output.data["text/vnd.mermaid"].replace("Buys books online", "Buys nothing")
    nbformat.write(nb, str(tampered))
    assert main(["check-outputs", "--root", str(root), "--no-progress", str(tampered)]) == 1
    captured = capsys.readouterr()
    assert "notebooks/01_beginner/01_context.ipynb, cell 5: outputs differ" in captured.out
    assert '-  Person(customer, "Customer", "Buys nothing")' in captured.out
    assert "c4kit course execute --inplace" in captured.err
