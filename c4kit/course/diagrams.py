"""Every Mermaid diagram a notebook shows, wherever it sits, and rendering them all at once.

A diagram reaches a learner three ways: a code cell's output carrying
``text/vnd.mermaid`` (what c4kit's display emits), an interactive output
carrying a frame set (one diagram per state, :mod:`c4kit.frames`), or a
```` ```mermaid ```` fence written straight into markdown.  Validation and
export must see exactly the same set, so both collect it here.

Rendering is one :func:`c4kit.render.render_svgs` batch for the whole course:
the browser starts once and identical diagrams (frames share many) are
rendered once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import nbformat

from c4kit.course.errors import CourseError
from c4kit.errors import C4Error
from c4kit.frames import MIME_TYPE as FRAMES_MIME
from c4kit.frames import FrameSet

MERMAID_MIME = "text/vnd.mermaid"
_OPEN_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$")
#: First word of a Mermaid C4 diagram: those get the C4 linter and a parsed text alternative.
C4_KEYWORDS = ("C4Context", "C4Container", "C4Component", "C4Dynamic", "C4Deployment")


@dataclass(frozen=True)
class Fence:
    """A fenced code block in markdown: lines ``start``..``end`` inclusive (0-based), fences included."""

    start: int
    end: int
    info: str
    body: str


@dataclass(frozen=True)
class DiagramRef:
    """One diagram and where a person finds it: notebook, cell, output or fence, frame."""

    notebook: str
    cell: int  #: 0-based cell index
    source: str  #: "output", "frame" or "markdown"
    index: int  #: output index in the cell, or fence index in the markdown
    text: str
    frame: str = ""  #: "down=db, breaker=on" for a frame

    @property
    def where(self) -> str:
        """Human-readable location, 1-based like JupyterLab's cell counter in the status bar."""
        what = {"output": f"output {self.index + 1}", "markdown": f"mermaid block {self.index + 1}",
                "frame": f"output {self.index + 1}, frame {self.frame}"}[self.source]
        return f"{self.notebook}, cell {self.cell + 1}, {what}"

    @property
    def is_c4(self) -> bool:
        return is_c4(self.text)


def is_c4(text: str) -> bool:
    """Whether Mermaid text is a C4 diagram (its first statement is a C4 keyword)."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("%%"):
            return stripped.split()[0] in C4_KEYWORDS
    return False


def fences(markdown: str) -> Iterator[Fence]:
    """Fenced code blocks in markdown, in order (CommonMark rules: same char, at least as long)."""
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        m = _OPEN_FENCE.match(lines[i])
        if not m or (m.group("fence")[0] == "`" and "`" in m.group("info")):
            i += 1
            continue
        fence = m.group("fence")
        close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        body = "\n".join(lines[i + 1:j])
        yield Fence(i, min(j, len(lines) - 1), m.group("info").strip(), body)
        i = j + 1


def mermaid_fences(markdown: str) -> list[Fence]:
    """The ```` ```mermaid ```` blocks of a markdown cell."""
    return [f for f in fences(markdown) if f.info.split(maxsplit=1)[:1] == ["mermaid"]]


def mime_text(value: str | list[str]) -> str:
    """nbformat stores multi-line MIME values as a string or a list of lines."""
    return "".join(value) if isinstance(value, list) else str(value)


def frame_set_of(data: dict, where: str) -> FrameSet | None:
    """The frame set in an output's data, validated, or ``None`` when there is none."""
    raw = data.get(FRAMES_MIME)
    if raw is None:
        return None
    try:
        return FrameSet.from_json(raw).validate()
    except (C4Error, KeyError, TypeError, ValueError) as err:
        raise CourseError(f"{where}: the interactive output's frame set is broken: {err}",
                          hint="re-run the cell with the current c4kit so the widget writes its frames again") from None


def frame_label(frames: FrameSet, key: dict[str, str]) -> str:
    """"down=db, breaker=on", in control order (saved notebooks sort JSON keys, so the dict's order is lost)."""
    return ", ".join(f"{c.name}={key.get(c.name, '?')}" for c in frames.controls)


def diagrams_in(nb: nbformat.NotebookNode, rel: str) -> list[DiagramRef]:
    """Every diagram in one notebook, in reading order."""
    found: list[DiagramRef] = []
    for ci, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            for fi, fence in enumerate(mermaid_fences(cell.source)):
                found.append(DiagramRef(rel, ci, "markdown", fi, fence.body))
        elif cell.cell_type == "code":
            for oi, output in enumerate(cell.get("outputs", [])):
                data = output.get("data") or {}
                frames = frame_set_of(data, f"{rel}, cell {ci + 1}, output {oi + 1}")
                if frames is not None:
                    found.extend(DiagramRef(rel, ci, "frame", oi, f.mermaid, frame_label(frames, f.key))
                                 for f in frames.frames)
                elif MERMAID_MIME in data:
                    found.append(DiagramRef(rel, ci, "output", oi, mime_text(data[MERMAID_MIME])))
    return found


def unique_texts(refs: Sequence[DiagramRef]) -> list[str]:
    """Distinct diagram texts in first-seen order (frames repeat many; each is rendered once)."""
    return list(dict.fromkeys(r.text for r in refs))


def lint_messages(ref: DiagramRef) -> list[str]:
    """The teaching linter's errors and warnings for a C4 diagram, with its location and fix; [] when not C4.

    Info-level advice is left out: next to a diagram that does not render it
    would only bury the finding that explains why.
    """
    if not ref.is_c4:
        return []
    try:
        from c4kit import lint_text
    except ImportError:  # the linter is optional for the pipeline; rendering still reports the error
        return []
    try:
        findings = list(lint_text(ref.text))
    except C4Error as err:
        return [f"{ref.where}: {err}"]
    messages = []
    for finding in findings:
        if str(getattr(finding, "severity", "error")).lower().endswith("info"):
            continue
        fix = getattr(finding, "fix", "")
        messages.append(finding.format(ref.where) + (f"\n  fix: {fix}" if fix else ""))
    return messages
