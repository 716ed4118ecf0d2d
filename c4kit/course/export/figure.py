"""A rendered diagram as an accessible figure: the SVG inline, named, described, and as text.

Mermaid's SVG announces itself as ``graphics-document`` with a role
description such as "flowchart-v2", which tells a screen reader nothing.  The
figure replaces that with ``role="img"`` named by a ``<title>`` and described
by a ``<desc>`` from :mod:`c4kit.course.a11y`, and follows the drawing with
a collapsible "diagram as text" block.

Mermaid prefixes every id and CSS rule inside an SVG with the SVG's id, and
the render engine makes that id a hash of the text (deterministic output).
The same diagram shown twice on one page would then repeat ids, so each
occurrence after the first gets its own suffix.
"""

from __future__ import annotations

import re
from html import escape

from c4kit.course.a11y import TextAlternative

_SVG_OPEN = re.compile(r"<svg\b[^>]*>", re.IGNORECASE)
_SVG_ID = re.compile(r'\bid="(?P<id>[^"]+)"')
_DROP_ATTRS = re.compile(r'\s(?:role|aria-roledescription|aria-labelledby|aria-describedby|aria-label)="[^"]*"')


def reid(svg: str, new_id: str) -> str:
    """The same SVG with its id (and every reference to it inside) replaced by ``new_id``."""
    opening = _SVG_OPEN.search(svg)
    found = _SVG_ID.search(opening.group(0)) if opening else None
    if not found or found.group("id") == new_id:
        return svg
    old = found.group("id")
    return re.sub(re.escape(old) + r"(?![A-Za-z0-9_])", new_id, svg)


def svg_id(svg: str) -> str:
    """The id Mermaid gave the drawing ("" when there is none)."""
    opening = _SVG_OPEN.search(svg)
    found = _SVG_ID.search(opening.group(0)) if opening else None
    return found.group("id") if found else ""


def accessible_svg(svg: str, alt: TextAlternative, element_id: str) -> str:
    """The SVG as an image named by ``alt.title`` and described by ``alt.summary``."""
    opening = _SVG_OPEN.search(svg)
    if not opening:
        return svg
    title_id, desc_id = f"{element_id}-title", f"{element_id}-desc"
    tag = _DROP_ATTRS.sub("", opening.group(0))
    tag = tag[:-1] + f' role="img" aria-labelledby="{title_id} {desc_id}">'
    inner = (f'<title id="{title_id}">{escape(alt.title)}</title>'
             f'<desc id="{desc_id}">{escape(alt.summary)}</desc>')
    return svg[:opening.start()] + tag + inner + svg[opening.end():]


#: Wide diagrams are never drawn smaller than this share of their natural size: below
#: it, 16px labels drop under 11px and stop being readable.  The card scrolls instead.
MIN_SCALE = 0.7
#: What the card adds around its drawing: 1rem of padding and a 1px border on each side.
CARD_CHROME_PX = 34
_VIEWBOX = re.compile(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+(?P<w>[\d.]+)[\s,]+[\d.]+\s*"')


def natural_width(svg: str) -> float | None:
    """The drawing's width in CSS pixels at 100 % (from its viewBox), if it has one."""
    opening = _SVG_OPEN.search(svg)
    found = _VIEWBOX.search(opening.group(0)) if opening else None
    return float(found.group("w")) if found else None


def figure_html(svg: str, alt: TextAlternative, element_id: str, *, caption: str = "") -> str:
    """``<figure>`` with the diagram on a light card (readable in dark mode too) and its text alternative."""
    body = accessible_svg(reid(svg, element_id), alt, element_id)
    cap = f'<figcaption class="c4kit-caption">{escape(caption)}</figcaption>' if caption else ""
    width = natural_width(svg)
    floor = f' style="--c4kit-min-width:{round(width * MIN_SCALE)}px"' if width else ""
    # A drawing wider than the text column may widen its figure up to the window (the card's padding
    # and border included) before it has to scroll: wide views stay readable without a scroll bar.
    fit = f' style="--c4kit-fit:{round(width) + CARD_CHROME_PX}px"' if width else ""
    return (f'<figure class="c4kit-figure" data-c4kit-diagram="{escape(element_id)}"{fit}>'
            f'<div class="c4kit-card"{floor}>{body}</div>{alt.details_html()}{cap}</figure>')
