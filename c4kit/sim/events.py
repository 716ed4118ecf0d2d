"""Event sourcing in miniature: state is what you get by replaying the events.

An event-sourced service does not store its current state; it stores the
facts that happened ("account opened", "deposited 100", "withdrew 30") in an
append-only stream and *rebuilds* the state by applying them in order.  Any
earlier state is therefore one replay away: stop after the third event and
you see the account as it was then.  That is what this module does, and all
it does:

* an :class:`Event` is a type and a payload, numbered by its position;
* a :class:`Projection` is an initial state plus one handler per event type;
* :meth:`Projection.replay` applies the events up to a position and returns a
  :class:`Snapshot`: the state, the events applied, and which event last
  changed each field.

Handlers take the state so far (a fresh ``dict`` they may change) and the
event, and return the new state (or ``None`` after changing it in place)::

    account = Projection("Account", {"balance": 0}, {
        "Deposited": lambda s, e: {**s, "balance": s["balance"] + e.data["amount"]},
        "Withdrawn": lambda s, e: {**s, "balance": s["balance"] - e.data["amount"]},
    })
    account.replay(events, upto=2).state   # the state after the first two events
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from c4kit.errors import C4ModelError
from c4kit.sim._common import html_table, suggest, text_table

Handler = Callable[[dict[str, Any], "Event"], "dict[str, Any] | None"]


@dataclass(frozen=True)
class Event:
    """Something that happened: a type ("Deposited") and its data (``{"amount": 100}``)."""

    type: str
    data: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.type, str) or not self.type.strip():
            raise C4ModelError(f"an event needs a type name, got {self.type!r}",
                               hint='Event("Deposited", {"amount": 100})')
        if not isinstance(self.data, Mapping):
            raise C4ModelError(f"the data of a {self.type} event must be a mapping, got {type(self.data).__name__}",
                               hint='Event("Deposited", {"amount": 100})')

    def describe(self) -> str:
        """``"Deposited (amount: 100)"``: one line for captions and labels."""
        if not self.data:
            return self.type
        return f"{self.type} ({', '.join(f'{k}: {v}' for k, v in self.data.items())})"


@dataclass(frozen=True)
class Snapshot:
    """The state after the first ``position`` events (0: the initial state)."""

    position: int
    state: Mapping[str, Any]
    #: The events applied, oldest first.
    applied: tuple[Event, ...]
    #: Field -> number (1-based) of the event that last changed it; absent: still the initial value.
    changed_by: Mapping[str, int]

    @property
    def event(self) -> Event | None:
        """The last event applied, if any."""
        return self.applied[-1] if self.applied else None

    def details(self) -> tuple[tuple[str, str, str], ...]:
        """(field, value, last changed by) rows."""
        return tuple((name, _text(value), f"event {self.changed_by[name]}" if name in self.changed_by
                      else "initial value") for name, value in self.state.items())

    _HEADINGS = ("field", "value", "last changed by")

    def __repr__(self) -> str:
        return f"<Snapshot after {self.position} event(s)>\n" + text_table(self._HEADINGS, self.details())

    def _repr_html_(self) -> str:
        return html_table(self._HEADINGS, self.details(), caption=f"State after {self.position} event(s)")


def events(items: Iterable[Any]) -> tuple[Event, ...]:
    """Events from ``Event`` objects, ``(type, data)`` pairs or bare type names."""
    out = []
    for i, item in enumerate(items, start=1):
        if isinstance(item, Event):
            out.append(item)
        elif isinstance(item, str):
            out.append(Event(item))
        elif isinstance(item, (tuple, list)) and len(item) == 2 and isinstance(item[0], str):
            out.append(Event(item[0], item[1]))
        else:
            raise C4ModelError(f"event {i} is {item!r}, which is not an event",
                               hint='write Event("Deposited", {"amount": 100}) or ("Deposited", {"amount": 100})')
    return tuple(out)


class Projection:
    """How a stream of events becomes state: an initial state and one handler per event type.

    ``ignore`` lists event types this projection deliberately skips (another
    read model cares about them); any other unknown type is an error, since
    silently skipping a fact is how rebuilt state drifts from the truth.
    """

    def __init__(self, name: str, initial: Mapping[str, Any], handlers: Mapping[str, Handler], *,
                 ignore: Iterable[str] = ()) -> None:
        if not isinstance(initial, Mapping):
            raise C4ModelError(f"the initial state of {name!r} must be a mapping, got {type(initial).__name__}",
                               hint='e.g. Projection("Account", {"balance": 0}, handlers)')
        for event_type, handler in handlers.items():
            if not callable(handler):
                raise C4ModelError(f"the handler for {event_type!r} is not callable",
                                   hint="a handler is a function (state, event) -> new state")
        self.name = name
        self.initial = dict(initial)
        self.handlers = dict(handlers)
        self.ignore = frozenset(ignore)

    def apply(self, state: Mapping[str, Any], event: Event, *, number: int = 0) -> dict[str, Any]:
        """The state after one event; the given state is never changed."""
        handler = self.handlers.get(event.type)
        where = f"event {number} ({event.type})" if number else f"a {event.type} event"
        if handler is None:
            if event.type in self.ignore:
                return dict(state)
            raise C4ModelError(f"{self.name} has no handler for {where}",
                               hint=f"{suggest(event.type, self.handlers)} Add a handler, or ignore=[...] it.")
        work = copy.deepcopy(dict(state))
        try:
            result = handler(work, event)
        except C4ModelError:
            raise
        except Exception as err:  # a learner's handler: say which event broke it
            raise C4ModelError(f"the {event.type} handler of {self.name} failed on {where}: "
                               f"{type(err).__name__}: {err}",
                               hint="check the handler against this event's data") from err
        new = work if result is None else result
        if not isinstance(new, Mapping):
            raise C4ModelError(f"the {event.type} handler of {self.name} returned {type(new).__name__}, not a state",
                               hint="return the new state as a dict (or change the given dict and return None)")
        return dict(new)

    def replay(self, stream: Iterable[Any], upto: int | None = None) -> Snapshot:
        """The state after the first ``upto`` events (default: all of them)."""
        return self.snapshots(stream, upto=upto)[-1]

    def snapshots(self, stream: Iterable[Any], *, upto: int | None = None) -> tuple[Snapshot, ...]:
        """The state before any event, then after each one (up to ``upto``): one replay, every point."""
        items = events(stream)
        if upto is not None:
            if isinstance(upto, bool) or not isinstance(upto, int) or not 0 <= upto <= len(items):
                raise C4ModelError(f"upto must be a whole number from 0 to {len(items)}, got {upto!r}",
                                   hint="upto counts events: 0 is the initial state, len(events) the current one")
            items = items[:upto]
        state = dict(self.initial)
        changed: dict[str, int] = {}
        out = [Snapshot(0, dict(state), (), {})]
        for number, event in enumerate(items, start=1):
            new = self.apply(state, event, number=number)
            # In field order, never set order: the caption lists changed fields, and outputs must not
            # depend on the hash seed.
            for name in dict.fromkeys([*state, *new]):
                if name not in new or name not in state or new[name] != state[name]:
                    changed[name] = number
            changed = {k: v for k, v in changed.items() if k in new}
            state = new
            out.append(Snapshot(number, dict(state), items[:number], dict(changed)))
        return tuple(out)

    def __repr__(self) -> str:
        return f"<Projection {self.name!r}: {', '.join(self.handlers)}>"


def _text(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


__all__ = ["Event", "Handler", "Projection", "Snapshot", "events"]
