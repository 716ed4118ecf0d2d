"""End to end: a FailureLab in a real JupyterLab, driven through the UI by headless Chromium.

What it proves that the unit tests cannot: the widget's bundle reaches a
real front end, the widget manager draws the controls, the Output widget's
``text/vnd.mermaid`` is drawn as SVG by JupyterLab's own Mermaid, and a
click in the page travels to the kernel and back as a new diagram.

The server runs on a free localhost port with its own runtime, settings and
workspace directories (nothing of the user's JupyterLab is touched); the page
may only talk to localhost.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pytest
from labserver import TOKEN, running_lab

from c4kit.render.browser import LAUNCH_ARGS, find_chromium

pytestmark = pytest.mark.browser

NOTEBOOK = '''\
from c4kit.widgets import demo
lab = demo.failure_lab()
lab
'''


@pytest.fixture()
def lab_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A JupyterLab on a free port serving ``tmp_path/root``; yields (base url, root dir)."""
    root = tmp_path / "root"
    root.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(NOTEBOOK)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, root / "lab.ipynb")
    with running_lab(tmp_path, root) as base:
        yield base, root


#: True when the widget's drawn diagram (an SVG data URL) contains the text ``arg``.
_SVG_HAS = """(text) => {
  const img = document.querySelector('.c4kit-widget .widget-output .jp-RenderedMermaid img');
  return img !== null && decodeURIComponent(img.getAttribute('src') || '').includes(text);
}"""


def _svg_text(src: str) -> str:
    """The SVG markup of a ``data:image/svg+xml,...`` URL."""
    return unquote(src.partition(",")[2])


def _local_only(route) -> None:
    host = urlparse(route.request.url).hostname
    if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
        route.continue_()
    else:
        route.abort()


def test_failure_lab_redraws_in_jupyterlab(lab_server: tuple[str, Path], artifacts_dir: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    base, _ = lab_server
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=list(LAUNCH_ARGS))
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 2400})
            context.route("**/*", _local_only)
            page = context.new_page()
            page.set_default_timeout(45_000)
            expect.set_options(timeout=45_000)
            page.goto(f"{base}/lab/tree/lab.ipynb?token={TOKEN}")
            # The kernel must be connected before Run All: the status bar says "<kernel name> | Idle" only then
            # (the toolbar's indicator already reads "idle" while the kernel is still starting).
            expect(page.locator(".jp-StatusBar-Widget", has_text="| Idle").first).to_be_visible()
            page.locator(".lm-MenuBar-item", has_text="Run").first.click()
            page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()

            widget = page.locator(".c4kit-widget")
            expect(widget).to_be_visible()
            # JupyterLab draws text/vnd.mermaid as an SVG image (a data: URL) inside .jp-RenderedMermaid.
            drawing = widget.locator(".widget-output .jp-RenderedMermaid img").first
            expect(drawing).to_be_visible()
            page.wait_for_function(_SVG_HAS, arg="Shop DB")
            assert "[DOWN]" not in _svg_text(drawing.get_attribute("src") or "")

            widget.locator("select").first.select_option(label="Shop DB")
            page.wait_for_function(_SVG_HAS, arg="Shop DB [DOWN]")
            expect(widget.locator(".c4kit-caption")).to_contain_text("Shop DB down")
            expect(widget.locator("table.c4kit-sim")).to_contain_text("Journey: Customer: Browses and buys books")
            svg = _svg_text(widget.locator(".widget-output .jp-RenderedMermaid img").first.get_attribute("src") or "")
            assert "Orders API [DOWN]" in svg and "Cache [DOWN]" not in svg

            shot = artifacts_dir / "widget_failure_lab_jupyterlab.png"
            widget.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000
        except Exception:
            # What the page looked like when it failed: the first thing to look at.
            page.screenshot(path=str(artifacts_dir / "widget_failure_lab_jupyterlab_FAILED.png"))
            (artifacts_dir / "widget_failure_lab_jupyterlab_FAILED.html").write_text(page.content())
            raise
        finally:
            browser.close()
