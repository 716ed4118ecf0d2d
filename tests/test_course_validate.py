"""Validation: every diagram through real Mermaid in one batch; failures named; overlaps counted and limited."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from c4kit.course.cli import main
from c4kit.course.discover import discover
from c4kit.course.errors import CourseError, DiagramError
from c4kit.course.validate import raise_for_report, validate

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).parent / "fixtures" / "course"
BROKEN_C4 = 'C4Context\n  Person(customer, "Customer")\n  Rel(customer, shop, "Uses"'
CROWDED = """C4Context
  Person(a, "Alpha Person With A Long Name", "Does many things every day")
  System(b, "Beta System", "Handles it")
  Rel(a, b, "Sends a very long relationship label number one", "HTTPS")
  Rel(a, b, "Sends another very long relationship label number two", "HTTPS")
  Rel(a, b, "Sends a third very long relationship label here", "gRPC")
  Rel(b, a, "Replies with a long relationship label back", "HTTPS")"""


def course_with(tmp_path: Path, *cells: nbformat.NotebookNode) -> Path:
    path = tmp_path / "notebooks" / "01_lesson.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(new_notebook(cells=list(cells)), str(path))
    return tmp_path


def mermaid_output(text: str) -> nbformat.NotebookNode:
    cell = new_code_cell("show()")
    cell.outputs = [new_output("display_data", data={"text/vnd.mermaid": text, "text/plain": "diagram"})]
    return cell


def test_the_fixture_course_validates_in_one_batch(tmp_path):
    report = validate(discover(FIXTURE))
    assert report.failures() == [] and report.ok()
    assert len(report.checks) == 15 and report.notebooks == 6
    assert {c.ref.source for c in report.checks} == {"output", "frame", "markdown"}
    assert all(isinstance(c.overlaps, int) for c in report.checks)
    assert report.summary().startswith("15 diagram(s) (12 distinct) in 6 notebook(s): 0 failed to render")
    path = tmp_path / "report.json"
    report.write_json(path)
    records = json.loads(path.read_text())
    assert records[0]["notebook"] == "notebooks/00_welcome.ipynb" and records[0]["source"] == "markdown"
    assert {"ok", "error", "ms", "overlaps", "pairs", "frame"} <= set(records[0])


def test_a_broken_diagram_is_named_with_the_linters_findings(tmp_path):
    root = course_with(tmp_path, new_markdown_cell("# Lesson\n\n```mermaid\nflowchart LR\n  a --> \n```"),
                       mermaid_output(BROKEN_C4), mermaid_output("flowchart LR\n  ok --> fine"))
    report = validate(discover(root), measure=False)
    failures = report.failures()
    assert [f.ref.where for f in failures] == ["notebooks/01_lesson.ipynb, cell 1, mermaid block 1",
                                               "notebooks/01_lesson.ipynb, cell 2, output 1"]
    with pytest.raises(DiagramError) as err:
        raise_for_report(report)
    message = str(err.value)
    assert "2 diagram(s) do not render" in message
    assert "notebooks/01_lesson.ipynb, cell 2, output 1: Mermaid could not render this diagram:" in message
    try:
        import c4kit.lint  # noqa: F401
    except ImportError:
        pass
    else:
        assert "the linter says:" in message and "notebooks/01_lesson.ipynb, cell 2, output 1" in message
    assert err.value.hint


def test_overlap_limit_fails_and_names_the_pairs(tmp_path, capsys):
    root = course_with(tmp_path, mermaid_output(CROWDED), mermaid_output("flowchart LR\n  a --> b"))
    report = validate(discover(root))
    crowded, simple = report.checks
    assert crowded.overlaps >= 3 and simple.overlaps == 0
    assert report.offenders(None) == [] and report.offenders(1) == [crowded]
    text = report.overlap_text(1)
    assert "1 of 2 diagram(s) have some" in text and "<- over the limit" in text
    assert "'Sends a third very long relationship label here' overlaps" in text
    with pytest.raises(DiagramError, match="more than 1 overlapping labels"):
        raise_for_report(report, max_overlaps=1)
    raise_for_report(report, max_overlaps=100)

    assert main(["validate", "--root", str(root), "--max-overlaps", "1"]) == 1
    assert "over the limit" in capsys.readouterr().out
    assert main(["validate", "--root", str(root)]) == 0


def test_duplicate_examples_fail_validation(tmp_path):
    root = course_with(tmp_path, new_markdown_cell("## Example 5: Twice"))
    nbformat.write(new_notebook(cells=[new_markdown_cell("## Example 5: Again")]),
                   str(root / "notebooks" / "02_other.ipynb"))
    with pytest.raises(CourseError, match=r"#example-5: notebooks/01_lesson.ipynb, notebooks/02_other.ipynb"):
        raise_for_report(validate(discover(root), measure=False))


@pytest.mark.browser
def test_a_second_pass_over_the_same_diagrams_reuses_the_drawings(monkeypatch):
    import c4kit.course.rendering as rendering

    calls = []
    real = rendering.get_engine

    class Counting:
        def __init__(self):
            self.engine = real()

        def render_many(self, texts, **kw):
            calls.append(list(texts))
            return self.engine.render_many(texts, **kw)

    monkeypatch.setattr(rendering, "_DRAWN", {})
    monkeypatch.setattr(rendering, "get_engine", Counting)
    text = "flowchart LR\n  reuse_a --> reuse_b\n"
    first = rendering.render_texts([text], measure=True)
    second = rendering.render_texts([text])  # an export after a validation
    third = rendering.render_texts([text, text + "  reuse_b --> reuse_c\n"], measure=True)
    assert first[text].ok and second[text] is first[text] and third[text] is first[text]
    assert calls == [[text], [text + "  reuse_b --> reuse_c\n"]]
