"""The ``%%mermaid`` cell magic: write Mermaid in a cell, see it drawn (``%load_ext c4kit``).

The cell body is raw Mermaid of any type.  C4 text is linted first: errors
stop the drawing with the findings and how to fix them, warnings are shown
above the diagram.  Options::

    %%mermaid --flowchart   # C4 text drawn as the C4-styled flowchart rendering
    %%mermaid --source      # the drawn Mermaid source too, collapsed
    %%mermaid --name VAR    # keep the result: a parsed Diagram for C4 text, else a MermaidText

The magic only reads the cell: it never rewrites it, so the learner's text is
never lost, and every problem is displayed as a notice rather than raised.
"""

from __future__ import annotations

import keyword
from typing import Any

from IPython.core.magic import Magics, cell_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring

from c4kit.display.bundle import error_bundle, mimebundle
from c4kit.display.findings import findings_bundle, severity, split
from c4kit.display.raw import MermaidText
from c4kit.display.show import publish, source_bundle
from c4kit.errors import C4Error


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _parse_c4(text: str) -> Any:
    from c4kit.mermaid.parse import parse

    return parse(text)


def run_cell(cell: str, *, flowchart: bool = False, source: bool = False, name: str | None = None,
             user_ns: dict[str, Any] | None = None) -> Any:
    """What ``%%mermaid`` does with a cell; returns what ``--name`` stores (or ``None`` when nothing was drawn)."""
    try:
        if name is not None and (not name.isidentifier() or keyword.iskeyword(name)):
            raise C4Error(f"--name needs a Python variable name, got {name!r}", hint="e.g. %%mermaid --name context")
        if not cell.strip():
            raise C4Error("the cell is empty", hint="write a Mermaid diagram below %%mermaid, e.g. `flowchart LR` "
                          "and then `a --> b`")
        text = MermaidText(cell)
        errors, others = split(text.findings)
        if errors:
            heading = f"Not drawn: the linter found {_plural(len(errors), 'error')}. Fix them and run the cell again."
            publish(findings_bundle(text.findings, heading=heading))
            return None
        warnings = [f for f in others if severity(f) == "warning"]
        if warnings:  # infos alone are advice, not worth a box above every diagram
            heading = f"Drawn, but the linter has {_plural(len(warnings), 'warning')}:"
            publish(findings_bundle(text.findings, heading=heading))
        kept: Any = text
        shown = text
        if flowchart:
            if not text.is_c4:
                raise C4Error(f"--flowchart draws C4 text as a flowchart, but this is a {text.diagram_type}",
                              hint="drop --flowchart, or start the cell with C4Context, C4Container, ... ")
            kept = _parse_c4(cell)
            shown = MermaidText(kept.to_flowchart(), title=kept.title, lint=False)
        elif text.is_c4 and name is not None:
            kept = _parse_c4(cell)
    except C4Error as err:
        publish(error_bundle(err, source=cell if cell.strip() else None))
        return None
    publish(mimebundle(shown.text, title=shown.title))
    if source:
        publish(source_bundle(shown.text))
    if name is not None and user_ns is not None:
        user_ns[name] = kept
    return kept


@magics_class
class MermaidMagics(Magics):
    """Holds the ``%%mermaid`` cell magic."""

    @magic_arguments()
    @argument("--flowchart", action="store_true", help="draw C4 text as the C4-styled flowchart rendering")
    @argument("--source", action="store_true", help="also show the drawn Mermaid source, collapsed")
    @argument("--name", metavar="VAR", help="store the result in VAR: a parsed Diagram for C4 text, else MermaidText")
    @cell_magic
    def mermaid(self, line: str, cell: str) -> None:
        """Draw the cell's Mermaid (any diagram type); lint C4 text first."""
        args = parse_argstring(self.mermaid, line)
        run_cell(cell, flowchart=args.flowchart, source=args.source, name=args.name, user_ns=self.shell.user_ns)


def register(ipython: Any) -> None:
    """Register ``%%mermaid`` with a running IPython (called by ``%load_ext c4kit``)."""
    ipython.register_magics(MermaidMagics)
