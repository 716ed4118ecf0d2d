"""One browser batch for every diagram of the course, optionally with the overlap measurement.

Validation and export both need real Mermaid's verdict on every diagram; the
export also needs the SVGs.  Both go through :func:`render_texts`, which hands
the distinct texts to the shared render engine in one call, so the browser
starts once and Mermaid is loaded once, whatever the size of the course.
Readability (overlapping labels) is measured in the same pass when asked,
by :mod:`c4kit.render.overlap` running on each freshly drawn SVG.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from c4kit.render.engine import RenderResult, get_engine


@dataclass(frozen=True)
class Rendered:
    """Mermaid's verdict on one distinct diagram text."""

    svg: str | None
    error: str | None
    ms: float
    #: An :class:`c4kit.render.overlap.OverlapReport` when measured, else ``None``.
    overlaps: Any = None

    @property
    def ok(self) -> bool:
        return self.svg is not None

    @property
    def overlap_count(self) -> int | None:
        if self.overlaps is None or getattr(self.overlaps, "error", None):
            return None
        return int(self.overlaps.count)


@dataclass
class RenderBatch:
    """Every distinct diagram text of a run, rendered, plus how long it took."""

    by_text: dict[str, Rendered]
    seconds: float
    measured: bool

    def __getitem__(self, text: str) -> Rendered:
        return self.by_text[text]


#: Diagrams this process has drawn, by (theme, text).  Validation and export of one build see the same
#: texts, and the same pinned Mermaid draws a text the same way every time, so the second pass reuses the
#: first's SVGs instead of drawing the course twice.  Bounded, oldest first out.
_DRAWN: dict[tuple[str, str], Rendered] = {}
_DRAWN_LIMIT = 5000


def render_texts(texts: Sequence[str], *, measure: bool = False, theme: str = "default") -> RenderBatch:
    """Render distinct texts in one engine call; with ``measure``, count overlapping labels too.

    Texts this process drew before are taken from the cache (a measured drawing serves either kind
    of call; an unmeasured one only calls that do not measure).
    """
    unique = list(dict.fromkeys(texts))
    start = time.perf_counter()
    if not unique:
        return RenderBatch({}, 0.0, measure)
    by_text: dict[str, Rendered] = {}
    for text in unique:
        known = _DRAWN.get((theme, text))
        if known is not None and known.ok and (known.overlaps is not None or not measure):
            by_text[text] = known
    todo = [text for text in unique if text not in by_text]
    if todo:
        engine = get_engine()
        if measure:
            from c4kit.render.overlap import overlap_probe, report_from_result

            results = engine.render_many(todo, theme=theme, probe=overlap_probe())
            reports: list[Any] = [report_from_result(r) for r in results]
        else:
            results = engine.render_many(todo, theme=theme)
            reports = [None] * len(results)
        for text, result, report in zip(todo, results, reports):
            by_text[text] = _DRAWN[(theme, text)] = _rendered(result, report)
        while len(_DRAWN) > _DRAWN_LIMIT:
            del _DRAWN[next(iter(_DRAWN))]
    return RenderBatch({text: by_text[text] for text in unique}, time.perf_counter() - start, measure)


def _rendered(result: RenderResult, report: Any) -> Rendered:
    return Rendered(result.svg, result.error, result.ms, report)
