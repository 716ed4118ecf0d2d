"""Rendering to files: the engine's batches, PNG screenshots, SVG files, the offline HTML page, atomic writes.

Browser tests use the process-wide engine (one Chromium for the module), except
where a test needs to count launches or to have no browser at all.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import c4kit.render.browser as browser_mod
import c4kit.render.engine as engine_mod
from c4kit.errors import BrowserNotFoundError, C4Error, RenderError
from c4kit.render.browser import INSTALL_HELP
from c4kit.render.engine import MIN_DIAGRAMS_PER_PAGE, Engine, _balance, diagram_id, render_pngs, render_svgs
from c4kit.render.save import FORMATS, encode_many, format_for, save, write_atomic
from c4kit.render.standalone import inline_script, standalone_html

C4 = (
    "C4Context\n  title Bookshop <&> friends\n"
    '  Person(customer, "Customer", "Buys books & more")\n'
    '  System(shop, "Bookshop", "Sells </pre><script>window.pwned=1</script> ✓ 日本語")\n'
    '  Rel(customer, shop, "Orders books")\n'
)
FLOW = "flowchart LR\n  A[Reader] -->|borrows| B[Library<br/>desk]\n"
BROKEN = "flowchart TD\n  A -->\n"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SVG_NS = "{http://www.w3.org/2000/svg}"
NAMESPACE_URIS = {
    "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml", "http://www.w3.org/1999/xlink",
    "http://www.w3.org/XML/1998/namespace", "http://www.w3.org/2000/xmlns/",
}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


# ---------------------------------------------------------------- no browser needed
def test_format_comes_from_the_suffix_or_the_argument() -> None:
    assert [format_for(f"d.{f}") for f in FORMATS] == list(FORMATS)
    assert format_for("D.SVG") == "svg"
    assert format_for("d.txt", "png") == "png"
    with pytest.raises(C4Error) as err:
        format_for("diagram.pdf")
    assert all(f".{f}" in err.value.hint for f in FORMATS)
    with pytest.raises(C4Error, match="unknown format"):
        format_for("d.svg", "jpeg")


def test_mmd_is_the_text_with_a_final_newline(tmp_path: Path) -> None:
    path = save(C4.rstrip("\n"), tmp_path / "nested" / "deeper" / "shop.mmd")
    assert path == tmp_path / "nested" / "deeper" / "shop.mmd"
    assert path.read_text(encoding="utf-8") == C4


def test_html_page_is_offline_and_escapes_the_source(tmp_path: Path) -> None:
    page = save(C4, tmp_path / "shop.html", title="Shop <map>").read_text(encoding="utf-8")
    assert "<title>Shop &lt;map&gt;</title>" in page
    # The source sits escaped in a <pre class="mermaid">: the </pre><script> in a label stays text.
    pre = re.search(r'<pre class="mermaid" id="c4kit-source">\n(.*?)</pre>', page, re.S)
    assert pre is not None
    assert "&lt;/pre&gt;&lt;script&gt;" in pre.group(1)
    assert "<noscript>" in page
    # Nothing to fetch: no src/href/url() at all, and outside the inlined Mermaid bundle no
    # http(s) address but XML namespace names.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?:""", page, re.I)
    assert "url(http" not in page
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    outside = page.replace(scripts[0], "")
    assert set(re.findall(r"https?://[^\s\"'<>)]+", outside)) <= NAMESPACE_URIS
    # The bundle is the pinned one, made safe for a <script> element and nothing else.
    from c4kit.assets import mermaid_js

    assert scripts[0] == inline_script(mermaid_js())
    assert "</script" not in scripts[0].lower()


def test_inline_script_neutralises_what_ends_or_confuses_a_script_element() -> None:
    js = 'a = "</script><!-- x"; b = /<\\/SCRIPT>/;'
    out = inline_script(js)
    assert "</script" not in out.lower() and "<!--" not in out
    assert out == 'a = "<\\/script><\\x21-- x"; b = /<\\/SCRIPT>/;'


def test_standalone_html_passes_the_theme_as_a_safe_literal() -> None:
    page = standalone_html(FLOW, theme="</script>dark")
    assert 'theme: "\\u003c/script>dark"' in page


def test_write_atomic_never_replaces_a_folder_and_leaves_no_temp_files(tmp_path: Path) -> None:
    folder = tmp_path / "out.svg"
    folder.mkdir()
    with pytest.raises(C4Error, match="is a folder"):
        save(C4, folder)
    with pytest.raises(C4Error, match="is a folder"):
        write_atomic(folder, b"x")
    blocker = tmp_path / "file"
    blocker.write_text("I am a file")
    with pytest.raises(C4Error, match="in the way"):
        write_atomic(blocker / "d.mmd", b"x")
    target = write_atomic(tmp_path / "d.mmd", b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.mmd", "file", "out.svg"]


def test_a_failed_write_leaves_the_old_file_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "d.mmd"
    target.write_text("good\n")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("c4kit.render.save.os.replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        save("graph TD\n  A --> B\n", target)
    assert target.read_text() == "good\n"
    assert [p.name for p in tmp_path.iterdir()] == ["d.mmd"]


def test_save_refuses_non_text_with_a_hint(tmp_path: Path) -> None:
    class View:
        def to_mermaid(self) -> str:
            return C4

    with pytest.raises(C4Error, match="takes Mermaid text") as err:
        save(View(), tmp_path / "x.mmd")  # type: ignore[arg-type]
    assert "view.save" in err.value.hint


def test_no_browser_svg_and_png_say_how_to_install_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser_mod, "find_chromium", lambda **_: None)
    monkeypatch.setattr(engine_mod, "_engine", None)  # a fresh engine that has not started a browser
    monkeypatch.setattr(engine_mod.atexit, "register", lambda fn: fn)
    try:
        for suffix in ("svg", "png"):
            with pytest.raises(BrowserNotFoundError) as err:
                save(C4, tmp_path / f"shop.{suffix}")
            assert err.value.hint == INSTALL_HELP
            assert "playwright install chromium" in str(err.value)
            assert not (tmp_path / f"shop.{suffix}").exists()
        assert save(C4, tmp_path / "shop.mmd").read_text() == C4
        assert "<pre class=\"mermaid\"" in save(C4, tmp_path / "shop.html").read_text()
    finally:
        if engine_mod._engine is not None:
            engine_mod._engine.close()


def test_balance_spreads_cost_and_keeps_every_index_once() -> None:
    groups = _balance([100, 1, 1, 1, 50, 50], 2)
    assert sorted(i for g in groups for i in g) == list(range(6))
    assert all(g == sorted(g) for g in groups)
    loads = sorted(sum([100, 1, 1, 1, 50, 50][i] for i in g) for g in groups)
    assert loads[1] - loads[0] <= 3  # as even as the costs allow


def test_diagram_ids_are_stable_and_depend_on_text_and_theme() -> None:
    assert diagram_id(C4, "default") == diagram_id(C4, "default")
    assert diagram_id(C4, "default") != diagram_id(C4, "dark")
    assert re.fullmatch(r"c4kit-[0-9a-f]{12}", diagram_id(FLOW, "default"))


# ---------------------------------------------------------------- with a browser
@pytest.mark.browser
def test_svg_file_is_well_formed_xml_with_the_labels(tmp_path: Path) -> None:
    path = save(C4, tmp_path / "shop.svg")
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("aria-roledescription") == "c4"
    text = "".join(root.itertext())
    assert "Bookshop" in text and "日本語" in text
    # The flowchart's <br/> label is HTML inside <foreignObject>: still well-formed XML in the file.
    flow = ET.parse(save(FLOW, tmp_path / "flow.svg")).getroot()
    assert "Library" in "".join(flow.itertext())


@pytest.mark.browser
def test_same_diagram_same_bytes(tmp_path: Path) -> None:
    a = save(FLOW, tmp_path / "a.svg").read_bytes()
    render_svgs([C4, "graph TD\n  X --> Y\n"])  # other work in between changes nothing
    b = save(FLOW, tmp_path / "b.svg").read_bytes()
    assert a == b


@pytest.mark.browser
def test_png_is_a_screenshot_at_the_requested_scale(tmp_path: Path) -> None:
    one, two = render_pngs([FLOW], scale=1)[0], render_pngs([FLOW], scale=2)[0]
    assert one is not None and two is not None
    w1, h1 = png_size(one)
    w2, h2 = png_size(two)
    assert w1 > 50 and h1 > 20
    assert abs(w2 - 2 * w1) <= 2 and abs(h2 - 2 * h1) <= 2
    path = save(C4, tmp_path / "shop.png", scale=1.5)
    assert path.read_bytes()[:8] == PNG_MAGIC


@pytest.mark.browser
def test_png_background_is_white_by_default(tmp_path: Path) -> None:
    data = render_pngs(["flowchart TD\n  A[one]\n"], scale=1)[0]
    assert data is not None
    # Decode the first pixel row of the PNG with the standard library only.
    import struct
    import zlib

    chunks, pos = [], 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunks.append((kind, data[pos + 8:pos + 8 + length]))
        pos += 12 + length
    width, _height, depth, colour = struct.unpack(">IIBB", dict(chunks)[b"IHDR"][:10])
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    channels = {2: 3, 6: 4}[colour]
    assert depth == 8
    first_row = raw[1:1 + width * channels]  # filter byte, then pixels
    assert first_row[:3] == b"\xff\xff\xff"


@pytest.mark.browser
def test_batches_report_each_failure_and_render_the_rest(tmp_path: Path) -> None:
    results = render_svgs([FLOW, BROKEN, C4])
    assert [r.ok for r in results] == [True, False, True]
    assert "Parse error" in results[1].error
    contents = encode_many([FLOW, BROKEN], "png", scale=1)
    assert isinstance(contents[0], bytes) and contents[0][:8] == PNG_MAGIC
    assert isinstance(contents[1], RenderError)


@pytest.mark.browser
def test_mermaid_rejection_is_a_render_error_and_the_old_file_survives(tmp_path: Path) -> None:
    for suffix in ("svg", "png"):
        target = tmp_path / f"d.{suffix}"
        target.write_bytes(b"the good old drawing")
        with pytest.raises(RenderError) as err:
            save(BROKEN, target)
        assert "Parse error" in err.value.message
        assert "c4kit lint" in err.value.hint
        assert target.read_bytes() == b"the good old drawing"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.png", "d.svg"]


@pytest.mark.browser
def test_one_engine_launches_one_browser_for_many_batches() -> None:
    engine = Engine(pages=1)
    try:
        first = engine.render_many([FLOW, C4])
        second = engine.render_many([C4, FLOW, "graph TD\n  P --> Q\n"])
        pngs = engine.render_pngs([FLOW], scale=1)
        assert all(r.ok for r in first + second)
        assert pngs[0].extra["png"][:8] == PNG_MAGIC
        assert engine.launches == 1
    finally:
        engine.close()


@pytest.mark.browser
def test_several_pages_render_in_parallel_with_the_same_output() -> None:
    texts = [f"flowchart TD\n  N{i}[Node {i}] --> M{i}[Next {i}]\n" for i in range(2 * MIN_DIAGRAMS_PER_PAGE)] + [C4]
    engine = Engine(pages=2)
    try:
        results = engine.render_many(texts)
        assert len(engine._extra_pages) == 1  # the batch was large enough for a second page
        assert engine.launches == 1
    finally:
        engine.close()
    single = render_svgs(texts)
    assert [r.svg for r in results] == [r.svg for r in single]


@pytest.fixture(scope="module")
def offline_browser():
    """A separate Chromium for opening saved pages the way a person would (from file://)."""
    from playwright.sync_api import sync_playwright

    executable = browser_mod.find_chromium(use_managed=False)
    if executable is None:
        pytest.skip("no headless Chromium")
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=executable, args=list(browser_mod.LAUNCH_ARGS))
    yield chromium
    chromium.close()
    playwright.stop()


def open_offline(browser, path: Path):
    """Open ``path`` with every non-file request refused and recorded."""
    page = browser.new_page()
    refused: list[str] = []

    def route(route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.goto(path.resolve().as_uri())
    return page, refused


@pytest.mark.browser
def test_html_page_draws_itself_from_file_with_the_network_shut(tmp_path: Path, offline_browser) -> None:
    page, refused = open_offline(offline_browser, save(C4, tmp_path / "shop.html", title="Shop"))
    try:
        page.wait_for_selector("#c4kit-diagram svg", timeout=60_000)
        assert page.title() == "Shop"
        assert page.locator("#c4kit-diagram svg").count() == 1
        drawn = page.inner_text("#c4kit-diagram")
        assert "Bookshop" in drawn and "Customer" in drawn
        assert page.evaluate("() => window.pwned === undefined")
        # The source stays available (folded) and is exactly the text that was saved.
        assert page.evaluate("() => document.getElementById('c4kit-source').textContent") == C4
        assert page.evaluate("() => document.getElementById('c4kit-source-box').open") is False
        assert refused == []
    finally:
        page.close()


@pytest.mark.browser
def test_html_page_shows_the_source_and_mermaids_message_when_the_text_is_wrong(tmp_path: Path,
                                                                                   offline_browser) -> None:
    page, refused = open_offline(offline_browser, save(BROKEN, tmp_path / "broken.html"))
    try:
        page.wait_for_selector("#c4kit-error:not([hidden])", timeout=60_000)
        assert "Mermaid could not draw this diagram" in page.inner_text("#c4kit-error")
        assert page.is_visible("#c4kit-source")
        assert refused == []
    finally:
        page.close()


@pytest.mark.browser
def test_c4_layout_does_not_depend_on_screenshots_or_the_screen() -> None:
    # Mermaid wraps C4 rows at screen.availWidth; a screenshot beyond the viewport used to change it.
    wide = "C4Context\n" + "".join(f'  System(s{i}, "System number {i}", "Does thing {i}")\n' for i in range(8))
    before = render_svgs([wide])[0].svg
    assert render_pngs([wide, FLOW], scale=1)[0] is not None
    assert render_svgs([wide])[0].svg == before


@pytest.mark.browser
def test_a_browser_failure_is_a_render_error_not_a_playwright_traceback() -> None:
    engine = Engine(pages=1)
    try:
        with pytest.raises(RenderError, match="the headless browser failed") as err:
            engine.run(lambda: engine.page.evaluate("() => { throw new Error('boom'); }"))
        assert "boom" in err.value.message
        assert engine.render_many([FLOW])[0].ok  # the engine still works afterwards
    finally:
        engine.close()


@pytest.mark.browser
def test_a_c4_diagram_does_not_inherit_the_previous_diagrams_description():
    leaky = "flowchart TB\n  accTitle: Flowchart title\n  accDescr: belongs to the flowchart\n  x --> y"
    c4 = 'C4Context\n  Person(p, "P", "Reads")'
    first, second = render_svgs([leaky, c4])
    assert "belongs to the flowchart" in first.svg
    assert "belongs to the flowchart" not in second.svg and "Flowchart title" not in second.svg


def test_save_writes_the_flowchart_in_the_direction_asked_for(tmp_path: Path) -> None:
    from c4kit import Workspace

    ws = Workspace("Shop")
    user = ws.person("Customer")
    user.uses(ws.system("Shop", "Sells things"), "Buys from")
    view = ws.landscape_view()
    view.save(tmp_path / "c4.mmd")
    view.save(tmp_path / "tb.mmd", flowchart=True)
    view.save(tmp_path / "lr.mmd", flowchart="LR")
    assert (tmp_path / "c4.mmd").read_text().startswith("C4Context")
    assert "\nflowchart TB\n" in (tmp_path / "tb.mmd").read_text()
    assert "\nflowchart LR\n" in (tmp_path / "lr.mmd").read_text()
    with pytest.raises(C4Error, match="unknown flowchart direction 'sideways'"):
        view.save(tmp_path / "bad.mmd", flowchart="sideways")
    assert not (tmp_path / "bad.mmd").exists()
