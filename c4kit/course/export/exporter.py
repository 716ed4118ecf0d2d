"""nbconvert's HTML exporter with the course's template and preprocessors, and nothing from a CDN.

nbconvert's stock HTML export is not usable for an offline course: its
templates load Mermaid, MathJax, require.js and the widget manager from CDNs,
``mermaid_js_url`` cannot point at a local file for the lab template, and it
writes diagram source into the page unescaped, so ``<br/>`` and
``<<interface>>`` are eaten by the HTML parser before Mermaid sees them.

So nbconvert is used as a library for what it is good at (notebook model,
markdown with attachments and embedded images, syntax highlighting, ANSI
colours, cell-tag filtering), with the ``c4kit`` template in
``templates/c4kit`` (which references only the site's own ``static/`` files)
and the preprocessors in :mod:`c4kit.course.export.preprocessors`.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from traitlets.config import Config

from c4kit.course.discover import anchor_slug
from c4kit.course.export.preprocessors import AnchorPreprocessor, DiagramPreprocessor

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "c4kit"

#: Cell tags authors can use, as in Jupyter Book: hide a cell, its input or its outputs on the site.
REMOVE_CELL_TAGS = {"remove-cell", "injected-parameters"}
REMOVE_INPUT_TAGS = {"remove-input", "hide-input"}
REMOVE_OUTPUT_TAGS = {"remove-output", "hide-output"}

_HEADING = re.compile(r"<h(?P<level>[1-6])>(?P<body>.*?)</h(?P=level)>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def anchor_headings(html: str, slugs: list[str]) -> str:
    """Give the rendered ``## Example N: ...`` headings of a cell their anchor ids (``id="example-12"``)."""
    if not slugs:
        return html
    wanted = set(slugs)

    def add_id(m: re.Match[str]) -> str:
        slug = anchor_slug(unescape(_TAG.sub("", m.group("body"))))
        if slug is None or slug not in wanted:
            return m.group(0)
        wanted.discard(slug)
        return f'<h{m.group("level")} id="{slug}">{m.group("body")}</h{m.group("level")}>'

    return _HEADING.sub(add_id, html)


def course_exporter() -> HTMLExporter:
    """One exporter for the whole build (templates load once); per-page state travels in resources."""
    config = Config({
        "NbConvertBase": {"display_data_priority": [
            "text/html", "text/markdown", "image/svg+xml", "image/png", "image/jpeg", "text/latex",
            "text/vnd.mermaid", "text/plain",
        ]},
        "TagRemovePreprocessor": {
            "enabled": True,
            "remove_cell_tags": sorted(REMOVE_CELL_TAGS),
            "remove_input_tags": sorted(REMOVE_INPUT_TAGS),
            "remove_all_outputs_tags": sorted(REMOVE_OUTPUT_TAGS),
        },
        "HighlightMagicsPreprocessor": {"enabled": True},
    })
    exporter = HTMLExporter(config=config, template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATES)],
                            exclude_anchor_links=True, embed_images=True, sanitize_html=False,
                            exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    exporter.register_preprocessor(AnchorPreprocessor(), enabled=True)
    exporter.register_preprocessor(DiagramPreprocessor(), enabled=True)
    exporter.register_filter("c4kit_anchor_headings", anchor_headings)
    return exporter


def export_page(exporter: HTMLExporter, nb: Any, resources: dict[str, Any]) -> str:
    """HTML for one notebook with placeholders still in (``PageAssets.fill`` replaces them)."""
    html, _ = exporter.from_notebook_node(nb, resources=resources)
    return html
