"""Does every diagram in the course render, and is it readable?

Every Mermaid diagram a notebook outputs or contains (``text/vnd.mermaid``
outputs, frame-set frames, ```` ```mermaid ```` fences) goes through real
Mermaid in headless Chromium, in one batch.  A diagram that fails stops the
build with its notebook, cell and output named, Mermaid's message, and for C4
text the teaching linter's findings, which usually say what to change.

Readability is measured in the same pass: the number of overlapping labels
per diagram (:mod:`c4kit.render.overlap`).  It is reported always and fails
the run only above ``max_overlaps``, because some overlap is Mermaid's C4
layout rather than the author's doing (the fix is often a flowchart view of
the same model).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from c4kit.course.diagrams import DiagramRef, diagrams_in, lint_messages
from c4kit.course.discover import CourseNotebook, duplicate_anchors, read_notebook
from c4kit.course.errors import CourseError, DiagramError
from c4kit.course.rendering import RenderBatch, Rendered, render_texts


@dataclass(frozen=True)
class DiagramCheck:
    """One diagram occurrence and Mermaid's verdict on it."""

    ref: DiagramRef
    rendered: Rendered

    @property
    def overlaps(self) -> int | None:
        return self.rendered.overlap_count


@dataclass
class ValidationReport:
    """The outcome of :func:`validate` for a set of notebooks."""

    checks: list[DiagramCheck]
    notebooks: int
    seconds: float
    measured: bool
    duplicates: dict[str, list[str]] = field(default_factory=dict)

    def failures(self) -> list[DiagramCheck]:
        return [c for c in self.checks if not c.rendered.ok]

    def offenders(self, max_overlaps: int | None) -> list[DiagramCheck]:
        """Diagrams with more overlapping labels than allowed (none when no limit is set)."""
        if max_overlaps is None:
            return []
        return [c for c in self.checks if c.overlaps is not None and c.overlaps > max_overlaps]

    def ok(self, max_overlaps: int | None = None) -> bool:
        return not self.failures() and not self.offenders(max_overlaps) and not self.duplicates

    def failure_text(self) -> str:
        """Each failing diagram: where, Mermaid's message, the linter's findings for C4 text."""
        blocks = []
        for check in self.failures():
            error = (check.rendered.error or "unknown error").strip()
            lines = [f"{check.ref.where}: Mermaid could not render this diagram:",
                     *("    " + line for line in error.splitlines())]
            lint = lint_messages(check.ref)
            if lint:
                lines.append("  the linter says:")
                lines.extend("    " + line for finding in lint for line in finding.splitlines())
            blocks.append("\n".join(lines))
        return "\n".join(blocks)

    def overlap_text(self, max_overlaps: int | None = None, *, verbose: bool = False) -> str:
        """One line per diagram with overlaps (every diagram with ``verbose``), offenders with their pairs."""
        if not self.measured:
            return "overlaps: not measured"
        lines = []
        for check in self.checks:
            count = check.overlaps
            if count is None or (count == 0 and not verbose):
                continue
            flag = "  <- over the limit" if max_overlaps is not None and count > max_overlaps else ""
            lines.append(f"  {count:3d}  {check.ref.where}{flag}")
        measured = [c for c in self.checks if c.overlaps is not None]
        with_overlaps = [c for c in measured if c.overlaps]
        summary = (f"overlapping labels: {len(with_overlaps)} of {len(measured)} diagram(s) have some, "
                   f"{sum(c.overlaps or 0 for c in measured)} pair(s) in all")
        if max_overlaps is not None:
            summary += f"; limit {max_overlaps} per diagram, {len(self.offenders(max_overlaps))} over it"
        out = [summary, *lines]
        for check in self.offenders(max_overlaps):
            out.append(f"{check.ref.where}:")
            out.extend(f"    {a!r} overlaps {b!r}" for a, b in check.rendered.overlaps.pairs)
        return "\n".join(out)

    def summary(self) -> str:
        distinct = len({c.ref.text for c in self.checks})
        return (f"{len(self.checks)} diagram(s) ({distinct} distinct) in {self.notebooks} notebook(s): "
                f"{len(self.failures())} failed to render; {self.seconds:.1f} s in the browser")

    def to_json(self) -> list[dict]:
        """Per-diagram records for a CI artefact (``--report FILE``)."""
        return [{"notebook": c.ref.notebook, "cell": c.ref.cell + 1, "source": c.ref.source,
                 "index": c.ref.index + 1, "frame": c.ref.frame, "ok": c.rendered.ok, "error": c.rendered.error,
                 "ms": round(c.rendered.ms, 1), "overlaps": c.overlaps,
                 "pairs": list(map(list, c.rendered.overlaps.pairs)) if c.overlaps else []}
                for c in self.checks]

    def write_json(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), indent=1) + "\n", encoding="utf-8")


def collect(notebooks: Sequence[CourseNotebook]) -> list[DiagramRef]:
    """Every diagram of every notebook, in course order."""
    refs: list[DiagramRef] = []
    for nb in notebooks:
        refs.extend(diagrams_in(read_notebook(nb.path), nb.rel))
    return refs


def check(refs: Sequence[DiagramRef], batch: RenderBatch, notebooks: int,
          duplicates: dict[str, list[str]] | None = None) -> ValidationReport:
    """Pair every diagram occurrence with its rendering."""
    checks = [DiagramCheck(ref, batch[ref.text]) for ref in refs]
    return ValidationReport(checks, notebooks, batch.seconds, batch.measured, dict(duplicates or {}))


def validate(notebooks: Sequence[CourseNotebook], *, measure: bool = True) -> ValidationReport:
    """Render every diagram of the notebooks in one batch (and measure overlaps); never raises for bad diagrams."""
    refs = collect(notebooks)
    batch = render_texts([r.text for r in refs], measure=measure)
    return check(refs, batch, len(notebooks), duplicate_anchors(notebooks))


def raise_for_report(report: ValidationReport, max_overlaps: int | None = None) -> None:
    """A :class:`DiagramError` naming every broken or unreadable diagram, or nothing."""
    failures = report.failures()
    if failures:
        raise DiagramError(f"{len(failures)} diagram(s) do not render:\n{report.failure_text()}",
                           hint="fix the cell that produces each diagram (re-run it after changing the model), "
                                "or the ```mermaid block; `c4kit lint` explains most C4 mistakes")
    if report.duplicates:
        lines = "\n".join(f"  #{slug}: {', '.join(rels)}" for slug, rels in sorted(report.duplicates.items()))
        raise CourseError(f"example headings used by more than one notebook:\n{lines}",
                          hint="each `## Example N:` (and P/L/D unit) must appear in one notebook only, "
                               "so the index can link to it")
    offenders = report.offenders(max_overlaps)
    if offenders:
        raise DiagramError(f"{len(offenders)} diagram(s) have more than {max_overlaps} overlapping labels:\n"
                           + report.overlap_text(max_overlaps),
                           hint="shorten labels, add UpdateLayoutConfig or Rel_U/D/L/R hints, split the diagram, "
                                "or show the same model as a C4-styled flowchart")
