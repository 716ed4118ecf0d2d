"""Lighter pages: the same diagrams in fewer bytes.

Mermaid's SVG is generous in two ways that cost a course page most of its
weight:

* every drawing carries a ``<style>`` block of several kilobytes, scoped to the
  drawing's id, and the blocks of one page differ only in that id;
* coordinates are printed to a dozen decimals (``translate(123.45678901, ...)``)
  when a tenth of a CSS pixel is already below what a screen shows;
* every edge carries its points again as base64 JSON (``data-points``) for
  Mermaid's own interactivity, which a static page never runs.

:func:`compact_page` fixes both on a finished page.  Each distinct style block
is kept once, re-scoped from ``#<svg id>`` to a class (``c4kit-s-<hash>``) that
every drawing using it carries; and numbers with more than one decimal are
rounded to one and Mermaid's ``data-*`` attributes dropped, *inside tags
only*, so no label text is ever touched.
The drawing looks the same (the tests compare the rendered labels).
"""

from __future__ import annotations

import hashlib
import re

_SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.DOTALL)
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_ID = re.compile(r'\bid="([^"]+)"')
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_TAG = re.compile(r"<[^<>]+>")
_LONG_NUMBER = re.compile(r"(-?\d+\.\d)\d+")
#: Mermaid's bookkeeping for its own interactivity (edge points as base64 JSON, ids,
#: looks): nothing in a static page reads them.  c4kit's own data-c4kit-* stay.
_MERMAID_DATA = re.compile(r'\sdata-(?!c4kit)[\w-]+="[^"]*"')


def _round_in_tags(svg: str) -> str:
    def shorten(tag: re.Match[str]) -> str:
        text = tag.group(0)
        if text.startswith("<style"):
            return text
        return _LONG_NUMBER.sub(lambda m: m.group(1), _MERMAID_DATA.sub("", text))

    return _TAG.sub(shorten, svg)


def _share_style(svg: str, seen: set[str]) -> str:
    opening = _SVG_OPEN.search(svg)
    found = _ID.search(opening.group(0)) if opening else None
    style = _STYLE.search(svg)
    if not (opening and found and style):
        return svg
    svg_id = found.group(1)
    generic = style.group(1).replace("#" + svg_id, "#SVG")
    if re.search(r"#SVG[\w-]", generic):  # the id is a prefix of other ids in the CSS: leave it alone
        return svg
    name = "c4kit-s-" + hashlib.sha1(generic.encode()).hexdigest()[:10]
    css = generic.replace("#SVG", "." + name)
    body = svg[:style.start()] + (f"<style>{css}</style>" if name not in seen else "") + svg[style.end():]
    seen.add(name)
    tag = opening.group(0)
    if ' class="' in tag:
        new_tag = tag.replace(' class="', f' class="{name} ', 1)
    else:
        new_tag = tag[:-1] + f' class="{name}">'
    return new_tag + body[len(tag):]


def compact_page(html: str) -> str:
    """The page with every inline SVG's style shared and its coordinates rounded."""
    seen: set[str] = set()
    return _SVG.sub(lambda m: _round_in_tags(_share_style(m.group(0), seen)), html)
