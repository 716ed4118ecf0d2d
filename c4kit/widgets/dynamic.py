"""``DynamicStepper``: a dynamic view, one numbered step at a time.

A dynamic diagram shows every step of a scenario at once, numbered; a
learner reading it for the first time follows the numbers with a finger.
The stepper does the following for them: a slider (with Play and step
buttons) moves from "before the first step" to the last step; each frame
marks the steps already taken (``[DONE]``), the one happening now
(``[NOW]``) and leaves the later ones plain, tags the two boxes of the
current step (``[SENDS]`` / ``[RECEIVES]``), and captions the step in words
with the author's note for it.  The table under the diagram lists every
step with its state, so nothing depends on colour.

It simulates nothing: the order is the view's, and the notes are the
author's.  A step's note is where the "why" of that step goes ("the verifier
proves this client started the flow").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from c4kit.frames import Frame
from c4kit.model.diagram import DiagramKind
from c4kit.sim import Mark, legend, mark
from c4kit.widgets._views import as_diagram, labels, text_of
from c4kit.widgets.base import FrameWidget, WidgetError, frame, slider

#: Tags on the two boxes of the step shown: the words that say what the orange means.
SENDS, RECEIVES, BOTH = "[SENDS]", "[RECEIVES]", "[SENDS AND RECEIVES]"


class DynamicStepper(FrameWidget):
    """Step through ``view`` (a dynamic view or diagram), one numbered interaction at a time.

    ``notes``: one sentence per step (a sequence in step order, or ``{step number: note}``), shown in the
    caption when that step is the current one.  ``start``: the caption before the first step.
    ``flowchart``: draw the C4-styled flowchart (``True`` or a direction such as ``"LR"``).
    """

    kind = "dynamic-stepper"

    def __init__(self, view: Any, *, notes: Sequence[str] | Mapping[int, str] | None = None,
                 start: str = "", flowchart: bool | str = False, title: str | None = None) -> None:
        self.diagram = as_diagram(view)
        if self.diagram.kind is not DiagramKind.DYNAMIC:
            raise WidgetError(f"DynamicStepper steps through a dynamic view, got a {self.diagram.kind.value} diagram",
                              hint='build one with ws.dynamic_view("Signing in").step(user, web_app, "Clicks Log in")')
        self.steps = tuple(self.diagram.relationships)
        if not self.steps:
            raise WidgetError("the dynamic view has no steps", hint="add them in order with view.step(a, b, '...')")
        self.notes = _notes(notes, len(self.steps))
        self.start = start or f"Before step 1: nothing has happened yet. Press Play or move the slider to follow " \
                              f"the {len(self.steps)} steps."
        self.flowchart = flowchart
        self.names = labels(self.diagram)
        options = [("0", "Start")] + [(str(i), str(i)) for i in range(1, len(self.steps) + 1)]
        super().__init__(title or self.diagram.title or "Step by step", [slider("step", "Step", options, play=True)],
                         legend=[*legend([Mark.DONE]), _now_legend()],
                         detail_headings=("step", "from", "to", "what happens", "state"))

    def _compute(self, values: dict[str, str]) -> Frame:
        current = int(values["step"])
        arrows: dict[tuple[str, str], Mark] = {}
        rel_labels: dict[tuple[str, str], str] = {}
        rows = []
        for number, rel in enumerate(self.steps, start=1):
            pair = (rel.source, rel.target)
            if number < current:
                arrows[pair], state = Mark.DONE, "done"
            elif number == current:
                arrows[pair], state = Mark.ACTIVE, "now"
                rel_labels[pair] = f"{rel.label} [NOW]"
            else:
                state = "next" if number == current + 1 else "later"
            rows.append((number, self.names.get(rel.source, rel.source), self.names.get(rel.target, rel.target),
                         _what(rel), state))
        elements: dict[str, Mark] = {}
        tags: dict[str, str] = {}
        if current:
            rel = self.steps[current - 1]
            if rel.source == rel.target:
                elements[rel.source], tags[rel.source] = Mark.ACTIVE, BOTH
            else:
                elements[rel.source], tags[rel.source] = Mark.ACTIVE, SENDS
                elements[rel.target], tags[rel.target] = Mark.ACTIVE, RECEIVES
        drawn = mark(self.diagram, elements, arrows, element_tags=tags, rel_labels=rel_labels, describe=False)
        return frame(text_of(drawn, flowchart=self.flowchart), self._caption(current), rows)

    def _caption(self, current: int) -> str:
        if not current:
            return self.start
        rel = self.steps[current - 1]
        source, target = self.names.get(rel.source, rel.source), self.names.get(rel.target, rel.target)
        text = f"Step {current} of {len(self.steps)}: {source} to {target}: {_what(rel)}."
        note = self.notes.get(current, "")
        return f"{text} {note}" if note else text


def _what(rel: Any) -> str:
    return f"{rel.label} ({rel.technology})" if rel.technology else rel.label


def _now_legend() -> tuple[str, str]:
    colour, words = legend([Mark.ACTIVE])[0]
    return colour, words.replace("= the message", "[NOW], [SENDS], [RECEIVES] = the message")


def _notes(notes: Sequence[str] | Mapping[int, str] | None, count: int) -> dict[int, str]:
    if notes is None:
        return {}
    if isinstance(notes, Mapping):
        bad = [k for k in notes if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= count]
        if bad:
            raise WidgetError(f"notes name step(s) {bad}, but the view has steps 1 to {count}",
                              hint="key notes by step number, starting at 1")
        return {int(k): str(v) for k, v in notes.items()}
    if isinstance(notes, str):
        raise WidgetError("notes must be one note per step, not a single string",
                          hint='notes=["The user starts here.", "The app redirects..."]')
    notes = list(notes)
    if len(notes) > count:
        raise WidgetError(f"{len(notes)} notes for {count} steps", hint="give at most one note per step, in order")
    return {i: str(n) for i, n in enumerate(notes, start=1) if n}


__all__ = ["DynamicStepper"]
