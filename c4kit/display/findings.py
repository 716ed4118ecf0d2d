"""Linter findings as a notebook shows them: one line each, severity first.

The linter returns data and never prints (see the architecture notes); this
is the notebook's view of that data.  It reads findings by attribute with
defaults, so a finding from any rule set (or a plain object in a test)
displays without ceremony.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from c4kit.display.html import escape

_COLOURS = {"error": "#D55E00", "warning": "#DE8F05", "info": "#0173B2"}


def severity(finding: Any) -> str:
    """``"error"``, ``"warning"`` or ``"info"`` whatever type the finding uses for it."""
    value = getattr(finding, "severity", "warning")
    value = getattr(value, "value", value)
    text = str(value).lower()
    if text.startswith("err"):
        return "error"
    if text.startswith("warn"):
        return "warning"
    return "info"


def _first(finding: Any, *names: str) -> str:
    for name in names:
        value = getattr(finding, name, None)
        if value not in (None, ""):
            return str(value)
    return ""


def split(findings: Iterable[Any]) -> tuple[list[Any], list[Any]]:
    """(errors, the rest)."""
    errors, rest = [], []
    for finding in findings:
        (errors if severity(finding) == "error" else rest).append(finding)
    return errors, rest


def finding_line(finding: Any) -> str:
    """``warning [rule] line 4: message -- fix: ...`` as plain text."""
    rule = _first(finding, "rule_id", "rule", "id", "code")
    line = _first(finding, "line")
    fix = _first(finding, "fix", "hint")
    out = severity(finding) + (f" [{rule}]" if rule else "") + (f" line {line}" if line else "")
    out += f": {_first(finding, 'message') or finding}"
    return out + (f" -- fix: {fix}" if fix else "")


def findings_bundle(findings: Sequence[Any], *, heading: str = "") -> dict[str, Any]:
    """Plain text and HTML for a list of findings, errors first.

    When the collection renders itself (the linter's ``Findings`` has
    ``_repr_html_``), its own table is used, so findings look the same
    everywhere; a plain list gets a compact list.
    """
    errors, rest = split(findings)
    ordered = errors + rest
    plain = "\n".join(([heading] if heading else []) + [finding_line(f) for f in ordered])
    title = f"<div><strong>{escape(heading)}</strong></div>" if heading else ""
    own_html = getattr(findings, "_repr_html_", None)
    if callable(own_html):
        return {"text/plain": plain, "text/html": f'<div class="c4kit-findings">{title}{own_html()}</div>'}
    items = []
    for finding in ordered:
        level = severity(finding)
        rule = _first(finding, "rule_id", "rule", "id", "code")
        line = _first(finding, "line")
        fix = _first(finding, "fix", "hint")
        why = _first(finding, "why")
        where = " ".join(part for part in (f"<code>{escape(rule)}</code>" if rule else "",
                                           f"line {escape(line)}" if line else "") if part)
        items.append(
            f'<li style="margin:2px 0"><strong style="color:{_COLOURS[level]}">{level}</strong> '
            f"{where}{': ' if where else ''}{escape(_first(finding, 'message') or str(finding))}"
            + (f"<br><em>Fix:</em> {escape(fix)}" if fix else "")
            + (f'<br><span style="opacity:.8"><em>Why:</em> {escape(why)}</span>' if why else "")
            + "</li>"
        )
    html = (f'<div class="c4kit-findings" style="font-size:13px;margin:4px 0">{title}'
            f'<ul style="margin:2px 0;padding-left:1.4em">{"".join(items)}</ul></div>')
    return {"text/plain": plain, "text/html": html}
