"""Rendering Mermaid to SVG, PNG and standalone HTML with real Mermaid in headless Chromium.

* :func:`render_svgs` / :func:`render_pngs`: many diagrams in one browser page;
* :func:`save`: one diagram to ``.mmd``, ``.svg``, ``.png`` or an offline ``.html`` page;
* :func:`measure_overlaps`: which labels collide after layout (readability).

Submodules load lazily, so importing this package starts no browser and
imports no Playwright.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "Engine": "c4kit.render.engine",
    "RenderResult": "c4kit.render.engine",
    "get_engine": "c4kit.render.engine",
    "render_svg": "c4kit.render.engine",
    "render_svgs": "c4kit.render.engine",
    "render_pngs": "c4kit.render.engine",
    "find_chromium": "c4kit.render.browser",
    "save": "c4kit.render.save",
    "standalone_html": "c4kit.render.standalone",
    "OverlapReport": "c4kit.render.overlap",
    "measure_overlaps": "c4kit.render.overlap",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'c4kit.render' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = list(_LAZY)
