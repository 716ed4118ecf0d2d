"""Diagrams in notebooks: MIME bundles, renderers, raw Mermaid and the ``%%mermaid`` magic.

Every c4kit view displays itself through :func:`mimebundle`, which asks the
active renderer (``c4kit.renderers``) for a Jupyter MIME bundle.  The default
sends ``text/vnd.mermaid``, which JupyterLab >= 4.1 and Notebook >= 7.1 draw
natively and offline; VS Code gets the self-contained "html" renderer
automatically.  Nothing is ever loaded from a CDN, and no browser starts in
the kernel unless the "svg" renderer is enabled.

* :func:`show` draws a diagram with its Mermaid source one click away; :func:`draw` draws a C4 view
  as a C4-styled flowchart with its C4 text folded underneath (the course's way);
* :class:`MermaidText` wraps raw Mermaid of any diagram type (flowchart,
  class, state, sequence, C4), checked on construction;
* ``%load_ext c4kit`` registers ``%%mermaid`` (see :mod:`c4kit.display.magic`).
"""

from __future__ import annotations

from c4kit.display.builtin_renderers import MERMAID_MIME, embed_mermaid_again, renderers
from c4kit.display.bundle import error_bundle, mimebundle, mimebundle_for
from c4kit.display.frontend import detect_frontend, in_vscode
from c4kit.display.raw import DIAGRAM_TYPES, MermaidText, diagram_type
from c4kit.display.registry import RendererOptionError, RendererRegistry, UnknownRendererError
from c4kit.display.show import draw, show

__all__ = [
    "DIAGRAM_TYPES",
    "MERMAID_MIME",
    "MermaidText",
    "RendererOptionError",
    "RendererRegistry",
    "UnknownRendererError",
    "detect_frontend",
    "diagram_type",
    "draw",
    "embed_mermaid_again",
    "error_bundle",
    "in_vscode",
    "mimebundle",
    "mimebundle_for",
    "renderers",
    "show",
]
