"""What the linter reports: a :class:`Finding` per problem, gathered in :class:`Findings`.

A finding carries everything a learner needs without looking anything up:
what is wrong (``message``), why it matters in C4 or in Mermaid (``why``) and
what to do about it (``fix``), plus where it is.  The same object feeds three
audiences: ``format()`` gives the one-line ``path:line:col: rule message``
form that editors and CI understand, ``_repr_html_`` a compact table in a
notebook, and ``to_dict()`` the JSON the CLI prints.

Severity is always spelled out as a word (and an icon), never shown by colour
alone, so the display stays readable for colour-blind readers and in plain
text.
"""

from __future__ import annotations

import enum
import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


class Severity(str, enum.Enum):
    """How bad a finding is.

    ``error``: Mermaid fails to draw the diagram, or silently drops or merges
    part of it.  ``warning``: the picture draws, but goes against C4 practice
    in a way a reviewer would flag.  ``info``: a suggestion worth knowing.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for infos: sorts the worst first."""
        return _RANK[self]

    @property
    def icon(self) -> str:
        """A symbol shown *next to* the word, never instead of it."""
        return _ICON[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_ICON = {Severity.ERROR: "\u2716", Severity.WARNING: "\u26a0", Severity.INFO: "\u2139"}
# Colours only reinforce the word; they are chosen to stay legible on light and dark themes.
_HEADERS = ("Severity", "Rule", "Where", "Message")
_COLOUR = {Severity.ERROR: "#c62828", Severity.WARNING: "#a15c00", Severity.INFO: "#1565c0"}


@dataclass(frozen=True)
class Finding:
    """One problem in one diagram, with a teaching explanation and a fix.

    ``line`` and ``column`` are 1-based positions in the Mermaid source, or
    ``None`` when the diagram was built in Python.  ``alias`` names the element
    the finding is about; for a finding about an arrow it is the alias at fault
    (the unknown end, say) or else the arrow's source.
    """

    rule_id: str
    severity: Severity
    message: str
    why: str
    fix: str
    line: int | None = None
    column: int | None = None
    alias: str | None = None

    def format(self, path: str = "<diagram>") -> str:
        """``PATH:LINE:COL: RULE-ID message``, with ``1:1`` when the position is unknown."""
        return f"{path}:{self.line or 1}:{self.column or 1}: {self.rule_id} {self.message}"

    @property
    def where(self) -> str:
        """A human position: ``"line 4, column 7"``, ``"line 4"`` or ``"whole diagram"``."""
        if self.line is None:
            return "whole diagram" if self.alias is None else f"'{self.alias}'"
        return f"line {self.line}, column {self.column}" if self.column else f"line {self.line}"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (severity as its word)."""
        return {
            "rule_id": self.rule_id,
            "severity": self.severity.value,
            "message": self.message,
            "why": self.why,
            "fix": self.fix,
            "line": self.line,
            "column": self.column,
            "alias": self.alias,
        }

    def __str__(self) -> str:
        return self.format()

    def _repr_markdown_(self) -> str:
        return (f"**{self.severity.value}** `{self.rule_id}` ({self.where}): {_md(self.message)}\n\n"
                f"*Why it matters:* {_md(self.why)}\n\n*How to fix it:* {_md(self.fix)}")

    def _repr_html_(self) -> str:
        return (f'<div class="c4kit-finding">{_severity_html(self.severity)} <code>{_esc(self.rule_id)}</code> '
                f"<span>({_esc(self.where)})</span>{_details_html(self)}</div>")


class Findings(list):  # list[Finding]; subclassed so notebooks get a readable table
    """The findings of one lint run, in a deterministic order.

    It is a plain list (index it, loop over it, compare it with ``[]``) with a
    notebook display and a few shortcuts: ``.errors``, ``.warnings``,
    ``.infos`` and ``.ok`` (no errors and no warnings: infos are only advice).
    ``source`` is the file name the text came from, if any.
    """

    def __init__(self, findings: Iterable[Finding] = (), *, source: str = "") -> None:
        super().__init__(findings)
        self.source = source

    def _only(self, severity: Severity) -> Findings:
        return Findings((f for f in self if f.severity is severity), source=self.source)

    @property
    def errors(self) -> Findings:
        """Findings Mermaid fails on or silently drops: fix these first."""
        return self._only(Severity.ERROR)

    @property
    def warnings(self) -> Findings:
        """Findings against C4 practice."""
        return self._only(Severity.WARNING)

    @property
    def infos(self) -> Findings:
        """Suggestions."""
        return self._only(Severity.INFO)

    @property
    def ok(self) -> bool:
        """True when there is nothing to fix: no errors and no warnings."""
        return not any(f.severity is not Severity.INFO for f in self)

    @property
    def rule_ids(self) -> list[str]:
        """The rule ids that fired, in finding order, each once."""
        return list(dict.fromkeys(f.rule_id for f in self))

    def summary(self) -> str:
        """``"2 errors, 1 warning, 0 infos"``, or a clean bill of health."""
        if not self:
            return "No findings: the diagram is lint-clean."
        counts = [len(self.errors), len(self.warnings), len(self.infos)]
        names = ["error", "warning", "info"]
        return ", ".join(f"{n} {name}{'' if n == 1 else 's'}" for n, name in zip(counts, names))

    def format(self, path: str | None = None) -> str:
        """One ``PATH:LINE:COL: RULE-ID message`` line per finding."""
        where = path if path is not None else (self.source or "<diagram>")
        return "\n".join(f.format(where) for f in self)

    def __str__(self) -> str:
        return self.format() if self else self.summary()

    # ---------------------------------------------------------------- display
    def _repr_html_(self) -> str:
        title = f" in <code>{_esc(self.source)}</code>" if self.source else ""
        if not self:
            return f'<div class="c4kit-lint"><p>\u2714 No findings{title}: the diagram is lint-clean.</p></div>'
        cell = '<td style="white-space:nowrap;vertical-align:top;text-align:left">'
        rows = "".join(
            "<tr>"
            f"{cell}{_severity_html(f.severity)}</td>"
            f"{cell}<code>{_esc(f.rule_id)}</code></td>"
            f"{cell}{_esc(f.where)}</td>"
            f'<td style="vertical-align:top;text-align:left">{_details_html(f)}</td>'
            "</tr>"
            for f in self
        )
        return (
            '<div class="c4kit-lint">'
            f"<p><strong>{_esc(self.summary())}</strong>{title}. "
            "Open a message to see why it matters and how to fix it.</p>"
            "<table><thead><tr>" + "".join(f'<th style="text-align:left">{h}</th>' for h in _HEADERS)
            + f"</tr></thead><tbody>{rows}</tbody></table></div>"
        )

    def _repr_markdown_(self) -> str:
        if not self:
            return "No findings: the diagram is lint-clean."
        lines = [f"**{self.summary()}**", "", "| Severity | Rule | Where | Message | How to fix it |",
                 "|---|---|---|---|---|"]
        lines += [f"| {f.severity.icon} {f.severity.value} | `{f.rule_id}` | {f.where} | {_md(f.message)} "
                  f"| {_md(f.fix)} |" for f in self]
        why = {f.rule_id: f.why for f in self}
        lines += ["", "**Why it matters**", ""] + [f"- `{rule}`: {_md(text)}" for rule, text in why.items()]
        return "\n".join(lines)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _md(text: str) -> str:
    """Keep table cells intact: pipes and newlines would break a Markdown table."""
    return text.replace("|", "\\|").replace("\n", " ")


def _severity_html(severity: Severity) -> str:
    return (f'<span style="color:{_COLOUR[severity]};font-weight:bold">'
            f"{severity.icon} {severity.value}</span>")


def _details_html(finding: Finding) -> str:
    return (f"<details><summary>{_esc(finding.message)}</summary>"
            f"<p><strong>Why it matters:</strong> {_esc(finding.why)}</p>"
            f"<p><strong>How to fix it:</strong> {_esc(finding.fix)}</p></details>")
