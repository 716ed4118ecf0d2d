"""Which notebook front end is drawing our outputs, as far as a kernel can tell.

A kernel is never told which client is connected, so this reads the traces a
front end leaves in the kernel's process: environment variables it passes on
and names it defines in the user namespace.  Only one answer changes what
c4kit does: under VS Code, whose notebooks do not draw ``text/vnd.mermaid``,
the display switches to the self-contained "html" renderer.

The check is deliberately narrow.  A JupyterLab started from VS Code's
integrated terminal inherits ``VSCODE_PID`` too, but that terminal also sets
``TERM_PROGRAM=vscode``, which a kernel started by VS Code itself does not
have; such a JupyterLab keeps its native Mermaid rendering.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

#: Variables the VS Code extension host passes on to the kernels it launches.
VSCODE_ENV_VARS = ("VSCODE_PID", "VSCODE_CWD", "VSCODE_IPC_HOOK", "VSCODE_IPC_HOOK_CLI")

#: Defined by the VS Code Jupyter extension in every kernel it drives, local or remote.
VSCODE_NOTEBOOK_VAR = "__vsc_ipynb_file__"


def _user_namespace() -> Mapping[str, Any]:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency
        return {}
    shell = get_ipython()
    return getattr(shell, "user_ns", None) or {}


def in_vscode(environ: Mapping[str, str] | None = None, user_ns: Mapping[str, Any] | None = None) -> bool:
    """True when the kernel runs under VS Code's notebook editor.

    ``environ`` and ``user_ns`` default to the process environment and the
    running IPython's namespace; tests pass their own.
    """
    env = os.environ if environ is None else environ
    namespace = _user_namespace() if user_ns is None else user_ns
    if VSCODE_NOTEBOOK_VAR in namespace:
        return True
    if env.get("TERM_PROGRAM") == "vscode":
        # Started from VS Code's integrated terminal (e.g. `jupyter lab` typed there).
        return False
    return any(env.get(name) for name in VSCODE_ENV_VARS)


def detect_frontend(environ: Mapping[str, str] | None = None, user_ns: Mapping[str, Any] | None = None) -> str:
    """``"vscode"``, ``"jupyter"`` (a kernel started by a Jupyter server) or ``"other"``."""
    env = os.environ if environ is None else environ
    if in_vscode(env, user_ns):
        return "vscode"
    if env.get("JPY_SESSION_NAME") or env.get("JPY_PARENT_PID"):
        return "jupyter"
    return "other"
