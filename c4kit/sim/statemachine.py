"""State machines: which events an object accepts in which state, and what it becomes.

An order is *pending*, then *paid*, *shipped*, *delivered*; it can be
*cancelled* while pending or paid, never once shipped.  Writing that down as
a table of transitions ``(from, event, to)`` makes the rules checkable: an
event with no transition from the current state is *rejected*, and the state
stays as it was.  That is the point of the code-level example, and all this
module does::

    order = StateMachine("Order", [
        ("Pending", "pay", "Paid"), ("Paid", "ship", "Shipped"),
        ("Shipped", "deliver", "Delivered"), ("Pending", "cancel", "Cancelled"),
        ("Paid", "cancel", "Cancelled"),
    ], initial="Pending", final=["Delivered", "Cancelled"])
    order.fire("Pending", "ship").accepted        # False: pay first
    [s.target for s in order.run(["pay", "ship"])]  # ["Paid", "Shipped"]

The machine is deterministic: one transition per (state, event).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from c4kit.errors import C4ModelError
from c4kit.sim._common import html_table, suggest, text_table


@dataclass(frozen=True)
class Transition:
    """In state ``source``, event ``event`` leads to state ``target``."""

    source: str
    event: str
    target: str


@dataclass(frozen=True)
class Step:
    """What firing one event did: accepted (state changed to ``target``) or rejected (state kept)."""

    number: int
    source: str
    event: str
    target: str
    accepted: bool
    message: str


class StateMachine:
    """States, events and the transitions between them, with an initial state and optional final ones."""

    def __init__(self, name: str, transitions: Iterable[Transition | Sequence[str]], *, initial: str,
                 final: Iterable[str] = (), states: Iterable[str] = ()) -> None:
        self.name = name
        table: list[Transition] = []
        for i, item in enumerate(transitions, start=1):
            if isinstance(item, Transition):
                table.append(item)
            elif isinstance(item, (tuple, list)) and len(item) == 3 and all(isinstance(x, str) and x for x in item):
                table.append(Transition(*item))
            else:
                raise C4ModelError(f"transition {i} is {item!r}",
                                   hint='write each transition as ("Pending", "pay", "Paid"): from, event, to')
        if not table:
            raise C4ModelError(f"the state machine {name!r} has no transitions",
                               hint='add some: [("Pending", "pay", "Paid"), ...]')
        self.transitions = tuple(table)
        seen: dict[tuple[str, str], str] = {}
        for t in table:
            if seen.get((t.source, t.event), t.target) != t.target:
                raise C4ModelError(f"in {t.source}, the event {t.event!r} leads both to {seen[(t.source, t.event)]} "
                                   f"and to {t.target}", hint="a state machine needs one transition per state and "
                                                              "event; rename one of the events")
            seen[(t.source, t.event)] = t.target
        self._next = seen
        order = [*states, initial, *(x for t in table for x in (t.source, t.target)), *final]
        self.states = tuple(dict.fromkeys(order))
        self.events = tuple(dict.fromkeys(t.event for t in table))
        self.initial = initial
        self.final = tuple(dict.fromkeys(final))

    def _check_state(self, state: str) -> str:
        if state not in self.states:
            raise C4ModelError(f"{self.name} has no state {state!r}", hint=suggest(state, self.states))
        return state

    def allowed(self, state: str) -> tuple[str, ...]:
        """The events accepted in ``state``, in the order of the transition table."""
        self._check_state(state)
        return tuple(t.event for t in self.transitions if t.source == state)

    def fire(self, state: str, event: str, *, number: int = 1) -> Step:
        """Fire one event in ``state``: the step says whether it was accepted and why not."""
        self._check_state(state)
        if event not in self.events:
            raise C4ModelError(f"{self.name} has no event {event!r}", hint=suggest(event, self.events))
        target = self._next.get((state, event))
        if target is not None:
            return Step(number, state, event, target, True, f"{event}: {state} \u2192 {target}.")
        allowed = self.allowed(state)
        if state in self.final or not allowed:
            why = f"{state} is a final state: nothing can happen to it any more"
        else:
            why = f"in {state} only {', '.join(allowed)} {'is' if len(allowed) == 1 else 'are'} allowed"
        return Step(number, state, event, state, False, f"Rejected: {event!r} is not allowed in {state}; {why}.")

    def run(self, scenario: Iterable[str], *, start: str | None = None) -> tuple[Step, ...]:
        """Fire each event in turn from ``start`` (default: the initial state); rejected ones change nothing."""
        state = self._check_state(self.initial if start is None else start)
        out = []
        for number, event in enumerate(scenario, start=1):
            step = self.fire(state, event, number=number)
            out.append(step)
            state = step.target
        return tuple(out)

    def table(self) -> tuple[tuple[str, str, str], ...]:
        return tuple((t.source, t.event, t.target) for t in self.transitions)

    def __repr__(self) -> str:
        return f"<StateMachine {self.name!r}>\n" + text_table(("from", "event", "to"), self.table())

    def _repr_html_(self) -> str:
        return html_table(("from", "event", "to"), self.table(), caption=f"State machine: {self.name}")


__all__ = ["StateMachine", "Step", "Transition"]
