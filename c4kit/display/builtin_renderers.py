"""The renderers c4kit ships, and the registry they live in.

``mermaid`` (default)
    ``text/vnd.mermaid`` + ``text/plain``.  JupyterLab >= 4.1 and Notebook
    >= 7.1 draw it natively and offline.  Deliberately *no* ``text/html``:
    JupyterLab picks the MIME type with the lowest rank, and ``text/html``
    (rank 50) beats its Mermaid renderer (rank 61), so any HTML fallback in
    the same bundle would hide the native drawing.  Left alone, JupyterLab
    also stores the SVG it drew as ``image/svg+xml`` in the saved notebook,
    which is what VS Code, GitHub and nbconvert then show.
``html``
    Self-contained and offline for front ends without a Mermaid renderer
    (VS Code, where it is chosen automatically; classic Notebook; exported
    pages).  The pinned Mermaid bundle (3.5 MB) is embedded in the first
    output of a kernel session only; later outputs draw with the
    ``window.mermaid`` it leaves.  Option ``embed``: ``"once"`` (default),
    ``"always"`` (front ends that isolate every output in its own frame),
    ``"never"`` (rely on a Mermaid loaded by other means).
``text``
    ``text/plain`` only: the Mermaid source (terminals, doctests, diffs).
``svg``
    Pre-rendered ``image/svg+xml`` from real Mermaid in headless Chromium
    (``c4kit.render``); only when enabled, since it starts a browser.  With no
    browser it falls back to the default bundle and says so once.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from c4kit.display.frontend import in_vscode
from c4kit.display.html import NOT_DRAWN_NOTE, diagram_html
from c4kit.display.registry import RendererRegistry
from c4kit.errors import BrowserNotFoundError, C4Error

MERMAID_MIME = "text/vnd.mermaid"
DEFAULT_RENDERER = "mermaid"
#: Environment variable that picks the renderer before any ``enable`` (e.g. in CI).
RENDERER_ENV_VAR = "C4KIT_RENDERER"
EMBED_MODES = ("once", "always", "never")


class _Session:
    """Per-kernel state: has an output carried the Mermaid bundle yet, which notes were shown."""

    def __init__(self) -> None:
        self.mermaid_embedded = False
        self.notes_shown: set[str] = set()


session = _Session()


def note_once(key: str, message: str) -> None:
    """Print a one-line note to stderr the first time ``key`` comes up in this session."""
    if key in session.notes_shown:
        return
    session.notes_shown.add(key)
    print(f"c4kit: {message}", file=sys.stderr)


def mermaid_renderer(text: str, *, title: str = "") -> dict[str, Any]:
    """Native Mermaid for JupyterLab/Notebook 7, source as plain text for the rest."""
    return {MERMAID_MIME: text, "text/plain": text}


def text_renderer(text: str, *, title: str = "") -> dict[str, Any]:
    """The Mermaid source only."""
    return {"text/plain": text}


def html_renderer(text: str, *, title: str = "", embed: str = "once") -> dict[str, Any]:
    """Offline HTML that draws itself with the pinned Mermaid (see the module docstring)."""
    if embed not in EMBED_MODES:
        raise C4Error(f"the html renderer's embed option must be one of {', '.join(EMBED_MODES)}, not {embed!r}",
                      hint='e.g. c4kit.renderers.enable("html", embed="always")')
    bundle_js: str | None = None
    note = NOT_DRAWN_NOTE
    if embed == "always" or (embed == "once" and not session.mermaid_embedded):
        from c4kit.assets import mermaid_js

        try:
            bundle_js = mermaid_js()
        except C4Error as err:
            note = f"{err.message}; {err.hint}" if err.hint else err.message
        else:
            session.mermaid_embedded = True
    html = diagram_html(text, title=title, mermaid_js=bundle_js, note=note)
    # text/vnd.mermaid too, so tools reading the saved notebook find the source;
    # every front end that knows it would rank text/html first anyway.
    return {"text/html": html, MERMAID_MIME: text, "text/plain": text}


def embed_mermaid_again() -> None:
    """Make the next "html" output carry the Mermaid bundle again (e.g. after clearing outputs)."""
    session.mermaid_embedded = False


def _on_enable_html(previous: str) -> None:
    # Enabling "html" while it is already active is the documented way to get
    # Mermaid embedded again (after the output that carried it was cleared);
    # switching to it from another renderer keeps the bundle already in the page.
    if previous == "html":
        embed_mermaid_again()


def svg_renderer(text: str, *, title: str = "", theme: str = "default") -> dict[str, Any]:
    """Real Mermaid's SVG from headless Chromium; the default bundle when there is no browser."""
    try:
        from c4kit.render import render_svg
    except ImportError as err:
        note_once("svg-unavailable", f"the 'svg' renderer is unavailable ({err}); showing the default rendering.")
        return mermaid_renderer(text, title=title)
    try:
        svg = render_svg(text, theme=theme)
    except BrowserNotFoundError as err:
        note_once("svg-no-browser", f"no headless Chromium, so the 'svg' renderer shows the default rendering "
                                    f"instead ({err.hint or err.message}).")
        return mermaid_renderer(text, title=title)
    return {"image/svg+xml": svg, "text/plain": text}


def _automatic() -> str | None:
    """The renderer to use while none was enabled: ``C4KIT_RENDERER``, else by front end."""
    wanted = os.environ.get(RENDERER_ENV_VAR, "").strip()
    if wanted:
        if wanted in renderers:
            return wanted
        note_once("bad-env-renderer", f"{RENDERER_ENV_VAR}={wanted!r} is not a renderer "
                                      f"(known: {', '.join(renderers.names())}); ignoring it.")
    if in_vscode():
        return "html"
    return None


renderers = RendererRegistry(default=DEFAULT_RENDERER, auto=_automatic)
renderers.register("mermaid", mermaid_renderer)
renderers.register("html", html_renderer, on_enable=_on_enable_html)
renderers.register("text", text_renderer)
renderers.register("svg", svg_renderer)
