"""A real widget, executed in a notebook and exported: its static player switches frames in Chromium.

The chain under test is the whole promise of the interactive examples: the
widget enumerates its states into its output, ``c4kit course build`` renders
every frame and ships the player, and a reader with no kernel picks
"Shop DB" and sees the database go down.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from c4kit.course.discover import discover
from c4kit.course.execute import execute
from c4kit.course.export.site import build_site
from c4kit.render.browser import LAUNCH_ARGS, find_chromium

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("static-export")]


def test_a_failure_lab_works_in_the_exported_page(tmp_path: Path, artifacts_dir: Path) -> None:
    source = tmp_path / "notebooks" / "lab.ipynb"
    source.parent.mkdir()
    nb = new_notebook(cells=[
        new_markdown_cell("# Break the Bookshop\n\n## Example 1: What breaks when the database is down?"),
        new_code_cell("from c4kit.widgets import demo\n\ndemo.failure_lab(flowchart=True)"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, source)
    (result,) = execute(discover(tmp_path), tmp_path, inplace=True, workers=1, progress=False)
    assert result.ok, result.error

    site = tmp_path / "site"
    build_site(discover(tmp_path), site, title="Static export test")
    page = next(site.glob("lab*.html"))

    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=list(LAUNCH_ARGS))
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        outside: list[str] = []
        tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
        tab.goto(page.as_uri())
        lab = tab.locator('[data-c4kit-interactive="failure-lab"]')
        visible = lab.locator(".c4kit-frame:not([hidden])")
        assert visible.count() == 1
        assert "[DOWN]" not in visible.locator("svg").text_content()

        lab.get_by_role("combobox", name="Element down").select_option("shop_db")
        # The chosen state is unpacked on first use: wait for its drawing.
        expect(visible.locator("svg")).to_contain_text(re.compile(r"Shop DB\s*\[DOWN\]"))
        lab.scroll_into_view_if_needed()
        tab.screenshot(path=str(artifacts_dir / "static_failure_lab.png"))
        browser.close()
    assert outside == []
