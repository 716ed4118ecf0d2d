"""Vocabulary shared by every simulation: statuses, input checks and notebook tables.

The simulations are pure Python and take learner input directly (thresholds
typed into a notebook cell, element names, request streams).  Every check
here raises :class:`~c4kit.errors.C4ModelError` with a hint, so a typo reads as
an explanation rather than a traceback from the middle of a loop.
"""

from __future__ import annotations

import difflib
import enum
import html
import math
from collections.abc import Iterable, Sequence
from typing import Any

from c4kit.errors import C4ModelError

#: Floating-point slack used when comparing accumulated times and token counts.
EPSILON = 1e-9


class Status(str, enum.Enum):
    """How well an element, a call or a user journey works."""

    HEALTHY = "healthy"
    DEGRADED = "degraded"
    DOWN = "down"

    @property
    def severity(self) -> int:
        """0 (healthy) < 1 (degraded) < 2 (down): lets statuses be compared and combined."""
        return _SEVERITY[self]

    @classmethod
    def parse(cls, value: Any, *, where: str = "") -> Status:
        """Accept ``Status.DOWN``, ``"down"`` or ``"Down"``; refuse anything else with a hint."""
        if isinstance(value, Status):
            return value
        if isinstance(value, str):
            try:
                return cls(value.strip().lower())
            except ValueError:
                pass
        place = f" for {where}" if where else ""
        raise C4ModelError(f"unknown status {value!r}{place}",
                           hint="use 'down' or 'degraded' (or Status.DOWN / Status.DEGRADED)")

    def __str__(self) -> str:
        return _WORDS[self]

    def __format__(self, spec: str) -> str:
        # Enum's own formatting goes through the ``value`` descriptor, which is slow in
        # hot loops that write thousands of reason sentences.
        return format(_WORDS[self], spec)


_SEVERITY = {Status.HEALTHY: 0, Status.DEGRADED: 1, Status.DOWN: 2}
_WORDS = {Status.HEALTHY: "healthy", Status.DEGRADED: "degraded", Status.DOWN: "down"}


def worst(statuses: Iterable[Status]) -> Status:
    """The most severe of some statuses (healthy when there are none)."""
    out = Status.HEALTHY
    for status in statuses:
        if status.severity > out.severity:
            out = status
    return out


# ---------------------------------------------------------------------------
# Input checks
# ---------------------------------------------------------------------------

def require_number(name: str, value: Any, *, minimum: float | None = None, maximum: float | None = None,
                   strict_minimum: bool = False, hint: str = "") -> float:
    """A finite number within bounds, or a :class:`C4ModelError` naming the parameter."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise C4ModelError(f"{name} must be a number, got {value!r}", hint=hint or f"pass a number for {name}")
    if math.isinf(value):
        raise C4ModelError(f"{name} must be finite, got {value!r}", hint=hint or f"pass a finite number for {name}")
    if minimum is not None and (value < minimum or (strict_minimum and value <= minimum)):
        bound = f"greater than {minimum:g}" if strict_minimum else f"at least {minimum:g}"
        raise C4ModelError(f"{name} must be {bound}, got {value!r}", hint=hint or f"choose a {name} that is {bound}")
    if maximum is not None and value > maximum:
        raise C4ModelError(f"{name} must be at most {maximum:g}, got {value!r}",
                           hint=hint or f"choose a {name} of at most {maximum:g}")
    return float(value)


def require_int(name: str, value: Any, *, minimum: int, hint: str = "") -> int:
    """A whole number of at least ``minimum`` (counts of calls, replicas, retries)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise C4ModelError(f"{name} must be a whole number, got {value!r}",
                           hint=hint or f"pass an int of at least {minimum} for {name}")
    if value < minimum:
        raise C4ModelError(f"{name} must be at least {minimum}, got {value}",
                           hint=hint or f"choose a {name} of at least {minimum}")
    return value


def require_fraction(name: str, value: Any, *, hint: str = "") -> float:
    """A rate between 0 and 1 (0.5 means 50 %)."""
    return require_number(name, value, minimum=0.0, maximum=1.0,
                          hint=hint or f"{name} is a fraction between 0 and 1: write 0.5 for 50 %")


def require_times(name: str, times: Sequence[float]) -> None:
    """Event times must be finite and never go backwards."""
    previous = -math.inf
    for i, t in enumerate(times):
        require_number(f"{name}[{i}]", t)
        if t < previous:
            raise C4ModelError(f"{name} must be in time order, but item {i} ({t:g}) comes before {previous:g}",
                               hint=f"sort {name} by time, e.g. sorted(...)")
        previous = t


def suggest(word: str, known: Iterable[str]) -> str:
    """A 'did you mean' fragment for a hint, or the list of what is known."""
    known = list(known)
    close = difflib.get_close_matches(word, known, n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    shown = ", ".join(known[:12]) + (" ..." if len(known) > 12 else "")
    return f"known: {shown or 'none'}"


def alias_of(item: Any) -> str:
    """The alias of a model element, a diagram element, or an alias given as text."""
    if isinstance(item, str):
        return item
    alias = getattr(item, "alias", None)
    if isinstance(alias, str):
        return alias
    raise C4ModelError(f"{item!r} is neither an element nor an alias",
                       hint="pass the object returned by ws.system(...) / sys.container(...), or its alias text")


def name_of(item: Any) -> str:
    """A display name: a model element's name, a diagram element's label, or the text itself."""
    if isinstance(item, str):
        return item
    for attribute in ("name", "label"):
        value = getattr(item, attribute, None)
        if isinstance(value, str) and value:
            return value
    return alias_of(item)


def fmt(value: float) -> str:
    """A short number for labels and tables: 3, 2.5, 0.125."""
    return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


# ---------------------------------------------------------------------------
# Notebook output
# ---------------------------------------------------------------------------

def html_table(headings: Sequence[str], rows: Iterable[Sequence[Any]], caption: str = "") -> str:
    """A small escaped HTML table for ``_repr_html_``: the text alternative of an overlay."""
    head = "".join(f"<th style='text-align:left'>{html.escape(h)}</th>" for h in headings)
    body = "".join("<tr>" + "".join(f"<td style='text-align:left'>{html.escape(str(c))}</td>" for c in row)
                   + "</tr>" for row in rows)
    cap = f"<caption style='text-align:left'>{html.escape(caption)}</caption>" if caption else ""
    return f"<table class='c4kit-sim'>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def text_table(headings: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """The same table as aligned plain text, for ``repr`` and terminals."""
    rows = [[str(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headings)]
    widths[-1] = 0  # the last column (usually a reason) is not padded

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    return "\n".join([line(headings), *(line(r) for r in rows)])


def in_windows(time: float, windows: Iterable[tuple[float, float]]) -> bool:
    """Whether ``time`` falls in one of the half-open ``[start, end)`` windows (outages)."""
    return any(start <= time < end for start, end in windows)


def check_windows(name: str, windows: Iterable[Any]) -> tuple[tuple[float, float], ...]:
    """Outage windows as ``(start, end)`` pairs with ``start <= end``."""
    out = []
    for i, window in enumerate(windows):
        if not (isinstance(window, (tuple, list)) and len(window) == 2):
            raise C4ModelError(f"{name}[{i}] must be a (start, end) pair, got {window!r}",
                               hint=f"write {name}=[(10, 30)] for an outage from t=10 s to t=30 s")
        start = require_number(f"{name}[{i}] start", window[0])
        end = require_number(f"{name}[{i}] end", window[1])
        if end < start:
            raise C4ModelError(f"{name}[{i}] ends ({end:g}) before it starts ({start:g})",
                               hint="write each window as (start, end)")
        out.append((start, end))
    return tuple(out)
