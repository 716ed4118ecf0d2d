"""c4kit: learn, teach and draw C4 architecture diagrams in Jupyter.

One model, many views::

    from c4kit import Workspace
    ws = Workspace("Bookshop")
    customer = ws.person("Customer", "Buys books online")
    shop = ws.system("Bookshop", "Sells books")
    customer.uses(shop, "Browses and buys books")
    ws.context_view(shop)      # renders inline in JupyterLab

Mermaid in and out (``c4kit.parse``, ``view.to_mermaid()``), a teaching linter
(``c4kit.linter``), offline rendering (``view.save("x.svg")``) and simulations
(``c4kit.sim``).  Heavier parts are imported on first use, so ``import c4kit``
stays quick in a notebook.
"""

from __future__ import annotations

import importlib
from typing import Any

from c4kit.errors import BrowserNotFoundError, C4EmitError, C4Error, C4ModelError, C4SyntaxError, RenderError

# The function, not the subpackage: importing ``c4kit.linter`` binds the package to
# this name, so rebind the function after it (later imports of c4kit.linter.* find
# the package in sys.modules and leave this name alone).
from c4kit.linter import Finding, lint, lint_text
from c4kit.model import (
    Boundary,
    BoundaryKind,
    DeploymentNode,
    Diagram,
    DiagramKind,
    Element,
    ElementKind,
    Relationship,
    RelKind,
    Shape,
    Workspace,
)

__version__ = "0.1.0"

# name -> module that defines it; resolved on first access (PEP 562).
_LAZY = {
    "parse": "c4kit.mermaid.parse",
    "emit_c4": "c4kit.mermaid.emit_c4",
    "emit_flowchart": "c4kit.mermaid.emit_flowchart",
    "renderers": "c4kit.display",
    "MermaidText": "c4kit.display",
    "show": "c4kit.display",
    "draw": "c4kit.display",
    "render_svg": "c4kit.render",
    "render_svgs": "c4kit.render",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'c4kit' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext c4kit``: registers the ``%%mermaid`` cell magic."""
    from c4kit.display.magic import register

    register(ipython)


__all__ = [
    "Boundary", "BoundaryKind", "BrowserNotFoundError", "C4EmitError", "C4Error", "C4ModelError", "C4SyntaxError",
    "DeploymentNode", "Diagram", "DiagramKind", "Element", "ElementKind", "RelKind", "Relationship", "RenderError",
    "Finding", "Shape", "Workspace", "lint", "lint_text", *_LAZY,
]
