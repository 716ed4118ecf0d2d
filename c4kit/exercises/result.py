"""What a check says: passed or not yet, the things to fix, and tips, readable with or without colour.

A :class:`CheckResult` displays itself in a notebook as a short HTML panel
whose first words carry the verdict ("Passed", "Not yet: 2 things to fix",
"Not yet: not attempted yet"); a check mark or cross and a coloured border
only repeat it, so the verdict survives colour blindness, a screen reader, a
dark theme and the plain-text output of ``nbconvert --to markdown``.

For grading, :meth:`CheckResult.assert_passed` raises ``AssertionError`` with
the same text, which is what nbgrader records as the feedback of a failed
test cell.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from enum import Enum

#: Palette colours (teal and orange of the course palette); they reinforce the words, never replace them.
_BORDER = {"passed": "#029E73", "not-yet": "#DE8F05", "not-attempted": "#DE8F05"}
_ICON = {"passed": "\u2714", "not-yet": "\u2716", "not-attempted": "\u270e"}


class Verdict(str, Enum):
    PASSED = "passed"
    NOT_YET = "not-yet"
    NOT_ATTEMPTED = "not-attempted"


@dataclass(frozen=True)
class Feedback:
    """One thing the learner should know.

    ``topic`` is a stable machine-readable slug (``"missing-element"``,
    ``"lint:orphan-element"``) for tests and for instructors who collect
    statistics; ``blocking`` feedback must be fixed to pass, the rest are tips.
    """

    topic: str
    message: str
    hint: str = ""
    blocking: bool = True

    @property
    def fix(self) -> str:
        """The hint as a sentence: capital first letter, final full stop."""
        hint = self.hint.strip()
        if not hint:
            return ""
        hint = hint[:1].upper() + hint[1:]
        return hint if hint.endswith((".", "?", "!", ")", '"')) else hint + "."

    def text(self) -> str:
        return f"{self.message}\n   How to fix it: {self.fix}" if self.hint else self.message


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one answer to one task."""

    task_id: str
    title: str
    status: Verdict
    feedback: tuple[Feedback, ...] = ()
    praise: str = ""

    @property
    def passed(self) -> bool:
        return self.status is Verdict.PASSED

    @property
    def to_fix(self) -> tuple[Feedback, ...]:
        """The findings that keep the answer from passing."""
        return tuple(f for f in self.feedback if f.blocking)

    @property
    def tips(self) -> tuple[Feedback, ...]:
        """Advice that does not block a pass."""
        return tuple(f for f in self.feedback if not f.blocking)

    @property
    def topics(self) -> list[str]:
        """The topics of every piece of feedback, in order (handy in tests)."""
        return [f.topic for f in self.feedback]

    @property
    def headline(self) -> str:
        """``"Passed"``, ``"Not yet: 2 things to fix"`` or ``"Not yet: not attempted yet"``."""
        if self.status is Verdict.PASSED:
            return "Passed"
        if self.status is Verdict.NOT_ATTEMPTED:
            return "Not yet: not attempted yet"
        n = len(self.to_fix)
        return f"Not yet: {n} thing{'' if n == 1 else 's'} to fix"

    def text(self) -> str:
        """The whole verdict as plain text (what ``print`` and nbgrader show)."""
        lines = [f"{self.headline} ({self._label()})"]
        if self.praise and self.passed:
            lines.append(self.praise)
        for n, item in enumerate(self.to_fix, start=1):
            lines.append(f"{n}. {item.text()}")
        if self.tips:
            lines.append("Tips:")
            lines.extend(f" - {item.text()}" for item in self.tips)
        return "\n".join(lines)

    def _label(self) -> str:
        return f"{self.title}; task {self.task_id}" if self.title else f"task {self.task_id}"

    def assert_passed(self) -> None:
        """Raise ``AssertionError`` with the feedback unless the answer passed (for nbgrader's hidden tests)."""
        if not self.passed:
            raise AssertionError(self.text())

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        status = self.status.value
        items = "".join(f'<li style="margin-bottom:0.4em">{_item_html(f)}</li>' for f in self.to_fix)
        body = f"<ol>{items}</ol>" if items else ""
        if self.praise and self.passed:
            body = f"<p>{_esc(self.praise)}</p>" + body
        if self.tips:
            tips = "".join(f'<li style="margin-bottom:0.4em">{_item_html(f)}</li>' for f in self.tips)
            body += f"<details><summary>Tips ({len(self.tips)})</summary><ul>{tips}</ul></details>"
        return (f'<div class="c4kit-check c4kit-check-{status}" role="status" '
                f'style="border-left:4px solid {_BORDER[status]};padding:0.3em 0.8em;margin:0.3em 0">'
                f'<p><strong>{_ICON[status]} {_esc(self.headline)}</strong> '
                f"<span>({_esc(self._label())})</span></p>{body}</div>")


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _item_html(item: Feedback) -> str:
    fix = f"<br><em>How to fix it:</em> {_esc(item.fix)}" if item.hint else ""
    return f"{_esc(item.message)}{fix}"
