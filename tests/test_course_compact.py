"""Page compaction keeps every drawing and every label, and drops only what a static page never uses."""

from __future__ import annotations

from c4kit.course.export.compact import compact_page


def drawing(svg_id: str, label: str) -> str:
    return (f'<svg id="{svg_id}" class="flowchart" viewBox="0 0 100.123456 50.5" data-c4kit-keep="1">'
            f"<style>#{svg_id} .node rect{{fill:#eee;}}#{svg_id} .label{{color:#333;}}</style>"
            f'<g transform="translate(12.3456789, 7.0001)"><path d="M1.23456,2L3.5,4.25" data-points="QUJD"/>'
            f"<text>{label}</text></g></svg>")


def test_styles_are_shared_numbers_rounded_and_labels_untouched():
    page = "<p>before</p>" + drawing("a1", "Costs 12.3456 EUR") + drawing("b2", "Version 1.23456") + "<p>after</p>"
    out = compact_page(page)
    # One style block (its two selectors) shared by the two drawings (their class attributes), ahead of both.
    assert out.count("<style") == 1 and out.count("c4kit-s-") == 4
    assert out.index("<style") < out.index("<svg")
    assert "#a1" not in out and "#b2" not in out
    assert "Costs 12.3456 EUR" in out and "Version 1.23456" in out  # text nodes keep every digit
    assert 'translate(12.3, 7)' in out and 'd="M1.2,2L3.5,4.2"' in out and 'viewBox="0 0 100.1 50.5"' in out
    assert "data-points" not in out and 'data-c4kit-keep="1"' in out
    assert out.endswith("<p>after</p>") and "<p>before</p>" in out


def test_different_styles_stay_separate():
    other = drawing("c3", "x").replace("fill:#eee", "fill:#000")
    out = compact_page(drawing("a1", "x") + other)
    css = out.split("<style")[1].split("</style>")[0]
    assert css.count("fill:#eee") == 1 and css.count("fill:#000") == 1


def test_unused_markers_go_and_used_ones_stay():
    svg = ('<svg id="m1" viewBox="0 0 10 10"><g><marker id="m1-end"><path d="M0,0"/></marker>'
           '<marker id="m1-start"><path d="M0,0"/></marker></g>'
           '<path d="M0,0L5,5" marker-end="url(#m1-end)"/></svg>')
    out = compact_page(svg)
    assert 'id="m1-end"' in out and 'id="m1-start"' not in out


def test_repeated_inline_styles_become_one_class_that_keeps_their_precedence():
    label = ('<div xmlns="http://www.w3.org/1999/xhtml" style="display: table-cell; white-space: nowrap;">'
             '<span class="nodeLabel nodeLabel">{}</span></div>')
    svg = '<svg id="h1">' + "".join(label.format(n) for n in ("A", "B", "C")) + '<rect style=";"/></svg>'
    out = compact_page("<head></head><body>" + svg + "</body>")
    assert "xmlns=" not in out and 'style=";"' not in out and "display: table-cell" not in out.split("</style>")[1]
    assert out.count('class="c4kit-i0"') == 3 and 'class="nodeLabel"' in out
    css = out.split('<style id="c4kit-diagram-styles">')[1].split("</style>")[0]
    # Repeated class and !important: as strong as the inline declaration it replaces.
    assert css == ".c4kit-i0.c4kit-i0.c4kit-i0.c4kit-i0{display: table-cell !important;white-space: nowrap !important}"
    assert out.index("c4kit-diagram-styles") < out.index("</head>")


def test_escaped_child_selectors_in_a_style_block_work_again():
    svg = '<svg id="e1"><style>#e1 .c4person&gt;*{fill:red!important;}</style><g class="c4person"></g></svg>'
    assert ".c4person>*" in compact_page(svg)


def test_path_data_that_runs_numbers_together_keeps_its_meaning():
    svg = '<svg id="p1"><path d="M1.05.5L2.0-.045l.001-.045v-17.25M12.258l.256.004.255.00z"/></svg>'
    out = compact_page(svg)
    assert 'd="M1.05.5L2-.045l.001-.045v-17.2M12.2l.256.004.255.00z"' in out


def test_styles_that_set_custom_properties_stay_inline():
    card = '<div class="c4kit-card" style="--c4kit-min-width:1178px"><svg id="v{}"></svg></div>'
    out = compact_page("<head></head>" + card.format(1) + card.format(2))
    assert out.count('style="--c4kit-min-width:1178px"') == 2


def test_ids_nothing_points_at_and_boxes_that_draw_nothing_are_dropped():
    svg = ('<svg id="d1" aria-labelledby="d1-title d1-desc"><title id="d1-title">T</title><desc id="d1-desc">D</desc>'
           '<marker id="d1_arrow"><path/></marker>'
           '<g class="node" id="d1-flowchart-web-3"><rect></rect><text>Web</text></g>'
           '<path id="d1-L_web_db_0" marker-end="url(#d1_arrow)"/>'
           '<g class="edgeLabel"><g class="label" transform="translate(0, 0)"><foreignObject width="0" height="0">'
           '<div class="labelBkg"><span class="edgeLabel"></span></div></foreignObject></g></g>'
           '<g class="edgeLabel"><g class="label"><foreignObject width="40" height="24">'
           '<div><span class="edgeLabel"><p>Reads</p></span></div></foreignObject></g></g></svg>')
    out = compact_page(svg)
    for kept in ('id="d1"', 'id="d1-title"', 'id="d1-desc"', 'id="d1_arrow"', "url(#d1_arrow)", ">Web<", ">Reads<"):
        assert kept in out
    assert "d1-flowchart-web-3" not in out and "d1-L_web_db_0" not in out
    assert 'width="0" height="0"' not in out and "<rect></rect>" not in out


def test_code_cells_lose_only_the_spans_that_change_nothing():
    code = ('<div class="highlight hl-ipython3"><pre><span class="n">ws</span><span class="w"> </span>'
            '<span class="o">=</span><span class="w"> </span><span class="n">Workspace</span><span class="p">(</span>'
            '<span class="s2">"Shop"</span><span class="p">)</span></pre></div>')
    prose = '<p><span class="n">kept outside code</span></p>'
    out = compact_page(code + prose)
    assert '<pre>ws <span class="o">=</span> Workspace(<span class="s2">"Shop"</span>)</pre>' in out
    assert prose in out


def test_the_two_code_styles_draw_names_and_punctuation_in_the_text_colour():
    """What makes dropping ``.n``/``.p`` spans lossless; a new Pygments style could break it."""
    import re

    from c4kit.course.export.site import pygments_css

    css = pygments_css()
    light = [line for line in css.splitlines() if not line.startswith(":root") and not line.startswith(" ")]
    assert not [line for line in light if re.match(r"\.highlight \.(n|p) \{", line)]
    dark_base = re.search(r':root\[data-theme="dark"\] \.highlight \{[^}]*color: (#\w+)', css).group(1)
    for token in ("n", "p"):
        rule = re.search(rf':root\[data-theme="dark"\] \.highlight \.{token} \{{ color: (#\w+) \}}', css)
        assert rule is None or rule.group(1) == dark_base


def test_rules_the_drawings_share_are_written_once_and_each_keeps_its_order():
    from c4kit.course.export.compact import _merged_styles

    base = "#SVG{font-size:16px;}@keyframes dash{to{stroke-dashoffset:0;}}#SVG .edge{stroke:#333;}"
    css = _merged_styles({
        "s-a": base + "#SVG .down>*{fill:orange!important;}#SVG .web>*{fill:blue!important;}",
        "s-b": base + "#SVG .web>*{fill:blue!important;}#SVG .down>*{fill:orange!important;}",
    })
    assert css.count("font-size:16px") == 1 and css.count("@keyframes dash") == 1
    assert ":is(.s-a,.s-b){font-size:16px;}" in css and ":is(.s-a,.s-b) .edge{stroke:#333;}" in css
    # s-b wants .web before .down, s-a the opposite: one of the two rules is written twice, so that
    # each drawing still sees its own rules in its own order.
    def order(name: str) -> list[str]:
        return [r.split(">")[0].split()[-1] for r in css.split("}") if name in r and ">*" in r]

    assert order(".s-a") == [".down", ".web"] and order(".s-b") == [".web", ".down"]
