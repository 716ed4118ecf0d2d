"""Lighter pages: the same diagrams in fewer bytes.

Mermaid's SVG is generous in ways that cost a course page most of its weight,
none of which a static page needs:

* every drawing carries a ``<style>`` block of several kilobytes, scoped to the
  drawing's id, and the blocks of one page differ only in that id;
* every flowchart defines sixteen arrow-head ``<marker>``\\ s and uses two;
* the same long inline ``style="..."`` (label boxes, classDef colours) is
  repeated on hundreds of elements of a page;
* every HTML label repeats ``xmlns="http://www.w3.org/1999/xhtml"``, which the
  HTML parser supplies by itself inside ``<foreignObject>``;
* coordinates are printed to a dozen decimals (``translate(123.45678901, ...)``)
  when a tenth of a CSS pixel is already below what a screen shows;
* every edge carries its points again as base64 JSON (``data-points``) for
  Mermaid's own interactivity, which a static page never runs.

:func:`compact_page` fixes all of these on a finished page.  Each distinct style
block is kept once, in the page's head, re-scoped from ``#<svg id>`` to a class
(``c4kit-s-<hash>``) that every drawing using it carries; unused markers go; a repeated inline
style becomes one page-level class (``c4kit-i<n>``) whose rule keeps the
inline style's precedence (see :func:`_hoisted_rule`); numbers are rounded and
Mermaid's ``data-*`` attributes dropped, *inside tags only*, so no label text is
ever touched.  The drawing looks the same: the tests compare the rendered
labels, and a browser test compares screenshots of a page before and after.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
from collections import Counter

_SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.DOTALL)
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_ID = re.compile(r'\bid="([^"]+)"')
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_TAG = re.compile(r"<[^<>]+>")
#: A number with decimals, matched whole: SVG path data runs numbers together ("1.5.5" is 1.5 then .5,
#: ".25.00" is .25 then .00), so a number next to another "." is left alone rather than risk merging two.
_LONG_NUMBER = re.compile(r"(?<![\d.])(-?\d+)\.(\d)\d*(?![\d.])")
#: Mermaid's bookkeeping for its own interactivity (edge points as base64 JSON, ids,
#: looks): nothing in a static page reads them.  c4kit's own data-c4kit-* stay.
_MERMAID_DATA = re.compile(r'\sdata-(?!c4kit)[\w-]+="[^"]*"')
_XHTML_NS = re.compile(r'\sxmlns="http://www\.w3\.org/1999/xhtml"')
_EMPTY_STYLE = re.compile(r'\sstyle="[;\s]*"')
_CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')
_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
_MARKER = re.compile(r'<marker\b[^>]*\bid="(?P<id>[^"]+)"[^>]*>.*?</marker>', re.DOTALL)
_EMPTY_GROUP = re.compile(r"<g>\s*</g>")
#: Shorter than this, a class attribute costs about what the style did.
_MIN_HOISTED_STYLE = 24
#: The hoisted class is repeated in its selector to outrank Mermaid's own rules (the most
#: specific of them, ``.c4kit-s-x .c4system span``, is 0-2-1), as the inline style did.
_SPECIFICITY_REPEAT = 4


def _round_number(m: re.Match[str]) -> str:
    whole, tenth = m.group(1), m.group(2)
    return whole if tenth == "0" else f"{whole}.{tenth}"


def _slim_tag(tag: re.Match[str]) -> str:
    """One tag with long numbers rounded, Mermaid's data attributes, empty styles and repeated classes gone."""
    text = tag.group(0)
    if text.startswith("<style"):
        return text
    text = _EMPTY_STYLE.sub("", _XHTML_NS.sub("", _MERMAID_DATA.sub("", text)))
    text = _CLASS_ATTR.sub(lambda m: ' class="' + " ".join(dict.fromkeys(m.group(1).split())) + '"', text)
    # Numbers in attribute values only: a label's text never sits inside a tag.
    return _LONG_NUMBER.sub(_round_number, text)


def _drop_unused_markers(svg: str) -> str:
    """Arrow-head markers nothing points at (``url(#id)``) are dead weight."""
    def keep(m: re.Match[str]) -> str:
        return m.group(0) if f"#{m.group('id')})" in svg else ""

    return _EMPTY_GROUP.sub("", _MARKER.sub(keep, svg))


_ANY_ID = re.compile(r'\sid="([^"]+)"')
_ID_REFERENCE = re.compile(r'url\(#([^)]+)\)|href="#([^"]+)"|aria-(?:labelledby|describedby)="([^"]+)"')
#: Drawn as nothing: an edge label with no text (a zero-size box) and an empty ``<rect>``.
_INVISIBLE = re.compile(r'<g class="edgeLabel"><g class="label"[^>]*><foreignObject width="0" height="0">'
                        r'<div[^>]*><span class="edgeLabel"></span></div></foreignObject></g></g>|<rect></rect>')


def _drop_unreferenced_ids(svg: str) -> str:
    """Ids nothing points at, and boxes that draw nothing, are dead weight (a tenth of a drawing).

    Mermaid gives every node, edge and label an id; the drawing's CSS is scoped by the root's id (kept),
    arrow heads are found by ``url(#...)`` and titles by ``aria-labelledby`` (kept); no script of the
    site looks inside a drawing by id.
    """
    opening = _SVG_OPEN.search(svg)
    if not opening:
        return svg
    keep = {token for m in _ID_REFERENCE.finditer(svg) for group in m.groups() if group for token in group.split()}
    root = _ID.search(opening.group(0))
    if root:
        keep.add(root.group(1))
    body = _ANY_ID.sub(lambda m: m.group(0) if m.group(1) in keep else "", svg[opening.end():])
    return opening.group(0) + _INVISIBLE.sub("", body)


def _style_text(svg: str) -> str:
    """Serialised SVG escapes ``>`` in ``<style>`` as ``&gt;``; inline in HTML that breaks the selector."""
    return _STYLE.sub(lambda m: "<style>" + html_lib.unescape(m.group(1)) + "</style>", svg)


def _share_style(svg: str, shared: dict[str, str]) -> str:
    """The drawing without its ``<style>``, re-scoped into ``shared`` (class name -> CSS) and kept once a page.

    The CSS goes to the page's head rather than into the first drawing that
    uses it, so a drawing that is not in the page yet (a frame player's packed
    frame) finds its styles there when it is unpacked.
    """
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
    shared.setdefault(name, generic)
    body = svg[:style.start()] + svg[style.end():]
    tag = opening.group(0)
    if ' class="' in tag:
        new_tag = tag.replace(' class="', f' class="{name} ', 1)
    else:
        new_tag = tag[:-1] + f' class="{name}">'
    return new_tag + body[len(tag):]


def _top_level_rules(css: str) -> list[str]:
    """``css`` cut into its top-level rules (an ``@keyframes`` block stays whole)."""
    rules, depth, start = [], 0, 0
    for at, char in enumerate(css):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                rules.append(css[start:at + 1].strip())
                start = at + 1
    tail = css[start:].strip()
    return [*rules, tail] if tail else rules


def _merged_styles(shared: dict[str, str]) -> str:
    """Every drawing's CSS with each rule written once, for all the drawings that have it.

    Mermaid writes ~7 KB of the same CSS into every drawing and adds the diagram's ``classDef``
    lines at the end, so a page of 30 flowcharts has a dozen style variants that differ in a few
    rules.  A rule they share is written once with ``:is(.variant-a,.variant-b)`` in place of the
    drawing's id (same specificity as one class).  Each variant's rules stay in their own order: a
    rule is merged into an earlier copy only if that copy comes after the variant's previous rule;
    otherwise it is written again, so the cascade each drawing sees is unchanged.
    """
    merged: list[tuple[str, list[str]]] = []
    position: dict[str, int] = {}
    for name, generic in shared.items():
        last = -1
        for rule in _top_level_rules(generic):
            at = position.get(rule, -1)
            if at > last:
                merged[at][1].append(name)
            else:
                merged.append((rule, [name]))
                at = position[rule] = len(merged) - 1
            last = at
    out = []
    for rule, names in merged:
        scope = "." + names[0] if len(names) == 1 else ":is(" + ",".join("." + n for n in names) + ")"
        out.append(rule.replace("#SVG", scope))
    return "".join(out)


def _hoisted_rule(name: str, declarations: str) -> str:
    """A class rule as strong as the inline style it replaces.

    An inline declaration beats every rule of a stylesheet; ``!important`` on
    the class rule beats every normal rule, and the repeated class outranks
    Mermaid's own ``!important`` rules.  A declaration that was already
    ``!important`` stays so.
    """
    parts = []
    for declaration in declarations.split(";"):
        declaration = declaration.strip()
        if not declaration or ":" not in declaration:
            continue
        parts.append(declaration if declaration.endswith("!important") else declaration + " !important")
    selector = "." + ".".join([name] * _SPECIFICITY_REPEAT)
    return selector + "{" + ";".join(parts) + "}"


#: A style that sets a custom property is read by the site's CSS (``[style*="--c4kit-min-width"]``): keep it inline.
_SETS_VARIABLE = re.compile(r"(?:^|;)\s*--")
_RAW_TEXT = re.compile(r"<(script|style)\b[^>]*>.*?</\1>", re.DOTALL | re.IGNORECASE)


def _markup_parts(page: str) -> list[tuple[bool, str]]:
    """The page cut into (is markup, text) parts: script and style contents are never markup to retag."""
    parts, last = [], 0
    for m in _RAW_TEXT.finditer(page):
        parts.append((True, page[last:m.start()]))
        parts.append((False, m.group(0)))
        last = m.end()
    parts.append((True, page[last:]))
    return parts


def _hoist_styles(page: str) -> tuple[str, str]:
    """Inline styles repeated on the page become classes; returns the page and their CSS.

    Drawings repeat their label styles, and notebook outputs repeat theirs (the
    source listing styles every line number alike): both are hoisted.
    """
    parts = _markup_parts(page)
    counts = Counter(m.group(1) for is_markup, text in parts if is_markup
                     for tag in _TAG.findall(text) for m in _STYLE_ATTR.finditer(tag))
    candidates = [s for s, n in counts.items()
                  if n >= 2 and len(s) >= _MIN_HOISTED_STYLE and not _SETS_VARIABLE.search(s)]
    hoisted = {style: f"c4kit-i{index}"
               for index, style in enumerate(sorted(candidates, key=lambda s: (-counts[s], s)))}
    if not hoisted:
        return page, ""

    def retag(tag: re.Match[str]) -> str:
        text = tag.group(0)
        found = _STYLE_ATTR.search(text)
        if not found or found.group(1) not in hoisted:
            return text
        name = hoisted[found.group(1)]
        text = text[:found.start()] + text[found.end():]
        classes = _CLASS_ATTR.search(text)
        if classes:
            return text[:classes.start()] + f' class="{classes.group(1)} {name}"' + text[classes.end():]
        end = -2 if text.endswith("/>") else -1
        return text[:end] + f' class="{name}"' + text[end:]

    css = "".join(_hoisted_rule(name, style) for style, name in hoisted.items())
    return "".join(_TAG.sub(retag, text) if is_markup else text for is_markup, text in parts), css


_HIGHLIGHT = re.compile(r'<div class="highlight[^"]*"><pre>.*?</pre>', re.DOTALL)
#: Pygments tokens that both code themes draw in the block's own colour: names, punctuation, spaces.
_PLAIN_TOKEN = re.compile(r'<span class="(?:n|p|w)">([^<]*)</span>')


def _plain_tokens(page: str) -> str:
    """Code cells without the spans that change nothing: a third of a highlighted cell's bytes.

    Pygments wraps every name, bracket and run of spaces in a ``<span>``; the light style gives
    ``.n``/``.p`` no colour and the dark one gives them the block's own, so the text looks the same
    without them.  (``tests/test_course_compact.py`` pins that the two styles still agree.)
    """
    return _HIGHLIGHT.sub(lambda m: _PLAIN_TOKEN.sub(r"\1", m.group(0)), page)


def compact_page(html: str) -> str:
    """The page slimmed: drawings' styles shared, markers pruned, coordinates rounded, repeated styles hoisted."""
    shared: dict[str, str] = {}
    page = _SVG.sub(lambda m: _TAG.sub(_slim_tag, _drop_unreferenced_ids(_drop_unused_markers(
        _share_style(_style_text(m.group(0)), shared)))), html)
    page, hoisted = _hoist_styles(_plain_tokens(page))
    css = _merged_styles(shared) + hoisted
    if css:
        style = f'<style id="c4kit-diagram-styles">{css}</style>'
        head_end = page.find("</head>")
        at = head_end if head_end != -1 else max(page.find("<svg"), 0)
        page = page[:at] + style + page[at:]
    return page
