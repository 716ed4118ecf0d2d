"""The course's JupyterLab styles (lab/custom/custom.css), in a real JupyterLab: wide diagrams stay readable.

JupyterLab draws ``text/vnd.mermaid`` as an ``<img>`` with ``max-width: 100%``, so a diagram three
times as wide as the column is drawn at a third of its size.  ``make lab`` starts JupyterLab with
the course's config folder, whose stylesheet keeps at least 70 % of the size and lets the output
scroll.  This test opens the same saved notebook in a JupyterLab with and without that folder.
"""

from __future__ import annotations

import urllib.request
from pathlib import Path

import nbformat
import pytest
from labserver import TOKEN, running_lab

from c4kit import Workspace
from c4kit.mermaid.emit_flowchart import emit_flowchart
from c4kit.render.browser import LAUNCH_ARGS, find_chromium

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
COURSE_LAB = ROOT / "lab"

#: Drawn width / natural width of the first diagram, the column's width, and whether the output scrolls.
_MEASURE = """() => {
  const img = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedMermaid img');
  if (!img || !img.complete || img.getBoundingClientRect().width === 0) return null;
  const figure = img.closest('figure');
  return {drawn: img.getBoundingClientRect().width, natural: Number(img.getAttribute('width')),
          column: figure.parentElement.getBoundingClientRect().width,
          scrolls: figure.scrollWidth > figure.clientWidth + 1};
}"""


def _wide_notebook(path: Path) -> None:
    """A saved notebook whose one output is a container view of eight side-by-side containers."""
    ws = Workspace("Wide")
    user = ws.person("Operator", "Runs the platform")
    platform = ws.system("Platform", "Many services")
    for n in range(1, 9):
        service = platform.container(f"Service {n}", "Go", f"Does task number {n} of the platform")
        user.uses(service, f"Operates service {n} through", "HTTPS")
    text = emit_flowchart(ws.container_view(platform))
    cell = nbformat.v4.new_code_cell("draw(view)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/vnd.mermaid": text, "text/plain": text})]
    nb = nbformat.v4.new_notebook(cells=[cell])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


def _measure(base: str, chromium: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=list(LAUNCH_ARGS))
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{base}/lab/tree/wide.ipynb?token={TOKEN}")
            handle = page.wait_for_function(_MEASURE, timeout=60_000)
            return handle.json_value()
        finally:
            browser.close()


def test_wide_diagrams_keep_their_size_and_scroll_with_the_course_styles(tmp_path: Path) -> None:
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium")
    root = tmp_path / "root"
    root.mkdir()
    _wide_notebook(root / "wide.ipynb")

    with running_lab(tmp_path / "plain", root) as base:
        plain = _measure(base, chromium)
    with running_lab(tmp_path / "course", root, config_dir=COURSE_LAB) as base:
        with urllib.request.urlopen(f"{base}/custom/custom.css?token={TOKEN}", timeout=10) as response:
            assert "attr(width px)" in response.read().decode()
        course = _measure(base, chromium)

    assert plain["natural"] > 2 * plain["column"], plain  # the diagram really is wider than the column
    assert plain["drawn"] <= plain["column"] + 1 and not plain["scrolls"], plain  # JupyterLab alone shrinks it
    assert course["drawn"] >= 0.69 * course["natural"], course
    assert course["scrolls"], course


def test_every_way_into_the_course_uses_the_course_styles():
    """make lab, make course and Binder's postBuild all point JupyterLab at lab/ (the test above proves lab/ works)."""
    import json
    import shutil
    import subprocess

    assert json.loads((COURSE_LAB / "jupyter_lab_config.json").read_text()) == {"LabApp": {"custom_css": True}}
    post_build = (ROOT / "postBuild").read_text()
    assert "cp lab/custom/custom.css" in post_build and "cp lab/jupyter_lab_config.json" in post_build
    if shutil.which("make") is None:
        pytest.skip("no make")
    for target in ("lab", "course"):
        dry_run = subprocess.run(["make", "-n", "-s", target], cwd=ROOT, capture_output=True, text=True,
                                 check=True).stdout
        launch = next(line for line in dry_run.splitlines() if "jupyter lab" in line)
        assert f"JUPYTER_CONFIG_DIR={COURSE_LAB}" in launch, launch
