"""Rendering Mermaid to SVG, PNG and standalone HTML with real Mermaid in headless Chromium."""

from c4kit.render.browser import find_chromium
from c4kit.render.engine import Engine, RenderResult, get_engine, render_svg, render_svgs

__all__ = ["Engine", "RenderResult", "find_chromium", "get_engine", "render_svg", "render_svgs"]
