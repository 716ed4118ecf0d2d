"""A frame set as a self-contained player: every state pre-rendered, plain controls switch between them.

No kernel, no widget manager, no network: the page holds one ``<div>`` per
frame (figure, caption, detail table) and real form controls, one per
control of the frame set: ``<select>`` for a choice, a checkbox for a
toggle, a range input for a slider.  Native controls are keyboard operable
and labelled for free.  ``static/player.js`` shows the frame whose key is the
controls' current option indexes and announces its caption politely.  Without
JavaScript the default frame is shown, so the page still makes sense.

Frames weigh: each is a full drawing, and a failure lab has dozens.  The
default frame stays inline; :func:`pack_frames` puts every other frame of a
player into one gzip + base64 ``<script type="application/vnd.c4kit.frames+gzip">``
block (about a twenty-fifth of the bytes), which ``player.js`` unpacks with the
browser's own ``DecompressionStream`` the first time another state is chosen.  It runs on the
finished page, after :func:`~c4kit.course.export.compact.compact_page`, so
packed drawings are slimmed first and find their shared styles in the head.
:func:`unpack_frames` is the inverse, for checks that read pages in Python.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
from collections.abc import Callable
from html import escape

from c4kit.frames import Control, FrameSet


def frame_key(frames: FrameSet, key: dict[str, str]) -> str:
    """A frame's key as option indexes in control order ("0.1"), the form ``player.js`` computes."""
    parts = []
    for control in frames.controls:
        values = [o.value for o in control.options]
        parts.append(str(values.index(key[control.name])))
    return ".".join(parts)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "control"


def _control_html(control: Control, player_id: str) -> str:
    cid = f"{player_id}-{_slug(control.name)}"
    values = [o.value for o in control.options]
    default = values.index(control.default)
    name = escape(control.name)
    if control.type == "toggle":
        checked = " checked" if default == 1 else ""
        state = escape(control.options[default].label)
        labels = escape(json.dumps([o.label for o in control.options]))
        # The state's words ("Degraded", "On") describe the checkbox: "checked" alone does not say what it means.
        return (f'<div class="c4kit-control c4kit-toggle"><input type="checkbox" id="{cid}" '
                f'data-c4kit-control="{name}" data-labels="{labels}" aria-describedby="{cid}-state"{checked}>'
                f'<label for="{cid}">{escape(control.label)}</label> '
                f'<span class="c4kit-state" id="{cid}-state">{state}</span></div>')
    if control.type == "slider":
        labels = [o.label for o in control.options]
        return (f'<div class="c4kit-control c4kit-slider"><label for="{cid}">{escape(control.label)}</label> '
                f'<input type="range" id="{cid}" min="0" max="{len(values) - 1}" step="1" value="{default}" '
                f'data-c4kit-control="{name}" data-labels="{escape(json.dumps(labels))}" '
                f'aria-valuetext="{escape(labels[default])}"> '
                f'<output for="{cid}" class="c4kit-state">{escape(labels[default])}</output></div>')
    options = "".join(f'<option value="{escape(o.value)}"{" selected" if i == default else ""}>{escape(o.label)}'
                      f"</option>" for i, o in enumerate(control.options))
    return (f'<div class="c4kit-control c4kit-select"><label for="{cid}">{escape(control.label)}</label> '
            f'<select id="{cid}" data-c4kit-control="{name}">{options}</select></div>')


def _details_html(headings: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> str:
    if not rows:
        return ""
    head = ("<thead><tr>" + "".join(f'<th scope="col">{escape(h)}</th>' for h in headings) + "</tr></thead>"
            if headings else "")
    body = "".join("<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="c4kit-details">{head}<tbody>{body}</tbody></table>'


def player_html(frames: FrameSet, player_id: str, figure: Callable[[str], str]) -> str:
    """The player for ``frames``; ``figure(mermaid_text)`` returns one frame's figure HTML (ids unique on the page)."""
    default_key = {c.name: c.default for c in frames.controls}
    controls = "".join(_control_html(c, player_id) for c in frames.controls)
    parts = [f'<section class="c4kit-player" id="{player_id}" data-c4kit-interactive="{escape(frames.kind)}" '
             f'aria-label="{escape(frames.title)}">',
             f'<p class="c4kit-player-title">{escape(frames.title)}</p>',
             f'<div class="c4kit-controls" role="group" aria-label="Controls">{controls}</div>']
    default_caption = ""
    for frame in frames.frames:
        shown = frame.key == default_key
        if shown:
            default_caption = frame.caption
        body = figure(frame.mermaid)
        caption = f'<p class="c4kit-frame-caption">{escape(frame.caption)}</p>' if frame.caption else ""
        key = frame_key(frames, frame.key)
        html = (f'<div class="c4kit-frame" data-key="{key}"{"" if shown else " hidden"}>{caption}{body}'
                f"{_details_html(frames.detail_headings, frame.details)}</div>")
        # Markers let pack_frames find a hidden frame's end without parsing the nested HTML.
        parts.append(html if shown else f"<!--c4kit-frame:{key}-->{html}<!--/c4kit-frame-->")
    if frames.legend:
        items = "".join(f'<li><span class="c4kit-swatch" style="background:{escape(colour)}" aria-hidden="true">'
                        f"</span>{escape(text)}</li>" for colour, text in frames.legend)
        parts.append(f'<ul class="c4kit-legend" aria-label="Legend">{items}</ul>')
    parts.append(f'<p class="c4kit-live visually-hidden" aria-live="polite">{escape(default_caption)}</p></section>')
    return "".join(parts)


PACKED_TYPE = "application/vnd.c4kit.frames+gzip"
_PLAYER = re.compile(r'<section class="c4kit-player".*?</section>', re.DOTALL)
_MARKED_FRAME = re.compile(r"<!--c4kit-frame:(?P<key>[\d.]+)-->(?P<html>.*?)<!--/c4kit-frame-->", re.DOTALL)
_PACKED = re.compile(r'<script type="' + re.escape(PACKED_TYPE) + r'" class="c4kit-packed-frames">'
                     r'(?P<data>[A-Za-z0-9+/=]*)</script>')


def pack_frames(html: str) -> str:
    """Every player's hidden frames as one gzip + base64 block; deterministic (no timestamp in the gzip).

    One stream per player rather than one per frame: a player's frames are the
    same drawing with a few boxes recoloured, and deflate finds the repeats
    only within one stream (five times smaller than packing frames one by one).
    The frames keep their markers inside, so ``player.js`` can insert one at a time.
    """
    def pack(player: re.Match[str]) -> str:
        text = player.group(0)
        frames = "".join(m.group(0) for m in _MARKED_FRAME.finditer(text))
        if not frames:
            return text
        data = base64.b64encode(gzip.compress(frames.encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")
        rest = _MARKED_FRAME.sub("", text)
        end = rest.rindex("</section>")
        return f'{rest[:end]}<script type="{PACKED_TYPE}" class="c4kit-packed-frames">{data}</script>{rest[end:]}'

    return _PLAYER.sub(pack, html)


def unpack_frames(html: str) -> str:
    """The page with every packed frame back as HTML (markers dropped), as ``player.js`` would insert it."""
    def unpack(m: re.Match[str]) -> str:
        frames = gzip.decompress(base64.b64decode(m.group("data"))).decode("utf-8")
        return "".join(frame.group("html") for frame in _MARKED_FRAME.finditer(frames))

    return _PACKED.sub(unpack, html)
