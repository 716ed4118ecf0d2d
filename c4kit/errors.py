"""Errors a learner can meet.  Each says what went wrong, where, and how to fix it.

Everything the kit raises on bad input derives from :class:`C4Error`, so a
notebook (or the CLI) can catch one type and show the message, never a
traceback from deep inside.
"""

from __future__ import annotations


class C4Error(Exception):
    """Base class: a message plus an optional hint that says how to fix it."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message

    def _repr_markdown_(self) -> str:  # pragma: no cover - notebook nicety
        hint = f"\n\n*How to fix it:* {self.hint}" if self.hint else ""
        return f"**{type(self).__name__}**: {self.message}{hint}"


class C4ModelError(C4Error, ValueError):
    """The Python model was built in a way C4 (or Mermaid) cannot express."""


class C4EmitError(C4Error, ValueError):
    """A diagram cannot be written as valid Mermaid (e.g. an empty boundary)."""


class C4SyntaxError(C4Error, ValueError):
    """Mermaid C4 text that does not parse.

    ``line`` and ``column`` are 1-based; ``text`` is the offending line.
    """

    def __init__(self, message: str, *, line: int, column: int = 1, text: str = "", hint: str = "",
                 source: str = "") -> None:
        self.line = line
        self.column = column
        self.text = text
        self.source = source
        super().__init__(message, hint=hint)

    def __str__(self) -> str:
        where = f"{self.source + ':' if self.source else ''}line {self.line}, column {self.column}"
        out = f"{where}: {self.message}"
        if self.text:
            caret = " " * (max(self.column, 1) - 1) + "^"
            out += f"\n    {self.text}\n    {caret}"
        if self.hint:
            out += f"\n  hint: {self.hint}"
        return out


class RenderError(C4Error, RuntimeError):
    """Mermaid rejected a diagram, or the browser that runs it failed."""


class BrowserNotFoundError(RenderError):
    """No headless Chromium is available to render SVG or PNG."""
