"""What a failure simulation returns: outcomes for elements, calls and journeys.

Kept apart from the engine in :mod:`c4kit.sim.failure` so that the widget
layer (and a reader) can see the shape of a result without the propagation
rules.  Everything is frozen; healthy outcomes are shared between runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from c4kit.errors import C4ModelError
from c4kit.sim._common import Status, alias_of, html_table, text_table

DOWN, DEGRADED, HEALTHY = Status.DOWN, Status.DEGRADED, Status.HEALTHY


@dataclass(frozen=True)
class ElementOutcome:
    """The status of one element and the reasons behind it, nearest first."""

    alias: str
    name: str
    kind: str
    parent: str | None
    status: Status
    injected: bool
    #: One sentence; empty when healthy.
    reason: str = ""
    #: The sentence of this element, then of what caused it, down to a marked element.
    chain: tuple[str, ...] = ()
    #: A few words for a diagram label: "needs Shop DB, which is down", "marked down".
    summary: str = ""


@dataclass(frozen=True)
class RelationshipOutcome:
    """The status of one call (relationship) and why."""

    source: str
    target: str
    label: str
    technology: str
    sync: bool
    protections: tuple[str, ...]
    status: Status
    #: The rule that applied: "ok", "unprotected", "circuit_breaker", "async", ...
    mechanism: str
    reason: str = ""


@dataclass(frozen=True)
class JourneyOutcome:
    """Whether a user journey still works, and where it breaks."""

    name: str
    path: tuple[str, ...]
    status: Status
    reason: str = ""
    chain: tuple[str, ...] = ()
    #: The element or call (``"a -> b"``) where the journey first reaches its status.
    blocked_at: str | None = None

    @property
    def verdict(self) -> str:
        """``"works"``, ``"is degraded"`` or ``"fails"``."""
        return {HEALTHY: "works", DEGRADED: "is degraded", DOWN: "fails"}[self.status]


@dataclass(frozen=True)
class FailureResult:
    """The outcome of one failure scenario, for every element, call and journey.

    Index it by element or alias (``result["db"].status``); ``explain(x)``
    gives the whole reason chain.  In a notebook it shows as tables.
    """

    faults: tuple[tuple[str, Status], ...]
    elements: tuple[ElementOutcome, ...]
    relationships: tuple[RelationshipOutcome, ...]
    journeys: tuple[JourneyOutcome, ...]
    _index: dict[str, ElementOutcome] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {e.alias: e for e in self.elements})

    def __getitem__(self, ref: Any) -> ElementOutcome:
        alias = alias_of(ref)
        try:
            return self._index[alias]
        except KeyError:
            raise C4ModelError(f"{alias!r} is not an element of this simulation",
                               hint="use an alias listed in result.elements") from None

    def status(self, ref: Any) -> Status:
        return self[ref].status

    def explain(self, ref: Any) -> str:
        """Every reason from this element down to the marked one, one per line."""
        outcome = self[ref]
        return "\n".join(outcome.chain) if outcome.chain else f"{outcome.name} is healthy."

    def journey(self, name: str) -> JourneyOutcome:
        for outcome in self.journeys:
            if outcome.name == name:
                return outcome
        raise C4ModelError(f"no journey named {name!r}", hint=f"known: {', '.join(j.name for j in self.journeys)}")

    def _with(self, status: Status) -> tuple[str, ...]:
        return tuple(e.alias for e in self.elements if e.status is status)

    @property
    def down(self) -> tuple[str, ...]:
        """Aliases of the elements that are down, in model order."""
        return self._with(DOWN)

    @property
    def degraded(self) -> tuple[str, ...]:
        return self._with(DEGRADED)

    @property
    def healthy(self) -> tuple[str, ...]:
        return self._with(HEALTHY)

    @property
    def failed_journeys(self) -> tuple[str, ...]:
        return tuple(j.name for j in self.journeys if j.status is DOWN)

    @property
    def degraded_journeys(self) -> tuple[str, ...]:
        return tuple(j.name for j in self.journeys if j.status is DEGRADED)

    @property
    def title(self) -> str:
        """``"No failure"`` or ``"Shop DB down, Cache degraded"``."""
        if not self.faults:
            return "No failure"
        return ", ".join(f"{self[a].name} {s.value}" for a, s in self.faults)

    def caption(self) -> str:
        """One line for a frame: what failed, how far it spread, which journeys suffer."""
        counts = f"{len(self.down)} down, {len(self.degraded)} degraded"
        parts = [f"{self.title}: {counts}."]
        if self.failed_journeys:
            parts.append(f"Journeys failing: {', '.join(self.failed_journeys)}.")
        if self.degraded_journeys:
            parts.append(f"Journeys degraded: {', '.join(self.degraded_journeys)}.")
        return " ".join(parts)

    def details(self, *, everything: bool = False) -> tuple[tuple[str, str, str], ...]:
        """(what, status, why) rows: affected elements, then journeys (``everything`` adds healthy ones)."""
        rows = [(e.name, e.status.value, e.reason) for e in self.elements if everything or e.status is not HEALTHY]
        rows += [(f"Journey: {j.name}", j.status.value, j.reason) for j in self.journeys]
        return tuple(rows)

    def __repr__(self) -> str:
        return f"<FailureResult {self.caption()}>\n" + text_table(("What", "Status", "Why"), self.details())

    def _repr_html_(self) -> str:
        return html_table(("What", "Status", "Why"), self.details(), caption=self.caption())


@dataclass(frozen=True)
class Scenario:
    """One enumerable failure scenario: a stable key, a label, and the faults."""

    key: str
    label: str
    faults: tuple[tuple[str, Status], ...]
