"""nbconvert preprocessors that turn a notebook's diagrams and widgets into static, accessible HTML.

They do not write SVG into the notebook: nbconvert's HTML exporter runs the
page through BeautifulSoup, which would lower-case SVG attribute names.  They
put a placeholder (``<div data-c4kit-slot="N"></div>``) where each figure or
player goes and keep the HTML in a :class:`PageAssets`; :meth:`PageAssets.fill`
swaps the placeholders for it once nbconvert is done.

* :class:`DiagramPreprocessor`: ``text/vnd.mermaid`` outputs (the HTML
  fallback beside them is dropped), frame sets (a player), ```` ```mermaid ````
  fences in markdown, and widget outputs without frames (a note saying the
  widget is live in JupyterLab, instead of ``IntSlider(value=3)``).
* :class:`AnchorPreprocessor`: marks the cells that hold ``## Example N``
  headings so the template gives them their anchor ids.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import nbformat
from nbconvert.preprocessors import Preprocessor

from c4kit.course.a11y import text_alternative
from c4kit.course.diagrams import MERMAID_MIME, frame_set_of, mermaid_fences, mime_text
from c4kit.course.errors import DiagramError
from c4kit.course.export.figure import figure_html, svg_id
from c4kit.course.export.player import player_html
from c4kit.course.rendering import RenderBatch

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
SLOT = re.compile(r'<div data-c4kit-slot="(?P<n>\d+)"></div>')
WIDGET_NOTE = ('<p class="c4kit-widget-note">An interactive widget runs here when you open this notebook in '
               "JupyterLab.</p>")
RESOURCE_KEY = "c4kit_page"


class PageAssets:
    """The figures and players of one page, keyed by placeholder, with ids unique on the page."""

    def __init__(self, rel: str, batch: RenderBatch) -> None:
        self.rel = rel
        self.batch = batch
        self.slots: list[str] = []
        self._ids: Counter[str] = Counter()
        self.figures = 0
        self.players = 0

    # nbconvert deep-copies resources before preprocessing; the page's assets (and the course's
    # rendered SVGs they point to) must be shared, not copied, or the placeholders are lost.
    def __copy__(self) -> PageAssets:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> PageAssets:
        return self

    def unique_id(self, base: str) -> str:
        self._ids[base] += 1
        n = self._ids[base]
        return base if n == 1 else f"{base}-{n}"

    def figure(self, text: str, where: str = "") -> str:
        """The figure HTML for one diagram of this page."""
        rendered = self.batch.by_text.get(text)
        if rendered is None or rendered.svg is None:
            error = rendered.error if rendered else "it was not rendered"
            raise DiagramError(f"{where or self.rel}: diagram not rendered: {error}",
                               hint="run `c4kit course validate` to see every broken diagram with lint findings")
        self.figures += 1
        element_id = self.unique_id(svg_id(rendered.svg) or "c4kit-diagram")
        return figure_html(rendered.svg, text_alternative(text), element_id)

    def slot(self, html: str) -> str:
        self.slots.append(html)
        return f'<div data-c4kit-slot="{len(self.slots) - 1}"></div>'

    def fill(self, page: str) -> str:
        """The page with every placeholder replaced by its HTML."""
        return SLOT.sub(lambda m: self.slots[int(m.group("n"))] if int(m.group("n")) < len(self.slots)
                        else m.group(0), page)


def page_assets(resources: dict[str, Any]) -> PageAssets:
    page = resources.get(RESOURCE_KEY)
    if not isinstance(page, PageAssets):
        raise TypeError(f"resources[{RESOURCE_KEY!r}] must hold the page's PageAssets")
    return page


class DiagramPreprocessor(Preprocessor):
    """Diagrams, frame sets and widgets become placeholders for pre-rendered HTML (see the module docstring)."""

    def preprocess_cell(self, cell: nbformat.NotebookNode, resources: dict[str, Any],
                        index: int) -> tuple[nbformat.NotebookNode, dict[str, Any]]:
        page = page_assets(resources)
        where = f"{page.rel}, cell {index + 1}"
        if cell.cell_type == "markdown":
            cell.source = self._markdown(cell.source, page, where)
        elif cell.cell_type == "code":
            for oi, output in enumerate(cell.get("outputs", [])):
                data = output.get("data")
                if data:
                    replaced = self._bundle(data, page, f"{where}, output {oi + 1}")
                    if replaced is not data:
                        output["data"] = replaced
                        output["metadata"] = {}  # it described the bundle that is gone
        return cell, resources

    @staticmethod
    def _markdown(source: str, page: PageAssets, where: str) -> str:
        blocks = mermaid_fences(source)
        if not blocks:
            return source
        lines = source.splitlines()
        for fi, fence in reversed(list(enumerate(blocks))):
            placeholder = page.slot(page.figure(fence.body, f"{where}, mermaid block {fi + 1}"))
            lines[fence.start:fence.end + 1] = ["", placeholder, ""]
        return "\n".join(lines)

    @staticmethod
    def _bundle(data: dict[str, Any], page: PageAssets, where: str) -> dict[str, Any]:
        frames = frame_set_of(data, where)
        if frames is not None:
            page.players += 1
            player_id = page.unique_id(f"c4kit-player-{page.players}")
            return {"text/html": page.slot(player_html(frames, player_id, lambda text: page.figure(text, where)))}
        if MERMAID_MIME in data:
            return {"text/html": page.slot(page.figure(mime_text(data[MERMAID_MIME]), where))}
        if WIDGET_MIME in data:
            return {"text/html": WIDGET_NOTE}
        return data


class AnchorPreprocessor(Preprocessor):
    """Records on each markdown cell the anchor ids of the example headings it holds."""

    def preprocess(self, nb: nbformat.NotebookNode,
                   resources: dict[str, Any]) -> tuple[nbformat.NotebookNode, dict[str, Any]]:
        from c4kit.course.discover import anchors_in

        for anchor in anchors_in(nb):
            cell = nb.cells[anchor.cell]
            cell.metadata.setdefault("c4kit_anchors", []).append(anchor.slug)
        return nb, resources
