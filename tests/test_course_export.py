"""Export pieces that need no browser: players, placeholders, preprocessors, anchors, the page template."""

from __future__ import annotations

import re

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from c4kit.course.export.exporter import anchor_headings, course_exporter, export_page
from c4kit.course.export.player import frame_key, player_html
from c4kit.course.export.preprocessors import RESOURCE_KEY, WIDGET_NOTE, PageAssets
from c4kit.course.rendering import RenderBatch, Rendered
from c4kit.frames import MIME_TYPE, Control, Frame, FrameSet, Option

FLOW = "flowchart LR\n  a[A<br/>line] --> b"
OTHER = "flowchart LR\n  x --> y"


def fake_svg(text: str) -> str:
    digest = abs(hash(text)) % 10**12
    return f'<svg id="c4kit-{digest:012d}" role="graphics-document document"><text>{text.splitlines()[-1]}</text></svg>'


def batch(*texts: str) -> RenderBatch:
    return RenderBatch({t: Rendered(fake_svg(t), None, 1.0) for t in texts}, 0.1, False)


def frames() -> FrameSet:
    controls = [Control("down", "Element down", "select", (Option("none", "Nothing"), Option("db", "DB")), "none"),
                Control("share", "Traffic", "slider", (Option("0", "0 %"), Option("50", "50 %")), "50"),
                Control("cb", "Breaker", "toggle", (Option("off", "Off"), Option("on", "On")), "off")]
    fs = [Frame({"down": d, "share": s, "cb": c}, FLOW if d == "none" else OTHER, f"{d}/{s}/{c}", (("DB", d),))
          for d in ("none", "db") for s in ("0", "50") for c in ("off", "on")]
    return FrameSet("failure-lab", "Lab <1>", controls, fs, legend=[("#DE8F05", "down")],
                    detail_headings=("Element", "Status")).validate()


def test_player_markup():
    fs = frames()
    assert frame_key(fs, {"down": "db", "share": "50", "cb": "on"}) == "1.1.1"
    html = player_html(fs, "c4kit-player-1", lambda text: f"<figure>{text.splitlines()[-1]}</figure>")
    assert html.startswith('<section class="c4kit-player" id="c4kit-player-1" data-c4kit-interactive="failure-lab" '
                           'aria-label="Lab &lt;1&gt;">')
    assert len(re.findall(r'class="c4kit-frame"', html)) == 8
    shown = re.findall(r'<div class="c4kit-frame" data-key="([\d.]+)">', html)
    assert shown == ["0.1.0"]  # only the default frame is visible without JavaScript
    assert '<label for="c4kit-player-1-down">Element down</label>' in html
    assert '<option value="none" selected>Nothing</option>' in html
    assert 'type="range" id="c4kit-player-1-share" min="0" max="1" step="1" value="1"' in html
    assert 'aria-valuetext="50 %"' in html
    assert 'type="checkbox" id="c4kit-player-1-cb"' in html and 'aria-describedby="c4kit-player-1-cb-state"' in html
    assert '<th scope="col">Element</th>' in html and "<td>db</td>" in html
    assert 'style="background:#DE8F05"' in html and 'aria-live="polite">none/50/off</p>' in html


def test_placeholders_survive_nbconvert_and_are_filled():
    nb = new_notebook(cells=[
        new_markdown_cell(f"# Page\n\n## Example 3: Flows\n\nBefore\n\n```mermaid\n{FLOW}\n```\n\nAfter"),
        new_code_cell("show()"),
        new_code_cell("widget"),
        new_code_cell("lab"),
        new_code_cell("secret_cell()", metadata={"tags": ["remove-cell"]}),
    ])
    nb.cells[1].outputs = [new_output("display_data", data={
        "text/vnd.mermaid": FLOW, "text/plain": "d", "text/html": "<script>fallback()</script>"})]
    nb.cells[2].outputs = [new_output("display_data", data={
        "application/vnd.jupyter.widget-view+json": {"model_id": "abc"}, "text/plain": "IntSlider()"})]
    nb.cells[3].outputs = [new_output("display_data", data={MIME_TYPE: frames().to_json(), "text/plain": "lab"})]
    assets = PageAssets("notebooks/page.ipynb", batch(FLOW, OTHER))
    site = {"title": "Site", "intro": "", "static": "static/", "home": "index.html"}
    resources = {"c4kit": {"site": site, "title": "Page", "level": "Beginner", "section": "", "anchors": [],
                           "prev": None, "next": {"title": "Next page", "url": "next.html"}},
                 RESOURCE_KEY: assets, "metadata": {"path": ".", "name": "page"}}
    raw = export_page(course_exporter(), nb, resources)
    assert raw.count("data-c4kit-slot") == 3 and assets.figures == 10 and assets.players == 1
    page = assets.fill(raw)
    assert "data-c4kit-slot" not in page
    assert "fallback()" not in page and "secret_cell" not in page
    assert WIDGET_NOTE in page and "IntSlider" not in page
    # the same diagram three times on one page (fence, output, frames): ids stay unique
    ids = re.findall(r'<svg id="([^"]+)"', page)
    assert len(ids) == 10 and len(set(ids)) == 10
    assert '<h2 id="example-3">Example 3: Flows</h2>' in page
    assert page.index("Before") < page.index('class="c4kit-figure"') < page.index("After")
    assert 'href="next.html"' in page and "Next page" in page
    assert "cdn" not in page.lower() and "require.js" not in page


def test_anchor_ids_go_on_the_matching_headings_only():
    html = "<h1>Page</h1>\n<h2>Example 12: A <em>b</em></h2><h3>P1: Pattern</h3><h2>Example 13: Not wanted</h2>"
    out = anchor_headings(html, ["example-12", "p1"])
    assert '<h2 id="example-12">Example 12: A <em>b</em></h2>' in out and '<h3 id="p1">' in out
    assert "<h2>Example 13: Not wanted</h2>" in out and "<h1>Page</h1>" in out
    assert anchor_headings(html, []) == html


def test_hidden_frames_are_packed_deterministically_and_unpack_to_the_same_html():
    from c4kit.course.export.player import pack_frames, unpack_frames

    def hidden(key: str) -> str:
        return (f'<!--c4kit-frame:{key}--><div class="c4kit-frame" data-key="{key}" hidden><svg>state {key} '
                + "x" * 2000 + "</svg></div><!--/c4kit-frame-->")

    html = ('<p>before</p><section class="c4kit-player"><div class="c4kit-frame" data-key="0"><svg>default</svg>'
            '</div>' + hidden("1") + hidden("2") + '<p class="c4kit-live"></p></section><p>after</p>')
    packed = pack_frames(html)
    assert packed == pack_frames(html), "same page, same bytes"
    assert 'data-key="0"><svg>default' in packed and "state 1" not in packed and "state 2" not in packed
    assert packed.count('<script type="application/vnd.c4kit.frames+gzip" class="c4kit-packed-frames">') == 1
    assert packed.index("c4kit-packed-frames") < packed.index("</section>") and packed.endswith("<p>after</p>")
    assert len(packed) < len(html) / 5
    unpacked = unpack_frames(packed)
    for key in ("1", "2"):
        frame = hidden(key).replace(f"<!--c4kit-frame:{key}-->", "").replace("<!--/c4kit-frame-->", "")
        assert unpacked.count(frame) == 1
    assert "<!--" not in unpacked and "c4kit-packed-frames" not in unpacked


def test_a_figure_says_how_wide_it_may_grow_and_how_small_it_may_shrink():
    from c4kit.course.a11y import text_alternative
    from c4kit.course.export.figure import CARD_CHROME_PX, MIN_SCALE, figure_html

    svg = '<svg id="m1" viewBox="0 0 1600 400"><text>Shop</text></svg>'
    html = figure_html(svg, text_alternative("flowchart LR\n  a --> b\n"), "fig-1")
    assert f'style="--c4kit-fit:{1600 + CARD_CHROME_PX}px"' in html
    assert f'style="--c4kit-min-width:{round(1600 * MIN_SCALE)}px"' in html
