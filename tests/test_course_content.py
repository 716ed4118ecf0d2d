"""The course as committed: every notebook runs, reproduces its outputs, and every diagram renders readably.

These are the checks CI runs on every push (the same ones ``c4kit course execute``,
``check-outputs`` and ``validate`` run by hand):

* notebooks and solutions execute clean, from a fresh kernel, and produce the
  outputs that are committed (Mermaid sources and text; ids, timings and SVG
  ignored), so the committed notebooks never show a learner stale pictures;
* exercises execute with nothing worse than the ``NotImplementedError`` of
  their stubs;
* every diagram in every notebook renders in the pinned Mermaid, with zero
  overlapping labels.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from c4kit.course.discover import discover
from c4kit.course.execute import execute
from c4kit.course.outputs import check_outputs

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.xdist_group("course-content")


def _course(kind: str) -> list:
    return [nb for nb in discover(ROOT) if nb.kind == kind]


def test_the_course_has_its_notebooks():
    notebooks = _course("notebooks")
    assert any(nb.rel == "notebooks/00_welcome.ipynb" for nb in notebooks)


def test_notebooks_and_solutions_run_and_reproduce_their_outputs():
    notebooks = _course("notebooks") + _course("solutions")
    diffs, results = check_outputs(notebooks, ROOT, workers=2, progress=False)
    failed = [f"{r.notebook}: {r.error}" for r in results if not r.ok]
    assert not failed, "notebooks that fail to run:\n" + "\n".join(failed)
    assert not diffs, "re-executing changed the committed outputs (run `c4kit course execute --inplace`):\n" + \
        "\n\n".join(d.format() for d in diffs)


def test_exercises_stop_only_at_their_stubs(tmp_path):
    exercises = _course("exercises")
    if not exercises:
        pytest.skip("no exercises yet")
    results = execute(exercises, ROOT, out_dir=tmp_path, workers=2, progress=False)
    failed = [f"{r.notebook}: {r.error}" for r in results if not r.ok]
    assert not failed, "exercise notebooks that fail with something other than NotImplementedError:\n" + \
        "\n".join(failed)


@pytest.mark.browser
def test_every_diagram_renders_with_no_overlapping_labels():
    from c4kit.course.validate import validate

    report = validate(discover(ROOT))
    assert report.checks, "no diagram found in the course"
    assert not report.failures(), report.failure_text()
    offenders = [f"{c.ref.where}: {c.overlaps} overlapping label pair(s)" for c in report.offenders(0)]
    assert not offenders, "diagrams with overlapping labels (use view.as_flowchart()):\n" + "\n".join(offenders)
