"""``SagaStepper``: step through a saga, make any step fail, compare orchestration with choreography.

A front end to :class:`~c4kit.sim.saga.Saga` and
:func:`~c4kit.sim.overlay.saga_overlay`.  Controls: which step fails
("none" for the happy path), the style (orchestrated or choreographed), and a
step slider with Play and step back / forward buttons.  Each frame shows the
view with every service tagged with its step's state and the arrow carrying
the current message numbered, plus the event log so far.

Runs differ in length (a failure adds compensations, choreography adds the
bus hops), so the slider spans the longest run; a shorter run holds its last
frame and says that it has ended.  With ``side_by_side=True`` both styles are
drawn in one diagram, each in its own boundary, at the same step.

Without a view the stepper draws its own small container diagram of the
saga's participants, one per style.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from c4kit.frames import Frame
from c4kit.model.diagram import Diagram, DiagramKind, Element, ElementKind, Relationship, Shape
from c4kit.sim import Saga, SagaFrame, SagaRun, legend, saga_overlay
from c4kit.sim._common import alias_of
from c4kit.widgets._views import as_diagram, labels, side_by_side, text_of
from c4kit.widgets.base import ControlSpec, FrameWidget, WidgetError, frame, select, slider, steps, toggle

STYLES = ("orchestration", "choreography")
_STYLE_WORDS = {"orchestration": "Orchestrated", "choreography": "Choreographed"}
NONE = "none"


class SagaStepper(FrameWidget):
    """Step through ``saga``; ``view`` is one view for both styles, ``{style: view}``, or ``None`` (drawn for you).

    ``styles``: which styles to offer; ``side_by_side=True`` shows both at once.
    ``aliases``: ``{participant: diagram alias}`` where the saga's names differ from the view's.
    ``failures``: the steps (names or :class:`SagaStep` objects) the learner may make fail; default every
    step.  Each one multiplies the frames the page stores, so offer the failures that teach something (the
    first step: nothing to undo; the last: everything is undone).
    """

    kind = "saga-stepper"

    def __init__(self, saga: Saga, view: Any = None, *, styles: Sequence[str] = STYLES, side_by_side: bool = False,
                 aliases: Mapping[Any, Any] | None = None, flowchart: bool | str = False,
                 title: str | None = None, failures: Sequence[Any] | None = None) -> None:
        if not isinstance(saga, Saga):
            raise WidgetError(f"SagaStepper needs a Saga, got {type(saga).__name__}",
                              hint='build one with Saga("Book trip", [SagaStep(flights, "Reserve seats", ...)])')
        self.saga = saga
        self.styles = _styles(styles)
        self.side_by_side = bool(side_by_side)
        if self.side_by_side and len(self.styles) < 2:
            raise WidgetError("side_by_side=True compares the two styles, but only one is offered",
                              hint='keep styles=("orchestration", "choreography")')
        self.aliases = {alias_of(k): alias_of(v) for k, v in (aliases or {}).items()}
        self.flowchart = flowchart
        self.views = {style: self._view(view, style) for style in self.styles}
        offered = _failures(saga, failures)
        self.runs: dict[tuple[str, str], SagaRun] = {
            (style, NONE if fail is None else fail): saga.run(fail, style=style)  # type: ignore[arg-type]
            for style in self.styles for fail in (None, *offered)}
        length = max(len(run) for run in self.runs.values())
        controls: list[ControlSpec] = [select("fail", "Failing step", [
            (NONE, "None: every step succeeds"),
            *((s.name, f"{i}. {s.name} ({s.service_name})") for i, s in enumerate(saga.steps, start=1)
              if s.name in offered)])]
        if len(self.styles) > 1 and not self.side_by_side:
            controls.append(toggle("style", "Style", *[(s, _STYLE_WORDS[s]) for s in self.styles], buttons=True))
        controls.append(slider("step", "Step", steps(length), play=True))
        headings = ("#", "kind", "from", "to", "message")
        super().__init__(title or f"Saga: {saga.name}", controls, legend=legend("saga"),
                         detail_headings=("style", *headings) if self.side_by_side else headings)

    # --------------------------------------------------------------- setup
    def _view(self, view: Any, style: str) -> Diagram:
        if isinstance(view, Mapping):
            unknown = set(view) - set(STYLES)
            if unknown:
                raise WidgetError(f"view has unknown style key(s) {sorted(unknown)}",
                                  hint='key the views by "orchestration" and "choreography"')
            if style not in view:
                raise WidgetError(f"no view for the {style} style", hint=f"add view={{'{style}': ..., ...}}")
            view = view[style]
        diagram = default_diagram(self.saga, style) if view is None else as_diagram(view)
        shown = labels(diagram)
        needed = [self.saga.coordinator, *(s.service for s in self.saga.steps)]
        if style == "choreography":
            needed.append(self.saga.bus)
        missing = [p for p in dict.fromkeys(needed) if self.aliases.get(p, p) not in shown]
        if missing:
            raise WidgetError(f"the {style} view '{diagram.title}' does not draw the saga participant(s) "
                              f"{', '.join(map(repr, missing))}",
                              hint="add them to the view, or map them with aliases={participant: alias_in_view}")
        return diagram

    # --------------------------------------------------------------- frames
    def _compute(self, values: dict[str, str]) -> Frame:
        step = int(values["step"])
        shown = self.styles if self.side_by_side else (values.get("style", self.styles[0]),)
        drawn: list[tuple[str, Diagram]] = []
        captions, rows = [], []
        for style in shown:
            run = self.runs[(style, values["fail"])]
            index = min(step, len(run) - 1)
            current = run.frames[index]
            drawn.append((_STYLE_WORDS[style], saga_overlay(self.views[style], current, aliases=self.aliases)))
            caption = current.caption + (" (This run has ended.)" if index < step else "")
            captions.append(f"{_STYLE_WORDS[style]}: {caption}" if self.side_by_side else caption)
            rows += [((_STYLE_WORDS[style],) if self.side_by_side else ()) + row for row in self._log(current)]
        diagram = side_by_side(drawn, f"{self.saga.name}: orchestration and choreography") \
            if self.side_by_side else drawn[0][1]
        return frame(text_of(diagram, flowchart=self.flowchart), " ".join(captions), rows)

    def _log(self, current: SagaFrame) -> list[tuple[str, ...]]:
        names = self.saga.participant_names
        return [(str(e.number), e.kind, names.get(e.source, e.source), names.get(e.target, e.target), e.message)
                for e in current.history]


def _failures(saga: Saga, failures: Sequence[Any] | None) -> tuple[str, ...]:
    """The names of the steps that may fail, in the saga's order."""
    names = [step.name for step in saga.steps]
    if failures is None:
        return tuple(names)
    if isinstance(failures, str):
        failures = [failures]
    chosen = {getattr(f, "name", f) for f in failures}
    unknown = sorted(str(f) for f in chosen if f not in names)
    if unknown:
        raise WidgetError(f"failures names step(s) {unknown} that the saga '{saga.name}' does not have",
                          hint=f"its steps: {', '.join(names)}")
    return tuple(n for n in names if n in chosen)


def _styles(styles: Sequence[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys([styles] if isinstance(styles, str) else styles))
    bad = [s for s in chosen if s not in STYLES]
    if bad or not chosen:
        raise WidgetError(f"unknown saga style(s) {bad or list(chosen)}",
                          hint='use "orchestration" and/or "choreography"')
    return chosen


def default_diagram(saga: Saga, style: str) -> Diagram:
    """A small container diagram of the saga's participants for one style (when no view is given)."""
    names = saga.participant_names
    services = list(dict.fromkeys(s.service for s in saga.steps))
    nodes = [Element(saga.coordinator, names[saga.coordinator], ElementKind.CONTAINER,
                     "Orchestrates the saga" if style == "orchestration" else "Starts the saga and learns its outcome")]
    nodes += [Element(s, names[s], ElementKind.CONTAINER, "Runs one local transaction") for s in services
              if s != saga.coordinator]
    if style == "orchestration":
        rels = [Relationship(saga.coordinator, s, "Sends commands, gets replies") for s in services
                if s != saga.coordinator]
    else:
        nodes.append(Element(saga.bus, names[saga.bus], ElementKind.CONTAINER, "Carries the saga's events",
                             shape=Shape.QUEUE))
        rels = [Relationship(saga.coordinator, saga.bus, "Publishes the request, consumes the outcome")]
        rels += [Relationship(s, saga.bus, "Consumes and publishes events") for s in services
                 if s != saga.coordinator]
    return Diagram(DiagramKind.CONTAINER, f"{saga.name} ({style})", nodes, rels)
