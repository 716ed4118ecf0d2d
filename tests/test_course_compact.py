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
