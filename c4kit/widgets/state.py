"""``StateMachineStepper``: walk an object through its states; illegal events are refused, with the reason.

A front end to :class:`~c4kit.sim.statemachine.StateMachine`, drawn as a
Mermaid ``stateDiagram-v2`` with the current state highlighted (a
``classDef``, and ``[CURRENT]`` in its label, so colour is never the only
cue).  Two ways to use it:

* **a scenario** (``scenario=["pay", "ship", "cancel"]``): a step slider with
  Play and step buttons goes through the events in order; an event the
  current state does not accept is rejected and the state stays;
* **free exploration** (no scenario): pick the state and an event to fire; the
  frame shows where the event leads, or why it is refused.  Live, the "Fire
  event" button moves to the new state.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import ipywidgets as w

from c4kit.display.code_diagrams import escape_label
from c4kit.frames import Frame
from c4kit.sim.overlay import ORANGE, PURPLE, TEAL
from c4kit.sim.statemachine import StateMachine, Step, Transition
from c4kit.widgets.base import FrameWidget, WidgetError, frame, select, slider, steps

NONE = "none"
LEGEND = [
    (ORANGE, "orange [CURRENT] = the state the object is in"),
    (TEAL, "teal [NEXT] = where the chosen event leads (its transition is marked [TAKEN])"),
    (PURPLE, "purple [REJECTED] = the current state refused the event: nothing changes"),
]
_CLASSES = (
    f"  classDef current fill:{ORANGE},color:#000000,stroke:#000000,stroke-width:3px",
    f"  classDef next fill:{TEAL},color:#000000,stroke:#000000,stroke-width:3px",
    f"  classDef rejected fill:{PURPLE},color:#000000,stroke:#000000,stroke-width:3px",
)


class StateMachineStepper(FrameWidget):
    """Step ``machine`` through ``scenario`` (a list of events), or explore it freely when there is none."""

    kind = "state-stepper"

    def __init__(self, machine: StateMachine, scenario: Sequence[str] | None = None, *,
                 direction: str | None = None, title: str | None = None) -> None:
        if not isinstance(machine, StateMachine):
            raise WidgetError(f"StateMachineStepper needs a StateMachine, got {type(machine).__name__}",
                              hint='StateMachine("Order", [("Pending", "pay", "Paid"), ...], initial="Pending")')
        if direction not in (None, "TB", "BT", "LR", "RL"):
            raise WidgetError(f"unknown direction {direction!r}", hint="use TB, BT, LR or RL")
        self.machine = machine
        self.direction = direction
        self.ids = _ids(machine.states)
        self.scenario = None if scenario is None else tuple(scenario)
        if self.scenario is not None:
            if isinstance(scenario, str) or not self.scenario:
                raise WidgetError("scenario must be a list of events", hint='e.g. scenario=["pay", "ship"]')
            self.run = machine.run(self.scenario)  # unknown events fail here, with a suggestion
            controls = [slider("step", "Events fired", steps(len(self.scenario) + 1), play=True)]
            headings: tuple[str, ...] = ("#", "Event", "From", "To", "Outcome")
        else:
            controls = [select("state", "State", [(s, s) for s in machine.states], machine.initial),
                        select("event", "Event to fire", [(NONE, "(none)"), *((e, e) for e in machine.events)])]
            headings = ("Event", "In this state, it leads to")
        super().__init__(title or f"The states of {machine.name}", controls, legend=LEGEND,
                         detail_headings=headings)
        if self.scenario is None:
            self.fire_button = w.Button(description="Fire event", icon="bolt",
                                        tooltip="Fire the chosen event and move to the state it leads to")
            self.fire_button.on_click(lambda _: self.fire())
            self._add_below_controls(self.fire_button)
            self._shown(self.frame)

    # --------------------------------------------------------------- live
    def fire(self) -> Step | None:
        """Fire the chosen event (free exploration): an accepted one moves the state control there."""
        if self.scenario is not None:
            raise WidgetError("this stepper follows a scenario", hint="move its step slider instead")
        state, event = self.values["state"], self.values["event"]
        if event == NONE:
            return None
        step = self.machine.fire(state, event)
        if step.accepted:
            self.set(state=step.target, event=NONE)
        return step

    def _shown(self, frame: Frame) -> None:
        button = getattr(self, "fire_button", None)
        if button is not None:
            button.disabled = frame.key.get("event", NONE) == NONE

    # --------------------------------------------------------------- frames
    def _compute(self, values: dict[str, str]) -> Frame:
        if self.scenario is not None:
            return self._scenario_frame(int(values["step"]))
        state, event = values["state"], values["event"]
        rows = []
        for e in self.machine.events:
            result = self.machine.fire(state, e)
            rows.append((e, result.target if result.accepted else "rejected"))
        if event == NONE:
            allowed = self.machine.allowed(state)
            caption = (f"{self.machine.name} is {state}. " +
                       (f"It accepts: {', '.join(allowed)}." if allowed else "Nothing can happen to it any more."))
            return frame(self._mermaid(state, None), caption, rows)
        step = self.machine.fire(state, event)
        return frame(self._mermaid(state, step), step.message, rows)

    def _scenario_frame(self, position: int) -> Frame:
        assert self.scenario is not None
        done = self.run[:position]
        state = done[-1].target if done else self.machine.initial
        last = done[-1] if done else None
        rows = [(str(s.number), s.event, s.source, s.target, "accepted" if s.accepted else "rejected")
                for s in done]
        if last is None:
            caption = f"{self.machine.name} starts in {state}; {len(self.scenario)} events to fire."
        else:
            caption = f"Event {position} of {len(self.scenario)}: {last.message}"
        return frame(self._mermaid(last.source if last else state, last, settled=True), caption, rows)

    def _mermaid(self, state: str, step: Step | None, *, settled: bool = False) -> str:
        """The diagram; ``step`` is the event just fired (``settled``) or about to be fired (exploring)."""
        ids = self.ids
        marks: dict[str, tuple[str, str]] = {}
        if step is None:
            marks[state] = ("current", "[CURRENT]")
        elif not step.accepted:
            marks[state] = ("rejected", f"[CURRENT, REJECTED {step.event}]")
        elif settled:
            marks[step.target] = ("current", "[CURRENT]")
            if step.source != step.target:
                marks.setdefault(step.source, ("", "[PREVIOUS]"))
        else:
            marks[state] = ("current", "[CURRENT]")
            marks[step.target] = ("next", "[NEXT]") if step.target != state else ("current", "[CURRENT, NEXT]")
        lines = ["stateDiagram-v2"] + ([f"  direction {self.direction}"] if self.direction else [])
        lines.append(f"  accTitle: {escape_label(f'States of {self.machine.name}')}")
        def taken(t: Transition) -> bool:
            return step is not None and step.accepted and (t.source, t.event) == (step.source, step.event)

        # A self-transition is written inside its state ("↻ retry: stays here") rather than drawn as a
        # loop: Mermaid puts a loop's label wherever there is room, often over a neighbouring label.
        loops: dict[str, list[str]] = {}
        for t in self.machine.transitions:
            if t.source == t.target:
                loops.setdefault(t.source, []).append(f"↻ {t.event}: stays here" + (" [TAKEN]" if taken(t) else ""))
        for s in self.machine.states:
            tag = marks.get(s, ("", ""))[1]
            text = "\n".join([f"{s} {tag}".strip(), *loops.get(s, [])])
            lines.append(f'  state "{escape_label(text)}" as {ids[s]}')
        lines.append(f"  [*] --> {ids[self.machine.initial]}")
        for t in self.machine.transitions:
            if t.source != t.target:
                label = f"{t.event} [TAKEN]" if taken(t) else t.event
                lines.append(f"  {ids[t.source]} --> {ids[t.target]} : {escape_label(label)}")
        lines += [f"  {ids[s]} --> [*]" for s in self.machine.final]
        lines += _CLASSES
        for name in ("current", "next", "rejected"):
            chosen = [ids[s] for s, (cls, _) in marks.items() if cls == name]
            if chosen:
                lines.append(f"  class {','.join(chosen)} {name}")
        return "\n".join(lines) + "\n"


def _ids(states: Sequence[str]) -> dict[str, str]:
    """Readable, unique state ids that are never a Mermaid keyword."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for state in states:
        ascii_text = unicodedata.normalize("NFKD", state).encode("ascii", "ignore").decode()
        base = "s_" + (re.sub(r"[^A-Za-z0-9]+", "_", ascii_text).strip("_")[:30] or "state")
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}_{n}", n + 1
        taken.add(candidate)
        out[state] = candidate
    return out

