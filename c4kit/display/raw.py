"""``MermaidText``: any Mermaid diagram, checked before it reaches a blank cell.

The course draws more than C4: the flowchart rendering of a view, and the
code level as class, state and sequence diagrams.  Real Mermaid reports a
mistake in such text as a cryptic parser message (or an empty output), so the
wrapper checks what it can on construction and says what and where:

* the first keyword must name a diagram type the pinned Mermaid knows;
* a sequence diagram must not contain ``style`` / ``classDef`` / ``class`` /
  ``linkStyle`` lines (they work in flowcharts, and Mermaid's sequence parser
  stops at them with "Expecting 'SOLID_ARROW' ...");
* C4 text goes through the teaching linter; its findings are kept in
  ``.findings`` for the caller (the ``%%mermaid`` magic shows them).
"""

from __future__ import annotations

import difflib
import re
from os import PathLike
from typing import TYPE_CHECKING, Any

from c4kit.errors import C4Error, C4SyntaxError

if TYPE_CHECKING:
    from c4kit.linter.findings import Finding

#: Diagram keywords the pinned Mermaid (11.x) detects, by family.
DIAGRAM_TYPES: dict[str, str] = {
    "flowchart": "flowchart", "graph": "flowchart", "flowchart-elk": "flowchart",
    "sequenceDiagram": "sequence",
    "classDiagram": "class", "classDiagram-v2": "class",
    "stateDiagram": "state", "stateDiagram-v2": "state",
    "erDiagram": "er",
    "C4Context": "c4", "C4Container": "c4", "C4Component": "c4", "C4Dynamic": "c4", "C4Deployment": "c4",
    "journey": "journey", "gantt": "gantt", "pie": "pie", "quadrantChart": "quadrant",
    "requirementDiagram": "requirement", "gitGraph": "git", "mindmap": "mindmap", "timeline": "timeline",
    "sankey": "sankey", "sankey-beta": "sankey", "xychart": "xychart", "xychart-beta": "xychart",
    "block": "block", "block-beta": "block", "packet": "packet", "packet-beta": "packet", "kanban": "kanban",
    "architecture-beta": "architecture", "radar-beta": "radar", "treemap": "treemap", "treemap-beta": "treemap",
    "info": "info", "ishikawa": "ishikawa", "ishikawa-beta": "ishikawa", "venn-beta": "venn",
    "wardley-beta": "wardley", "eventmodeling": "eventmodeling", "cynefin-beta": "cynefin",
    "swimlane-beta": "swimlane", "treeView-beta": "treeview", "railroad-beta": "railroad",
    "railroad-abnf-beta": "railroad", "railroad-ebnf-beta": "railroad", "railroad-peg-beta": "railroad",
}

#: Keywords people write that Mermaid does not take, with what to write instead.
_NEAR_MISSES = {
    "architecture": "write `architecture-beta` (the type is still in beta)",
    "requirement": "write `requirementDiagram`",
    "zenuml": "ZenUML needs a Mermaid plugin that c4kit does not ship; write a `sequenceDiagram` instead",
    "sequence": "write `sequenceDiagram`",
    "class": "write `classDiagram`",
    "state": "write `stateDiagram-v2`",
    "C4": "write one of C4Context, C4Container, C4Component, C4Dynamic, C4Deployment",
}

_WORD = re.compile(r"[A-Za-z][\w-]*")
_SEQUENCE_STYLING = re.compile(r"^\s*(style|classDef|class|linkStyle)\s+\S")
_SEQUENCE_ARROW = re.compile(r"<<|-{1,2}[>x)]")


def _header_end(lines: list[str]) -> tuple[int, str]:
    """Index of the first line after front matter, directives, comments and blanks, and that line."""
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and lines[i].strip() == "---":
        start = i
        i += 1
        while i < len(lines) and lines[i].strip() != "---":
            i += 1
        if i == len(lines):
            raise C4SyntaxError("the front matter opened here is never closed", line=start + 1, text=lines[start],
                                hint="end the front matter block with a line holding only `---`")
        i += 1
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped.startswith("%%{"):
            while i < len(lines) and "}%%" not in lines[i]:
                i += 1
            i += 1
        elif not stripped or stripped.startswith("%%"):
            i += 1
        else:
            return i, lines[i]
    return i, ""


def diagram_type(text: str) -> tuple[str, int]:
    """The diagram keyword of Mermaid ``text`` and its 1-based line, or a located error."""
    lines = text.split("\n")
    index, line = _header_end(lines)
    if not line:
        raise C4SyntaxError("there is no diagram in this text", line=max(index, 1),
                            hint="start with a diagram type such as `flowchart LR`, `sequenceDiagram` or "
                            "`C4Context`, then the diagram's statements")
    stripped = line.lstrip()
    column = len(line) - len(stripped) + 1
    match = _WORD.match(stripped)
    word = match.group(0) if match else stripped.split()[0]
    if word in DIAGRAM_TYPES:
        return word, index + 1
    if word in _NEAR_MISSES:
        hint = _NEAR_MISSES[word]
    else:
        close = difflib.get_close_matches(word, DIAGRAM_TYPES, n=1, cutoff=0.6)
        close = close or [k for k in DIAGRAM_TYPES if k.lower() == word.lower()]
        maybe = f"did you mean `{close[0]}`? " if close else ""
        hint = (f"{maybe}The first statement names the diagram type, e.g. flowchart, sequenceDiagram, "
                "classDiagram, stateDiagram-v2, erDiagram or C4Context ... C4Deployment")
    raise C4SyntaxError(f"{word!r} is not a Mermaid diagram type", line=index + 1, column=column, text=line,
                        hint=hint)


def check_sequence_styling(text: str) -> None:
    """Refuse the styling statements Mermaid's sequence diagrams do not have, naming the line."""
    for number, line in enumerate(text.split("\n"), start=1):
        match = _SEQUENCE_STYLING.match(line)
        if not match or _SEQUENCE_ARROW.search(line.split(":", 1)[0]):
            continue  # an arrow means a message from a participant that happens to be called "style"
        keyword = match.group(1)
        raise C4SyntaxError(
            f"sequence diagrams have no `{keyword}` statement (Mermaid stops with a parse error here)",
            line=number, column=match.start(1) + 1, text=line,
            hint="delete the line; to highlight, wrap messages in `rect rgb(230, 240, 255)` ... `end`, "
            "or group participants with `box Aqua Team` ... `end`",
        )


def _lint(text: str) -> list[Finding]:
    """The linter's findings, or none (said once) when the linter or the parser it needs is missing."""
    try:
        from c4kit.linter import lint_text

        return lint_text(text)
    except ModuleNotFoundError as err:  # a missing part of c4kit is tolerated; a missing third party is not
        if not (err.name or "").startswith("c4kit"):
            raise
        from c4kit.display.builtin_renderers import note_once

        note_once("no-linter", f"C4 text is shown without linting ({err}).")
        return []


class MermaidText:
    """Raw Mermaid of any diagram type that displays itself, saves itself and was checked.

    >>> MermaidText("flowchart LR\\n  a --> b").diagram_type
    'flowchart'
    """

    def __init__(self, text: str, *, title: str = "", lint: bool = True) -> None:
        if not isinstance(text, str):
            raise C4Error(f"MermaidText takes Mermaid text (a str), got {type(text).__name__}",
                          hint="for a c4kit view, display the view itself or use view.as_flowchart()")
        self.text = text
        self.title = title
        self.diagram_type, self.type_line = diagram_type(text)
        self.family = DIAGRAM_TYPES[self.diagram_type]
        if self.family == "sequence":
            check_sequence_styling(text)
        #: Linter findings for C4 text (empty for other diagram types, or with ``lint=False``).
        self.findings: list[Finding] = _lint(text) if lint and self.is_c4 else []

    @property
    def is_c4(self) -> bool:
        """True for the five Mermaid C4 diagram types."""
        return self.family == "c4"

    def to_mermaid(self) -> str:
        """The text, exactly as given."""
        return self.text

    def save(self, path: str | PathLike[str], **options: Any) -> None:
        """Write ``.mmd``, ``.svg``, ``.png`` or ``.html`` (see ``c4kit.render.save``)."""
        from c4kit.render.save import save

        save(self.text, path, title=self.title, **options)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        from c4kit.display.bundle import mimebundle

        return mimebundle(self.text, title=self.title)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        lines = len(self.text.strip().split("\n"))
        title = f", title={self.title!r}" if self.title else ""
        return f"MermaidText({self.diagram_type}, {lines} lines{title})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MermaidText):
            return NotImplemented
        return (self.text, self.title) == (other.text, other.title)

    def __hash__(self) -> int:
        return hash((self.text, self.title))
