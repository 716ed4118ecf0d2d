"""Do committed notebooks carry the outputs the kit produces?  Re-run them and compare what matters.

The course commits notebooks *with* outputs (learners see diagrams before
they run anything, and the static site is built from them), so a kit change
that alters a diagram must show up as a failing check, not as a silent drift
between the code and the notebooks.

What is compared, per code cell, in order:

* Mermaid sources (``text/vnd.mermaid``) and every frame of a frame set
  (its Mermaid, caption and detail rows);
* text: streams (merged, since the kernel splits them arbitrarily),
  ``text/plain``, ``text/markdown``, ``text/latex``, JSON outputs, and HTML
  *unless* the output also carries Mermaid (then the HTML is only a fallback);
* errors by name and message (tracebacks carry paths and colour codes).

What is ignored: widget model ids and widget state, papermill metadata,
execution counts and timings, rendered images (SVG, PNG, JPEG: the renderer,
not the kit, decides their bytes), output metadata, memory addresses.

pytest-notebook (0.11) was evaluated for this and works with the nbformat and
nbclient here, but its ignore rules are JSON-path globs: they cannot say "drop
``text/html`` only when ``text/vnd.mermaid`` is beside it" or compare a frame
set frame by frame, and it runs notebooks with its own executor rather than
the papermill path (parameters, exercise rules) the course uses.  This module
is the normalisation those rules need plus difflib.
"""

from __future__ import annotations

import difflib
import json
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat

from c4kit.course.diagrams import MERMAID_MIME, mime_text
from c4kit.course.discover import CourseNotebook, read_notebook
from c4kit.course.execute import ExecutionResult, execute
from c4kit.frames import MIME_TYPE as FRAMES_MIME

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
IGNORED_MIME = {"image/svg+xml", "image/png", "image/jpeg", "image/gif", "application/pdf",
                "application/javascript", "application/vnd.jupyter.widget-state+json"}
TEXT_MIME = ("text/plain", "text/markdown", "text/latex", "text/html")
_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")


@dataclass(frozen=True)
class OutputDiff:
    """One code cell whose outputs changed: where, and a unified diff of the comparable text."""

    notebook: str
    cell: int  #: 0-based
    diff: str

    def format(self) -> str:
        return f"{self.notebook}, cell {self.cell + 1}: outputs differ\n{self.diff}"


def _mask(text: str) -> str:
    return _ADDRESS.sub("0x…", text)


def _frames_text(raw: object) -> list[str]:
    data = json.loads(raw) if isinstance(raw, str) else raw
    if not isinstance(data, dict):
        return [f"[frames] {raw!r}"]
    lines = [f"[frames {data.get('kind', '?')}: {data.get('title', '')}]"]
    lines.append("controls: " + json.dumps(data.get("controls", []), sort_keys=True))
    for frame in data.get("frames", []):
        key = ", ".join(f"{k}={v}" for k, v in sorted(frame.get("key", {}).items()))
        lines.append(f"-- frame {key}: {frame.get('caption', '')}")
        lines.extend(str(frame.get("mermaid", "")).splitlines())
        lines.extend("   | " + " | ".join(map(str, row)) for row in frame.get("details", []))
    if data.get("legend"):
        lines.append("legend: " + json.dumps(data["legend"]))
    return lines


def _bundle_text(data: dict) -> list[str]:
    """The comparable lines of one display bundle."""
    if FRAMES_MIME in data:
        return _frames_text(data[FRAMES_MIME])
    lines: list[str] = []
    if WIDGET_MIME in data:
        return ["[widget]"]  # the model id changes every run; the widget's frames (if any) are compared above
    has_mermaid = MERMAID_MIME in data
    for mime in sorted(data):
        if mime in IGNORED_MIME or (has_mermaid and mime == "text/html"):
            continue
        value = data[mime]
        if mime == MERMAID_MIME or mime in TEXT_MIME or mime.startswith("text/"):
            lines.append(f"[{mime}]")
            lines.extend(_mask(mime_text(value)).splitlines())
        elif mime.endswith("json") or mime.endswith("+json"):
            lines.append(f"[{mime}]")
            lines.extend(json.dumps(value, sort_keys=True, indent=1).splitlines())
    return lines


def comparable(cell: nbformat.NotebookNode) -> list[str]:
    """What of a code cell's outputs must be reproducible, as lines of text."""
    lines: list[str] = []
    stream_name, stream_text = "", ""

    def flush() -> None:
        nonlocal stream_name, stream_text
        if stream_name:
            lines.append(f"[{stream_name}]")
            lines.extend(_mask(stream_text).splitlines())
        stream_name, stream_text = "", ""

    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream":
            if output.get("name") != stream_name:
                flush()
                stream_name = output.get("name", "stdout")
            stream_text += mime_text(output.get("text", ""))
            continue
        flush()
        if kind == "error":
            lines.append(f"[error] {output.get('ename')}: {_mask(output.get('evalue', ''))}")
        elif kind in ("display_data", "execute_result"):
            lines.extend(_bundle_text(output.get("data", {})))
    flush()
    return lines


def compare(committed: nbformat.NotebookNode, fresh: nbformat.NotebookNode, rel: str) -> list[OutputDiff]:
    """Cells whose comparable outputs differ between two runs of the same notebook."""
    old_cells = [(i, c) for i, c in enumerate(committed.cells) if c.cell_type == "code"]
    new_cells = [(i, c) for i, c in enumerate(fresh.cells) if c.cell_type == "code"]
    diffs = []
    if len(old_cells) != len(new_cells):
        return [OutputDiff(rel, 0, f"the notebook has {len(old_cells)} code cells, the re-run has {len(new_cells)}")]
    for (index, old), (_, new) in zip(old_cells, new_cells):
        a, b = comparable(old), comparable(new)
        if a != b:
            diff = "\n".join(difflib.unified_diff(a, b, "committed", "re-executed", lineterm="", n=2))
            diffs.append(OutputDiff(rel, index, diff))
    return diffs


def check_outputs(notebooks: Sequence[CourseNotebook], root: Path, *, workers: int = 2, timeout: int = 600,
                  progress: bool = True) -> tuple[list[OutputDiff], list[ExecutionResult]]:
    """Re-execute the notebooks into a scratch folder and compare with what is committed.

    Exercises are left out: they are committed without outputs on purpose.
    """
    notebooks = [nb for nb in notebooks if not nb.is_exercise]
    with tempfile.TemporaryDirectory(prefix="c4kit-check-") as scratch:
        results = execute(notebooks, root, out_dir=Path(scratch), workers=workers, timeout=timeout,
                          progress=progress)
        diffs: list[OutputDiff] = []
        for nb, result in zip(notebooks, results):
            if result.ok:
                diffs.extend(compare(read_notebook(nb.path), read_notebook(Path(result.output)), nb.rel))
    return diffs, results
