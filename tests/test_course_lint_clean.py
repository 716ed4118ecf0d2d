"""The committed course shows no linter findings a learner was not meant to see.

``draw()`` prints the linter's warnings and errors under a diagram, so a finding in a committed
output is either a lesson (a cell that calls the linter, or a "this is a mistake" demonstration
tagged ``lint-demo``) or a defect in the course: a picture that teaches a bad habit by example.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The cell tag an author puts on a deliberate demonstration of a diagram the linter objects to.
DEMO_TAG = "lint-demo"
#: Source that asks for findings on purpose: ``view.lint()``, ``lint(...)``, ``lint_text``, ``%%c4lint``.
_ASKS_FOR_LINT = re.compile(r"\blint(?:_text)?\s*\(|%%?c4lint|\.lint\b")


def _course_notebooks() -> list[Path]:
    return sorted(p for folder in ("notebooks", "solutions") for p in (ROOT / folder).rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def _shows_findings(output: dict) -> bool:
    html = output.get("data", {}).get("text/html", "")
    return 'class="c4kit-lint"' in html and "No findings" not in html


def unexpected_findings(path: Path, root: Path = ROOT) -> list[str]:
    """``"<notebook> cell N: <first finding>"`` for each cell showing findings nobody asked for."""
    notebook = nbformat.read(path, as_version=4)
    found = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or DEMO_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if _ASKS_FOR_LINT.search(cell.source):
            continue
        for output in cell.get("outputs", []):
            if _shows_findings(output):
                first = output["data"].get("text/plain", "").strip().splitlines()[:1]
                found.append(f"{path.relative_to(root)} cell {index}: {first[0] if first else '?'}")
    return found


def test_the_check_sees_findings_and_respects_the_tag(tmp_path: Path) -> None:
    from c4kit.display.show import _findings_bundle
    from c4kit.linter import lint
    from c4kit.linter.findings import Findings
    from c4kit.mermaid.parse import parse

    orphan = parse('C4Context\n  System(shop, "Shop")\n  System(lonely, "Lonely")\n  Rel(shop, shop, "Checks")\n')
    bundle = _findings_bundle(Findings(lint(orphan)))
    assert _shows_findings({"data": bundle})

    def cell(source: str, tags: tuple[str, ...] = ()) -> nbformat.NotebookNode:
        output = nbformat.v4.new_output("display_data", data=bundle)
        return nbformat.v4.new_code_cell(source, metadata={"tags": list(tags)}, outputs=[output])

    notebook = nbformat.v4.new_notebook(cells=[
        cell("draw(view)"), cell("draw(view)", (DEMO_TAG,)), cell("view.lint()"), cell("lint(diagram)"),
        cell("draw(fixed)"),
    ])
    notebook.cells[-1].outputs = []
    path = tmp_path / "nb.ipynb"
    nbformat.write(notebook, path)
    assert [line.split(":")[0] for line in unexpected_findings(path, tmp_path)] == ["nb.ipynb cell 0"]


@pytest.mark.parametrize("path", _course_notebooks(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_notebook_shows_findings_it_did_not_mean_to(path: Path) -> None:
    unexpected = unexpected_findings(path)
    assert not unexpected, (
        "diagrams with linter findings under them (fix the model, or tag the cell "
        f"'{DEMO_TAG}' if the mistake is the lesson and the text says so):\n" + "\n".join(unexpected))
