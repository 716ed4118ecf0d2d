"""What every view can do: turn into Mermaid, lint, display and save itself.

Both a hand-built :class:`~c4kit.model.diagram.Diagram` and a view derived from
a workspace share this behaviour, in the spirit of Altair's charts: an object
that knows how to show itself in a notebook and how to write itself to a file.
The imports are deferred so that the model stays importable, and testable,
without the emitters, the linter or a browser.
"""

from __future__ import annotations

from os import PathLike
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from c4kit.linter.findings import Finding
    from c4kit.model.diagram import Diagram


class Viewable:
    """Mixin: anything with ``to_diagram()`` gets text, lint, display and save."""

    def to_diagram(self) -> Diagram:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def title(self) -> str:  # overridden by Diagram's field
        return self.to_diagram().title

    def to_mermaid(self) -> str:
        """Mermaid C4 text: deterministic, and valid whatever the labels hold."""
        from c4kit.mermaid.emit_c4 import emit_c4

        return emit_c4(self.to_diagram())

    def to_flowchart(self, *, direction: str = "TB", legend: bool = True) -> str:
        """The same view as a C4-styled Mermaid flowchart (boundaries as subgraphs).

        ``direction="LR"`` lays it out left to right, which keeps views with many
        boxes side by side (and an enterprise boundary) narrower on the page.
        """
        from c4kit.mermaid.emit_flowchart import emit_flowchart

        return emit_flowchart(self.to_diagram(), direction=direction, legend=legend)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (what ``c4kit convert --to json`` prints)."""
        from c4kit.model.serialize import diagram_to_dict

        return diagram_to_dict(self.to_diagram())

    def lint(self) -> list[Finding]:
        """Linter findings, each with a teaching explanation and a fix."""
        from c4kit.linter import lint

        return lint(self.to_diagram())

    def as_flowchart(self, *, direction: str = "TB", legend: bool = True) -> Any:
        """A displayable flowchart rendering of this view (for dense diagrams); see :meth:`to_flowchart`."""
        from c4kit.display import MermaidText

        return MermaidText(self.to_flowchart(direction=direction, legend=legend), title=self.to_diagram().title)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        # mimebundle_for turns a C4Error raised while producing the text into a
        # friendly notice: IPython would otherwise print a traceback.
        from c4kit.display import mimebundle_for

        return mimebundle_for(self)

    def save(self, path: str | PathLike[str], *, flowchart: bool | str = False, **options: Any) -> None:
        """Write ``.mmd``, ``.svg``, ``.png`` or ``.html`` (a standalone offline page).

        ``flowchart=True`` saves the C4-styled flowchart instead of Mermaid's C4
        layout, and ``flowchart="LR"`` (or any flowchart direction) lays it out
        that way, as :func:`c4kit.draw` does on screen.  SVG and PNG come from
        real Mermaid in headless Chromium; ``.mmd`` and ``.html`` need no browser.
        """
        from c4kit.render.save import save

        if isinstance(flowchart, str):
            text = self.to_flowchart(direction=flowchart)
        else:
            text = self.to_flowchart() if flowchart else self.to_mermaid()
        save(text, path, title=self.to_diagram().title, **options)

    def __str__(self) -> str:
        return self.to_mermaid()
