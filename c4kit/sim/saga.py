"""Sagas: a business transaction across services, undone step by step when one step fails.

There is no distributed transaction to roll back, so each step is a local
transaction in one service, paired with a *compensation* that undoes it
(reserve seats / release seats).  When step *k* fails, the steps before it
are compensated in reverse order; the failed step rolled back its own local
transaction and the later steps never ran.  The end state is therefore
consistent: either every step stands (the saga succeeded) or every step that
completed was compensated.

Two styles, same steps:

* **Orchestration**: a coordinator sends each service a *command* and waits
  for its *reply*; on a failure reply it sends the compensating commands.
* **Choreography**: nobody is in charge.  The coordinator only publishes the
  first event; each service *consumes* an event from the bus, does its work
  and *publishes* the next one.  A failure event travels back through the
  services, each compensating and publishing that it did.

A run is a list of events; its frames are the state of every step before the
first event and after each one, so a stepper can go forwards and backwards.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from c4kit.errors import C4ModelError
from c4kit.sim._common import alias_of, html_table, name_of, text_table

Style = Literal["orchestration", "choreography"]


class StepState(str, enum.Enum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    COMPENSATING = "compensating"
    COMPENSATED = "compensated"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class SagaStep:
    """One local transaction: which service does it, the action, and how to undo it.

    ``service`` is a model element, a diagram element or an alias.  The event
    names are used by choreography; they default to "<action> done",
    "<action> failed" and "<compensation> done".
    """

    service: str
    action: str
    compensation: str
    name: str
    service_name: str
    done_event: str
    failed_event: str
    compensated_event: str

    def __init__(self, service: Any, action: str, compensation: str = "", *, name: str = "",
                 done_event: str = "", failed_event: str = "", compensated_event: str = "") -> None:
        if not isinstance(action, str) or not action.strip():
            raise C4ModelError("a saga step needs an action",
                               hint='SagaStep(flights, "Reserve seats", "Release seats")')
        values = {
            "service": alias_of(service), "action": action, "compensation": compensation,
            "name": name or action, "service_name": name_of(service),
            "done_event": done_event or f"{action} done", "failed_event": failed_event or f"{action} failed",
            "compensated_event": compensated_event or (f"{compensation} done" if compensation else ""),
        }
        for key, value in values.items():
            object.__setattr__(self, key, value)


@dataclass(frozen=True)
class SagaEvent:
    """One message of the saga: a command, a reply, a publish or a delivery."""

    number: int
    #: "command", "reply", "compensate", "compensated", "publish", "deliver" or "end".
    kind: str
    source: str
    target: str
    message: str
    step: str | None
    #: "forward", "compensation" or "end".
    phase: str
    text: str

    @property
    def label(self) -> str:
        """``"3. Reserve seats"``: what a dynamic diagram writes on the arrow."""
        return f"{self.number}. {self.message}"


@dataclass(frozen=True)
class SagaFrame:
    """The saga after ``event`` (``None`` for the state before anything happened)."""

    index: int
    event: SagaEvent | None
    steps: tuple[tuple[str, StepState], ...]
    #: Participant alias -> state of the step it worked on last (services only).
    services: tuple[tuple[str, StepState], ...]
    #: Events so far, oldest first (for numbering arrows).
    history: tuple[SagaEvent, ...]

    def state(self, step: str) -> StepState:
        for name, state in self.steps:
            if name == step:
                return state
        raise C4ModelError(f"no step named {step!r}", hint=f"steps: {', '.join(n for n, _ in self.steps)}")

    @property
    def caption(self) -> str:
        return "Before the saga starts: every step is pending." if self.event is None else self.event.text


@dataclass(frozen=True)
class SagaRun:
    """Every event of one saga run, and its frames."""

    saga: Saga
    style: str
    fail_at: str | None
    events: tuple[SagaEvent, ...]
    frames: tuple[SagaFrame, ...]

    def __len__(self) -> int:
        return len(self.frames)

    def frame(self, index: int) -> SagaFrame:
        """Frame ``index`` (0 is before the first event; negative indexes count from the end)."""
        try:
            return self.frames[index]
        except IndexError:
            raise C4ModelError(f"this run has frames 0 to {len(self.frames) - 1}, not {index}",
                               hint="step with an index in that range") from None

    @property
    def succeeded(self) -> bool:
        return self.fail_at is None

    @property
    def final(self) -> tuple[tuple[str, StepState], ...]:
        return self.frames[-1].steps

    @property
    def completed(self) -> tuple[str, ...]:
        """Steps whose action succeeded (reached "done" in some frame), in the order they ran."""
        seen: dict[str, None] = {}
        for frame in self.frames:
            for name, state in frame.steps:
                if state is StepState.DONE:
                    seen.setdefault(name)
        return tuple(seen)

    @property
    def compensated(self) -> tuple[str, ...]:
        """Steps that were compensated, in the order the compensations ran."""
        return tuple(e.step for e in self.events if e.kind in ("compensated",) and e.step is not None)

    def is_consistent(self) -> bool:
        """Every completed step stands (saga succeeded) or was compensated; nothing is half done."""
        final = dict(self.final)
        if self.succeeded:
            return all(state is StepState.DONE for state in final.values())
        completed = set(self.completed)
        for name, state in final.items():
            if name in completed and state is not StepState.COMPENSATED:
                return False
            if name not in completed and state not in (StepState.PENDING, StepState.FAILED):
                return False
        return True

    def caption(self, index: int | None = None) -> str:
        if index is not None:
            return self.frame(index).caption
        how = "succeeds" if self.succeeded else f"fails at {self.fail_at!r} and is rolled back"
        return f"{self.saga.name} ({self.style}) {how}: {len(self.events)} events."

    def details(self) -> tuple[tuple[str, ...], ...]:
        names = self.saga.participant_names
        return tuple((str(e.number), e.kind, names.get(e.source, e.source), names.get(e.target, e.target),
                      e.message) for e in self.events)

    _HEADINGS = ("#", "kind", "from", "to", "message")

    def __repr__(self) -> str:
        return f"<SagaRun {self.caption()}>\n" + text_table(self._HEADINGS, self.details())

    def _repr_html_(self) -> str:
        return html_table(self._HEADINGS, self.details(), caption=self.caption())


class Saga:
    """A named sequence of steps, run by an orchestrator or by choreography.

    ``coordinator`` is the orchestrator (orchestration) or the service that
    starts the saga and learns its outcome (choreography); ``bus`` carries the
    events of a choreography.  Both are elements or aliases.
    """

    def __init__(self, name: str, steps: Iterable[SagaStep], *, coordinator: Any = "orchestrator",
                 bus: Any = "event_bus", start_event: str = "") -> None:
        self.name = name
        self.steps = tuple(steps)
        if not self.steps:
            raise C4ModelError(f"the saga {name!r} has no steps",
                               hint='add steps: Saga("Book trip", [SagaStep(flights, "Reserve seats", '
                                    '"Release seats"), ...])')
        for step in self.steps:
            if not isinstance(step, SagaStep):
                raise C4ModelError(f"{step!r} is not a SagaStep", hint="build steps with SagaStep(service, action, "
                                                                       "compensation)")
        names = [s.name for s in self.steps]
        if len(set(names)) != len(names):
            raise C4ModelError(f"two steps of the saga {name!r} have the same name",
                               hint="give each step its own action text or name=...")
        for step in self.steps[:-1]:
            if not step.compensation:
                raise C4ModelError(f"step {step.name!r} has no compensation, so a later failure could not undo it",
                                   hint="give every step but the last a compensation, e.g. 'Release seats'")
        self.coordinator = alias_of(coordinator)
        self.bus = alias_of(bus)
        self.participant_names = {self.coordinator: name_of(coordinator), self.bus: name_of(bus)}
        for step in self.steps:
            self.participant_names.setdefault(step.service, step.service_name)
        self.start_event = start_event or f"{name} requested"

    def step(self, ref: int | str) -> SagaStep:
        """A step by name or by position (0-based)."""
        return self.steps[self._index(ref)]

    def _index(self, ref: int | str) -> int:
        if isinstance(ref, int) and not isinstance(ref, bool):
            if 0 <= ref < len(self.steps):
                return ref
            raise C4ModelError(f"the saga {self.name!r} has steps 0 to {len(self.steps) - 1}, not {ref}",
                               hint="fail_at counts from 0, like a list index; or pass the step's name")
        for i, step in enumerate(self.steps):
            if step.name == ref:
                return i
        raise C4ModelError(f"the saga {self.name!r} has no step {ref!r}",
                           hint=f"steps: {', '.join(s.name for s in self.steps)}")

    def run(self, fail_at: int | str | None = None, *, style: Style = "orchestration") -> SagaRun:
        """All events of one run; ``fail_at`` names the step that fails (``None``: the saga succeeds)."""
        if style not in ("orchestration", "choreography"):
            raise C4ModelError(f"unknown saga style {style!r}", hint="use 'orchestration' or 'choreography'")
        failing = None if fail_at is None else self._index(fail_at)
        builder = _Builder(self)
        if style == "orchestration":
            builder.orchestrate(failing)
        else:
            builder.choreograph(failing)
        return SagaRun(self, style, None if failing is None else self.steps[failing].name,
                       tuple(builder.events), tuple(builder.frames))

    def orchestrate(self, fail_at: int | str | None = None) -> SagaRun:
        return self.run(fail_at, style="orchestration")

    def choreograph(self, fail_at: int | str | None = None) -> SagaRun:
        return self.run(fail_at, style="choreography")

    def failure_points(self) -> tuple[str | None, ...]:
        """Every choice of failing step: ``None`` (success) then each step's name."""
        return (None, *(s.name for s in self.steps))

    def runs(self, style: Style = "orchestration") -> tuple[SagaRun, ...]:
        """One run per failure point, in the order of :meth:`failure_points`."""
        return tuple(self.run(f, style=style) for f in self.failure_points())

    def __repr__(self) -> str:
        return f"<Saga {self.name!r}: {' -> '.join(s.name for s in self.steps)}>"


def _verb(text: str) -> str:
    """"Reserve seats" -> "reserve seats", keeping acronyms ("Charge VAT") intact."""
    return text[:1].lower() + text[1:]


class _Builder:
    """Appends events and snapshots the state after each one."""

    def __init__(self, saga: Saga) -> None:
        self.saga = saga
        self.states = {s.name: StepState.PENDING for s in saga.steps}
        self.services: dict[str, StepState] = {}
        self.events: list[SagaEvent] = []
        self.frames: list[SagaFrame] = [SagaFrame(0, None, tuple(self.states.items()), (), ())]

    def emit(self, kind: str, source: str, target: str, message: str, step: SagaStep | None, phase: str,
             text: str, state: StepState | None = None) -> None:
        if step is not None and state is not None:
            self.states[step.name] = state
            self.services[step.service] = state
        event = SagaEvent(len(self.events) + 1, kind, source, target, message,
                          step.name if step else None, phase, text)
        self.events.append(event)
        self.frames.append(SagaFrame(len(self.frames), event, tuple(self.states.items()),
                                     tuple(self.services.items()), tuple(self.events)))

    def name(self, alias: str) -> str:
        return self.saga.participant_names[alias]

    def orchestrate(self, failing: int | None) -> None:
        saga, boss = self.saga, self.saga.coordinator
        last = len(saga.steps) - 1 if failing is None else failing
        for i, step in enumerate(saga.steps[:last + 1]):
            self.emit("command", boss, step.service, step.action, step, "forward",
                      f"{self.name(boss)} tells {step.service_name} to {_verb(step.action)}.", StepState.RUNNING)
            if i == failing:
                self.emit("reply", step.service, boss, step.failed_event, step, "forward",
                          f"{step.service_name} cannot {_verb(step.action)}: it rolls back its own local "
                          f"transaction and replies '{step.failed_event}'.", StepState.FAILED)
            else:
                self.emit("reply", step.service, boss, step.done_event, step, "forward",
                          f"{step.service_name} commits its local transaction and replies '{step.done_event}'.",
                          StepState.DONE)
        if failing is None:
            self.emit("end", boss, boss, "Saga completed", None, "end",
                      f"Every step succeeded: {saga.name} is complete and every change stands.")
            return
        for step in reversed(saga.steps[:failing]):
            self.emit("compensate", boss, step.service, step.compensation, step, "compensation",
                      f"{self.name(boss)} tells {step.service_name} to {_verb(step.compensation)} "
                      f"(undoing '{step.action}').", StepState.COMPENSATING)
            self.emit("compensated", step.service, boss, step.compensated_event, step, "compensation",
                      f"{step.service_name} replies '{step.compensated_event}'.", StepState.COMPENSATED)
        self.emit("end", boss, boss, "Saga rolled back", None, "end",
                  f"{saga.name} is rolled back: {_undone(failing)}.")

    def choreograph(self, failing: int | None) -> None:
        saga, bus, starter = self.saga, self.saga.bus, self.saga.coordinator
        self.emit("publish", starter, bus, saga.start_event, None, "forward",
                  f"{self.name(starter)} publishes '{saga.start_event}'.")
        previous = saga.start_event
        last = len(saga.steps) - 1 if failing is None else failing
        for i, step in enumerate(saga.steps[:last + 1]):
            self.emit("deliver", bus, step.service, previous, step, "forward",
                      f"{step.service_name} consumes '{previous}' and starts to {_verb(step.action)}.",
                      StepState.RUNNING)
            if i == failing:
                previous = step.failed_event
                self.emit("publish", step.service, bus, previous, step, "forward",
                          f"{step.service_name} cannot {_verb(step.action)}: it rolls back its own local "
                          f"transaction and publishes '{previous}'.", StepState.FAILED)
            else:
                previous = step.done_event
                self.emit("publish", step.service, bus, previous, step, "forward",
                          f"{step.service_name} commits and publishes '{previous}'.", StepState.DONE)
        if failing is not None:
            for step in reversed(saga.steps[:failing]):
                self.emit("deliver", bus, step.service, previous, step, "compensation",
                          f"{step.service_name} consumes '{previous}' and reacts: it must "
                          f"{_verb(step.compensation)}.", StepState.COMPENSATING)
                previous = step.compensated_event
                self.emit("compensated", step.service, bus, previous, step, "compensation",
                          f"{step.service_name} compensates and publishes '{previous}'.", StepState.COMPENSATED)
        outcome = "Saga completed" if failing is None else "Saga rolled back"
        verdict = "every step succeeded and every change stands" if failing is None else _undone(failing)
        self.emit("deliver", bus, starter, previous, None, "end",
                  f"{self.name(starter)} consumes '{previous}': {outcome.lower()}, {verdict}.")


def _undone(failing: int) -> str:
    """What a rollback did, in words: the first step failing leaves nothing to undo."""
    if failing == 0:
        return "the first step failed, so nothing had completed and nothing needed compensating"
    if failing == 1:
        return "the one completed step was compensated"
    return "every completed step was compensated, in reverse order"
