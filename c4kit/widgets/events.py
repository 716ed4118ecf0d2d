"""``EventReplay``: rebuild state from an event stream, stopping at any point.

A front end to :class:`~c4kit.sim.events.Projection`.  One slider (with Play
and step buttons) picks how many events to replay; the diagram is the stream
as a flowchart, events already applied marked as such, with the state they
rebuild next to it, and the table lists every field of that state and the
event that last changed it.  Moving the slider back is the point: any past
state is one replay away, which is what event sourcing buys.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

from c4kit.frames import Frame
from c4kit.mermaid.emit_flowchart import escape_label
from c4kit.sim.events import Event, Projection, Snapshot, events
from c4kit.sim.overlay import BLUE, ORANGE, TEAL
from c4kit.widgets.base import FrameWidget, WidgetError, frame, slider, steps

WHITE = "#FFFFFF"
LEGEND = [
    (TEAL, "teal [APPLIED] = replayed into the state"),
    (ORANGE, "orange [LAST APPLIED] = the event replayed last"),
    (WHITE, "white, dashed border [NOT YET] = after the replay point: not applied"),
    (BLUE, "blue = the state rebuilt from the applied events"),
]
_CLASSES = (
    f"  classDef applied fill:{TEAL},color:#000000,stroke:#000000",
    f"  classDef last fill:{ORANGE},color:#000000,stroke:#000000,stroke-width:3px",
    f"  classDef pending fill:{WHITE},color:#000000,stroke:#000000,stroke-dasharray:5 5",
    f"  classDef rebuilt fill:{BLUE},color:#FFFFFF,stroke:#000000",
)


class EventReplay(FrameWidget):
    """Replay ``stream`` (events, or ``(type, data)`` pairs) through ``projection`` up to a chosen point.

    ``fields``: which state fields the diagram shows (default: all; the table always lists all).
    ``direction``: ``"LR"`` (the stream as a row) or ``"TB"`` (a column, for long streams).
    """

    kind = "event-replay"

    def __init__(self, stream: Iterable[Any], projection: Projection, *, fields: Sequence[str] | None = None,
                 direction: str = "LR", title: str | None = None) -> None:
        if not isinstance(projection, Projection):
            raise WidgetError(f"EventReplay needs a Projection, got {type(projection).__name__}",
                              hint='Projection("Account", {"balance": 0}, {"Deposited": handler, ...})')
        if direction not in ("LR", "TB"):
            raise WidgetError(f"direction must be 'LR' or 'TB', not {direction!r}")
        self.stream: tuple[Event, ...] = events(stream)
        if not self.stream:
            raise WidgetError("there are no events to replay", hint="pass at least one event")
        self.projection = projection
        self.direction = direction
        # One replay gives every point; a handler that fails on some event fails here, naming it.
        self.snapshots: tuple[Snapshot, ...] = projection.snapshots(self.stream)
        every = list(dict.fromkeys(k for s in self.snapshots for k in s.state))
        unknown = [f for f in (fields or ()) if f not in every]
        if unknown:
            raise WidgetError(f"fields names {', '.join(map(repr, unknown))}, which the state never has",
                              hint=f"the state's fields: {', '.join(every)}")
        self.fields = list(fields) if fields is not None else every
        super().__init__(title or f"Replaying the events of {projection.name}",
                         [slider("position", "Events replayed", steps(len(self.stream) + 1), play=True)],
                         legend=LEGEND, detail_headings=("Field", "Value", "Last changed by"))

    def _compute(self, values: dict[str, str]) -> Frame:
        snapshot = self.snapshots[int(values["position"])]
        return frame(self._mermaid(snapshot), self._caption(snapshot), snapshot.details())

    def _caption(self, snapshot: Snapshot) -> str:
        total = len(self.stream)
        if snapshot.event is None:
            return f"No event replayed yet: {self.projection.name} has its initial state ({total} events to go)."
        changed = [k for k, n in snapshot.changed_by.items() if n == snapshot.position]
        what = f"it changed {', '.join(changed)}" if changed else "it changed no field"
        return (f"Replayed {snapshot.position} of {total} events; the last was "
                f"{snapshot.event.describe()}, and {what}.")

    def _mermaid(self, snapshot: Snapshot) -> str:
        position = snapshot.position
        lines = ["flowchart " + self.direction,
                 f"  accTitle: {escape_label(f'{self.projection.name}: events replayed up to {position}')}",
                 '  initial(["Initial state"])']
        classes: dict[str, list[str]] = {"applied": [], "last": [], "pending": []}
        for number, event in enumerate(self.stream, start=1):
            state = "last" if number == position else "applied" if number < position else "pending"
            tag = {"last": "[LAST APPLIED]", "applied": "[APPLIED]", "pending": "[NOT YET]"}[state]
            body = [f"#{number} {event.type}", *(f"{k}: {v}" for k, v in event.data.items()), tag]
            lines.append(f'  ev{number}["{escape_label(chr(10).join(body))}"]')
            classes[state].append(f"ev{number}")
        chain = ["initial", *(f"ev{n}" for n in range(1, len(self.stream) + 1))]
        lines += [f"  {a} --> {b}" for a, b in itertools.pairwise(chain)]
        shown = [f"{k}: {_short(snapshot.state[k])}" for k in self.fields if k in snapshot.state]
        head = f"{self.projection.name} after {position} event{'s' * (position != 1)}"
        lines.append(f'  rebuilt["{escape_label(chr(10).join([head, *shown]))}"]')
        lines.append(f"  {chain[position]} -.->|replayed into| rebuilt")
        lines += _CLASSES
        lines += [f"  class {','.join(ids)} {name}" for name, ids in classes.items() if ids]
        lines.append("  class rebuilt rebuilt")
        return "\n".join(lines) + "\n"


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."
