"""The resilience mechanisms a relationship can carry, checked where they are written.

``web.uses(db, "Reads", protections=["circuit_breaker"])`` records what stands
on a call; :mod:`c4kit.sim` turns it into behaviour.  The names are checked
when the relationship is created, so a typo fails on the line that has it,
not later inside a simulation.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from c4kit.errors import C4ModelError

#: The resilience mechanisms the simulations understand, strongest first.
PROTECTIONS = ("failover", "queue", "dlq", "circuit_breaker", "bulkhead", "timeout", "retry")

SPELLINGS = {"dead_letter_queue": "dlq", "circuitbreaker": "circuit_breaker", "breaker": "circuit_breaker"}


def normalise_protection(name: Any, *, where: str = "") -> str:
    """``"Circuit-Breaker"`` -> ``"circuit_breaker"``; unknown names raise with a suggestion."""
    if not isinstance(name, str):
        raise C4ModelError(f"a protection must be a name, got {name!r}", hint=f"use some of: {', '.join(PROTECTIONS)}")
    key = re.sub(r"[\s\-]+", "_", name.strip().lower())
    key = SPELLINGS.get(key, key)
    if key not in PROTECTIONS:
        place = f" on {where}" if where else ""
        close = difflib.get_close_matches(key, PROTECTIONS, n=1)
        guess = f"did you mean {close[0]!r}? " if close else ""
        raise C4ModelError(f"unknown protection {name!r}{place}",
                           hint=f"{guess}The simulations know: {', '.join(PROTECTIONS)}")
    return key


def normalise_protections(names: Iterable[Any] | str, *, where: str = "") -> tuple[str, ...]:
    """Known, de-duplicated protections in a fixed order (so equal inputs compare equal)."""
    if isinstance(names, str):
        names = [names]
    found = {normalise_protection(n, where=where) for n in names}
    return tuple(p for p in PROTECTIONS if p in found)
