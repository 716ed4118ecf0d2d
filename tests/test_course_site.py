"""The built course site, opened from file:// in headless Chromium, as a learner would use it.

One build of the fixture course for the module; each test opens pages with a
fresh browser page that records every request, console message and page error.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from c4kit.course.cli import main
from c4kit.course.discover import discover
from c4kit.course.errors import CourseError, DiagramError, ExternalURLError
from c4kit.course.export.offline import scan_site
from c4kit.course.export.site import build_site

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("course-site")]

FIXTURE = Path(__file__).parent / "fixtures" / "course"
CONTEXT = "01_beginner-01_context.html"
BREAKER = "02_intermediate-34_circuit_breaker.html"
PAGES = ["index.html", "00_welcome.html", CONTEXT, BREAKER, "03_patterns-01_patterns.html"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "course"
    result = build_site(discover(FIXTURE, dirs=("notebooks",)), out, title="Fixture course")
    return result


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from c4kit.render.browser import LAUNCH_ARGS, find_chromium

    executable = find_chromium(use_managed=False)
    if executable is None:
        pytest.skip("no headless Chromium")
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=executable, args=list(LAUNCH_ARGS))
    yield chromium
    chromium.close()
    playwright.stop()


class Visit:
    """A page with everything it asked for and complained about."""

    def __init__(self, browser, root: Path, scheme: str = "light") -> None:
        self.root = root
        self.context = browser.new_context(color_scheme=scheme, viewport={"width": 1200, "height": 900})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))

    def open(self, name: str) -> None:
        self.page.goto((self.root / name).as_uri())
        self.page.wait_for_load_state("load")

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def visit(browser, site):
    opened: list[Visit] = []

    def make(scheme: str = "light") -> Visit:
        v = Visit(browser, site.out, scheme)
        opened.append(v)
        return v

    yield make
    for v in opened:
        v.close()


def test_build_writes_pages_index_and_shared_static_files(site):
    assert sorted(p.name for p in site.pages) == sorted(PAGES[1:])
    assert (site.diagrams, site.distinct, site.players) == (15, 12, 2)
    static = sorted(p.name for p in (site.out / "static").iterdir())
    assert static == ["course.css", "player.js", "pygments.css", "search-index.js", "search.js", "theme.js"]
    for name in PAGES:
        html = (site.out / name).read_text()
        assert re.search(r'<link[^>]*href="static/course.css"', html)
        assert re.search(r'<script src="static/search-index.js">', html)
        assert "<style>" not in html.split("<main", 1)[0]  # shared CSS, not inlined per page
    assert [ref for ref in scan_site(site.out) if ref.kind == "resource"] == []


def test_every_page_loads_offline_with_no_errors(visit, site):
    v = visit()
    for name in PAGES:
        v.open(name)
    outside = [url for url in v.requests if not url.startswith("file://")]
    assert outside == []
    assert v.problems == []
    assert any(url.endswith("static/search-index.js") for url in v.requests)


def test_diagrams_are_accessible_svgs_with_their_labels(visit):
    v = visit()
    v.open(CONTEXT)
    figures = v.page.locator("figure.c4kit-figure")
    assert figures.count() == 3
    for i in range(3):
        svg = figures.nth(i).locator("svg").first
        assert svg.get_attribute("role") == "img"
        title_id, desc_id = svg.get_attribute("aria-labelledby").split()
        assert v.page.locator(f"#{title_id}").text_content() and v.page.locator(f"#{desc_id}").text_content()
        assert figures.nth(i).locator("details.c4kit-astext summary").text_content() == "Diagram as text"
    first = figures.nth(0).locator("svg").first.text_content()
    for label in ("Customer", "Bookshop", "Payment Provider", "Takes card payments", "[HTTPS]"):
        assert label in first
    assert "\u00abinterface\u00bb" in figures.nth(2).locator("svg").first.text_content()  # <<interface>> survived
    details = figures.nth(2).locator("details")
    details.locator("summary").click()
    assert "<<interface>>" in details.locator("pre").inner_text()
    v.open("00_welcome.html")
    flow = v.page.locator("figure.c4kit-figure svg").first
    assert "Notebooks" in flow.text_content() and "with outputs" in flow.text_content()  # <br/> is a line break
    assert v.page.locator(".markdown-cell .highlight pre", has_text='print("hello")').count() == 1


def test_c4_diagrams_carry_their_model_as_text(visit):
    pytest.importorskip("c4kit.mermaid.parse")
    v = visit()
    v.open(CONTEXT)
    details = v.page.locator("figure.c4kit-figure details").first
    details.locator("summary").click()
    text = details.inner_text()
    assert "Customer (person): Buys books online" in text
    assert "Customer browses and buys books using Bookshop [HTTPS]" in text
    assert "Payment Provider (external software system): Takes card payments" in text


def test_index_lists_every_example_and_navigation_works(visit):
    v = visit()
    v.open("index.html")
    examples = v.page.locator(".example-list a")
    labels = [re.sub(r"\s+", " ", examples.nth(i).inner_text()).strip() for i in range(examples.count())]
    assert labels == ["Example 1 First diagram", "Example 2 External systems",
                      "Example 34 Microservice with circuit breaker", "Example 42 Canary deployment",
                      "P1 Microservices", "L1 System context", "D1 Microservices in depth"]
    assert [h.inner_text() for h in v.page.locator("main h2").all()] == [
        "Start here", "Beginner", "Intermediate", "Patterns"]
    v.page.get_by_role("link", name="Example 2 External systems").click()
    v.page.wait_for_url(re.compile(r"01_beginner-01_context\.html#example-2$"))
    assert v.page.locator("h2#example-2").is_visible()
    v.page.locator("a.pager-next").click()
    v.page.wait_for_url(re.compile(BREAKER + "$"))
    v.page.locator("a.pager-prev").click()
    v.page.wait_for_url(re.compile(CONTEXT + "$"))
    v.page.locator(".breadcrumbs a").click()
    v.page.wait_for_url(re.compile("index.html$"))


def test_search_finds_titles_and_text_and_follows_results(visit):
    v = visit()
    v.open("index.html")
    box = v.page.get_by_role("combobox", name="Search the course")
    box.fill("canary")
    results = v.page.locator("#c4kit-search-results [role=option]")
    results.first.wait_for()
    assert results.first.locator(".search-title").inner_text() == "Example 42: Canary deployment"
    box.press("ArrowDown")
    assert results.first.get_attribute("aria-selected") == "true"
    box.press("Enter")
    v.page.wait_for_url(re.compile(BREAKER + "#example-42$"))

    box = v.page.get_by_role("combobox", name="Search the course")
    box.fill("payment provider")  # a name that appears only inside a diagram
    v.page.locator("#c4kit-search-results [role=option]").first.wait_for()
    titles = v.page.locator("#c4kit-search-results .search-title").all_inner_texts()
    assert titles[0] == "Example 1: First diagram"
    v.page.locator("#c4kit-search-results a").first.click()
    v.page.wait_for_url(re.compile(CONTEXT + "#example-1$"))

    box = v.page.get_by_role("combobox", name="Search the course")
    box.fill("zzzz nothing")
    assert v.page.locator("#c4kit-search-results .search-empty").inner_text() == "No matches"
    box.press("Escape")
    assert v.page.locator("#c4kit-search-results").is_hidden()


def visible_frame_caption(player) -> str:
    return player.locator(".c4kit-frame:not([hidden]) .c4kit-frame-caption").inner_text()


def expect_caption(player, caption: str | re.Pattern) -> None:
    """Wait for the shown frame's caption: a packed frame is unpacked asynchronously on first use."""
    from playwright.sync_api import expect

    expect(player.locator(".c4kit-frame:not([hidden]) .c4kit-frame-caption")).to_have_text(caption)


def test_frame_player_switches_by_click_and_keyboard(visit):
    v = visit()
    v.open(BREAKER)
    lab = v.page.locator('[data-c4kit-interactive="failure-lab"]')
    # The default frame is in the page; the other five are packed (one block) until chosen.
    assert lab.locator(".c4kit-frame").count() == 1
    assert lab.locator("script.c4kit-packed-frames").count() == 1
    assert lab.locator(".c4kit-frame:not([hidden])").count() == 1
    assert visible_frame_caption(lab) == "Everything is healthy."
    assert lab.locator(".c4kit-frame:not([hidden]) svg").count() == 1

    element = lab.get_by_role("combobox", name="Element down")
    element.focus()
    element.press("ArrowDown")  # keyboard: the next option, Payment Service
    expect_caption(lab, "pay is down; without a breaker every call waits for a timeout.")
    assert lab.locator(".c4kit-frame:not([hidden]) table.c4kit-details").inner_text().count("down") == 1
    lab.get_by_role("checkbox", name="Circuit breaker").click()  # mouse
    expect_caption(lab, "pay is down; the breaker is open, so callers fail fast.")
    assert lab.locator(".c4kit-state").first.inner_text() == "On"
    breaker = lab.get_by_role("checkbox", name="Circuit breaker")
    assert v.page.locator("#" + breaker.get_attribute("aria-describedby")).inner_text() == "On"
    assert lab.locator(".c4kit-live").inner_text() == "pay is down; the breaker is open, so callers fail fast."
    lab.get_by_role("checkbox", name="Circuit breaker").press("Space")  # keyboard again
    expect_caption(lab, re.compile(r"waits for a timeout\.$"))
    element.select_option("db")
    expect_caption(lab, re.compile(r"^db is down"))
    assert lab.locator(".c4kit-frame:not([hidden]) svg").first.text_content().count("Orders DB") >= 1
    # Going back to a state already seen reuses its unpacked frame.
    element.select_option(index=0)
    expect_caption(lab, "Everything is healthy.")
    assert lab.locator(".c4kit-frame").count() == 4

    slider = v.page.locator('[data-c4kit-interactive="strategy-switcher"]')
    assert visible_frame_caption(slider) == "0 % of requests reach v2."
    handle = slider.get_by_role("slider", name="Traffic to v2")
    handle.focus()
    handle.press("ArrowRight")
    handle.press("ArrowRight")
    expect_caption(slider, "50 % of requests reach v2.")
    assert handle.get_attribute("aria-valuetext") == "50 %"
    assert slider.locator("output.c4kit-state").inner_text() == "50 %"
    assert v.problems == []


def test_theme_toggle_and_dark_cards(visit):
    v = visit("dark")
    v.open(CONTEXT)
    card_bg = "getComputedStyle(document.querySelector('.c4kit-card')).backgroundColor"
    body_bg = "getComputedStyle(document.body).backgroundColor"
    assert v.page.evaluate(body_bg) == "rgb(13, 17, 23)"  # dark from prefers-color-scheme
    assert v.page.evaluate(card_bg) == "rgb(255, 255, 255)"  # diagrams stay on a light card
    toggle = v.page.get_by_role("button", name="Dark theme")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert v.page.evaluate("document.documentElement.dataset.theme") == "light"
    assert v.page.evaluate(body_bg) == "rgb(255, 255, 255)"
    assert toggle.get_attribute("aria-pressed") == "false"


def test_screenshots_light_and_dark(visit, artifacts_dir):
    """Pictures for a person to look at (test-artifacts/); the page must have drawn its diagrams."""
    for scheme in ("light", "dark"):
        v = visit(scheme)
        for name in ("index.html", CONTEXT, BREAKER):
            v.open(name)
            drawings = v.page.locator(".c4kit-card svg").count()
            assert drawings == 0 if name == "index.html" else drawings > 0
            path = artifacts_dir / f"course-{Path(name).stem}-{scheme}.png"
            v.page.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 10_000
        assert v.problems == []


# ------------------------------------------------------------------ build failures
def lesson(root: Path, *cells: nbformat.NotebookNode) -> Path:
    path = root / "notebooks" / "01_lesson.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Lesson"), *cells]), str(path))
    return root


def with_output(data: dict) -> nbformat.NotebookNode:
    cell = new_code_cell("x")
    cell.outputs = [new_output("display_data", data=data)]
    return cell


def test_a_broken_diagram_stops_the_build_before_anything_is_written(tmp_path):
    root = lesson(tmp_path, with_output({"text/vnd.mermaid": "flowchart LR\n  a -->", "text/plain": "d"}))
    out = tmp_path / "site"
    with pytest.raises(DiagramError, match=r"notebooks/01_lesson\.ipynb, cell 2, output 1"):
        build_site(discover(root), out)
    assert not out.exists()


def test_an_output_that_loads_from_the_web_fails_the_build(tmp_path, capsys):
    root = lesson(tmp_path, with_output({"text/html": '<script src="https://cdn.example.com/x.js"></script>',
                                         "text/plain": "x"}),
                  new_markdown_cell("[C4 model](https://c4model.com) is a link, not a load."))
    with pytest.raises(ExternalURLError) as err:
        build_site(discover(root), tmp_path / "site")
    assert "01_lesson.html" in str(err.value) and "<script src> https://cdn.example.com/x.js" in str(err.value)
    assert main(["build", "--root", str(root), "--out", str(tmp_path / "site")]) == 1


def test_build_refuses_to_empty_a_folder_it_did_not_make(tmp_path, capsys):
    root = lesson(tmp_path, new_markdown_cell("## Example 1: Text only"))
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("do not delete")
    with pytest.raises(CourseError, match="not empty and was not built by c4kit"):
        build_site(discover(root), precious)
    assert (precious / "thesis.txt").exists()
    assert main(["build", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert f"Open the course: {(root / '_build' / 'course' / 'index.html').as_uri()}" in out
    assert main(["build", "--root", str(root)]) == 0  # rebuilding over its own output is fine
    shutil.rmtree(root / "_build")
