"""Tasks as data: what an exercise asks for, declared once, checked by :func:`c4kit.exercises.check`.

A task says *what* a good answer contains, never *how* to write it, so the
checker can give feedback on any diagram a learner draws (Python model, view,
diagram or Mermaid text) without holding a model answer to compare line by
line.  Four kinds:

* :class:`DiagramTask`: the diagram kind, the elements it must show (by name,
  fuzzy, with synonyms; with their kind, external or not, database or queue,
  technology, enclosing boundary), the relationships (source, target, a verb
  hint, technology), what must not be there, and whether the linter must be
  satisfied;
* :class:`BlastRadiusTask`: which elements stop working when some fail,
  compared with :func:`c4kit.sim.blast_radius`;
* :class:`CompensationTask`: the order in which a failed saga's steps are
  undone, compared with :class:`c4kit.sim.Saga`;
* :class:`ChoiceTask`: one option out of several, plus a justification that
  must touch given concepts.

**What feedback may name.**  Each element and relationship spec says whether
the task's brief names it (``named=True``, the default).  Feedback mentions a
required element only then, and otherwise uses the spec's ``hint`` ("the system
that takes card payments"), so a check never reveals an answer the brief
leaves for the learner to find.

Tasks live in a registry keyed by id (``"beginner/context/1"``), so a check
cell stays one line: ``check(task_1, "beginner/context/1")``.  The built-in
catalogue is :mod:`c4kit.exercises.catalogue`; :func:`register` adds more.
"""

from __future__ import annotations

import difflib
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from c4kit.exercises.errors import TaskDefinitionError, UnknownTaskError
from c4kit.exercises.names import matches_any
from c4kit.model.diagram import DiagramKind, ElementKind, Shape

#: Modules imported on the first registry lookup; each registers its tasks.
CATALOGUES = ("c4kit.exercises.catalogue",)

_KIND_WORDS = {
    "context": DiagramKind.CONTEXT, "landscape": DiagramKind.CONTEXT, "container": DiagramKind.CONTAINER,
    "component": DiagramKind.COMPONENT, "dynamic": DiagramKind.DYNAMIC, "deployment": DiagramKind.DEPLOYMENT,
}


def diagram_kind(value: DiagramKind | str) -> DiagramKind:
    """``"container"``, ``"C4Container"`` or ``DiagramKind.CONTAINER`` -> ``DiagramKind.CONTAINER``."""
    if isinstance(value, DiagramKind):
        return value
    text = str(value).strip()
    found = _KIND_WORDS.get(text.lower()) or next((k for k in DiagramKind if k.value.lower() == text.lower()), None)
    if found is None:
        raise TaskDefinitionError(f"unknown diagram kind {value!r}",
                                  hint="use context, container, component, dynamic or deployment")
    return found


def _element_kind(value: ElementKind | str | None) -> ElementKind | None:
    if value is None or isinstance(value, ElementKind):
        return value
    try:
        return ElementKind(str(value).lower())
    except ValueError:
        raise TaskDefinitionError(f"unknown element kind {value!r}",
                                  hint="use person, system, container or component") from None


def _shape(value: Shape | str | None) -> Shape | None:
    if value is None or isinstance(value, Shape):
        return value
    try:
        return Shape(str(value).lower())
    except ValueError:
        raise TaskDefinitionError(f"unknown shape {value!r}", hint="use plain, db or queue") from None


# ---------------------------------------------------------------------------
# Diagram specs
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ElementSpec:
    """A box the answer must show.

    ``technology``: ``False`` asks nothing, ``True`` asks for some technology,
    a string asks for one that mentions it (``"React"``).  ``inside`` names a
    boundary or deployment node the box must be drawn in (a boundary whose name
    contains it counts: "Cinema Booking System" for "Cinema Booking").
    ``replicas`` is the number of instances on a deployment diagram, read from
    the ``(x3)`` that c4kit writes after a replicated instance's name.
    ``external``, ``shape`` and ``kind`` are checked only when given.
    """

    name: str
    kind: ElementKind | str | None = None
    synonyms: tuple[str, ...] = ()
    external: bool | None = None
    shape: Shape | str | None = None
    technology: bool | str = False
    inside: str = ""
    replicas: int | None = None
    named: bool = True
    hint: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise TaskDefinitionError("an element spec needs a name", hint='ElementSpec("Customer", "person")')
        object.__setattr__(self, "kind", _element_kind(self.kind))
        object.__setattr__(self, "shape", _shape(self.shape))
        object.__setattr__(self, "synonyms", tuple(self.synonyms))

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.synonyms)

    def is_called(self, name: str) -> bool:
        return matches_any(name, self.names)


def person(name: str, *, external: bool | None = None, **kw: Any) -> ElementSpec:
    """A required person (``external=True``: someone outside the organisation)."""
    return ElementSpec(name, ElementKind.PERSON, external=external, **kw)


def system(name: str, *, external: bool | None = None, **kw: Any) -> ElementSpec:
    """A required software system, drawn as a plain box (use :func:`database` / :func:`queue` for the others)."""
    kw.setdefault("shape", Shape.PLAIN)
    return ElementSpec(name, ElementKind.SYSTEM, external=external, **kw)


def container(name: str, *, technology: bool | str = True, **kw: Any) -> ElementSpec:
    """A required container, a plain box; from the container level on a technology is expected by default."""
    kw.setdefault("shape", Shape.PLAIN)
    return ElementSpec(name, ElementKind.CONTAINER, technology=technology, **kw)


def component(name: str, *, technology: bool | str = True, **kw: Any) -> ElementSpec:
    """A required component, a plain box (technology expected by default)."""
    kw.setdefault("shape", Shape.PLAIN)
    return ElementSpec(name, ElementKind.COMPONENT, technology=technology, **kw)


def database(name: str, kind: ElementKind | str = ElementKind.CONTAINER, **kw: Any) -> ElementSpec:
    """A required data store (drawn as a cylinder: ``ContainerDb``, ``SystemDb``, ``ComponentDb``)."""
    kw.setdefault("technology", _element_kind(kind) is not ElementKind.SYSTEM)
    return ElementSpec(name, kind, shape=Shape.DB, **kw)


def queue(name: str, kind: ElementKind | str = ElementKind.CONTAINER, **kw: Any) -> ElementSpec:
    """A required message queue (``ContainerQueue``, ``SystemQueue``, ``ComponentQueue``)."""
    kw.setdefault("technology", _element_kind(kind) is not ElementKind.SYSTEM)
    return ElementSpec(name, kind, shape=Shape.QUEUE, **kw)


@dataclass(frozen=True)
class RelSpec:
    """An arrow the answer must show, from ``source`` to ``target`` (names of the task's element specs).

    ``verbs``: word stems of which the label should contain one (``("pay",
    "charge")``); ``about`` says in words what the label should say, for the
    feedback when it does not.  ``technology`` as for :class:`ElementSpec`.
    """

    source: str
    target: str
    verbs: tuple[str, ...] = ()
    about: str = ""
    technology: bool | str = False
    named: bool = True
    hint: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "verbs", tuple(self.verbs))


@dataclass(frozen=True)
class Forbid:
    """Something the answer must not show: any element of a ``kind``, or one element by ``name``."""

    reason: str
    kind: ElementKind | str | None = None
    name: str = ""
    synonyms: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", _element_kind(self.kind))
        if self.kind is None and not self.name:
            raise TaskDefinitionError("Forbid needs a kind or a name",
                                      hint='Forbid("components belong on a component diagram", kind="component")')


# ---------------------------------------------------------------------------
# Tasks
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Task:
    """What every task has: a stable id and a title (the ``### Task N: title`` heading's words)."""

    id: str
    title: str

    kind_name = "task"


@dataclass(frozen=True)
class DiagramTask(Task):
    """Draw (or fix, or complete) one diagram.

    ``scope`` names the software system (context and container diagrams) or
    container (component diagrams) the view is about, used when the answer is
    a whole :class:`~c4kit.model.workspace.Workspace`.  ``ordered``: in a
    dynamic diagram, the relationships must be numbered in the order given.
    ``allow_extra=False`` turns every box the task does not ask for into a
    finding.  ``lint=True`` makes the linter's errors and warnings things to fix
    (its infos are always shown as tips).
    """

    diagram: DiagramKind | str = DiagramKind.CONTEXT
    scope: str = ""
    elements: tuple[ElementSpec, ...] = ()
    relationships: tuple[RelSpec, ...] = ()
    forbid: tuple[Forbid, ...] = ()
    allow_extra: bool = True
    ordered: bool = False
    lint: bool = True

    kind_name = "diagram"

    def __post_init__(self) -> None:
        object.__setattr__(self, "diagram", diagram_kind(self.diagram))
        for name in ("elements", "relationships", "forbid"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        for rel in self.relationships:
            for end in (rel.source, rel.target):
                if self.spec(end) is None:
                    raise TaskDefinitionError(f"task {self.id!r}: the relationship {rel.source} -> {rel.target} "
                                              f"names {end!r}, which is not one of its elements",
                                              hint="use the name (or a synonym) of an ElementSpec of the task")

    def spec(self, name: str) -> ElementSpec | None:
        """The element spec called ``name`` (fuzzy), or ``None``."""
        return next((e for e in self.elements if e.is_called(name)), None)


@dataclass(frozen=True)
class BlastRadiusTask(Task):
    """Predict which elements stop working when ``faults`` (element names) fail.

    The elements that count are the boxes of the ``level`` view of ``scope``
    (people excepted: they are not "down").  ``status="down"`` asks for the
    elements that stop working; ``"affected"`` also counts the degraded ones.
    ``model`` optionally builds the model; the check cell can pass it instead.
    """

    faults: tuple[str, ...] = ()
    level: DiagramKind | str = DiagramKind.CONTAINER
    scope: str = ""
    status: Literal["down", "affected"] = "down"
    model: Callable[[], Any] | None = field(default=None, compare=False)

    kind_name = "blast radius"

    def __post_init__(self) -> None:
        object.__setattr__(self, "level", diagram_kind(self.level))
        object.__setattr__(self, "faults", tuple(self.faults))
        if not self.faults:
            raise TaskDefinitionError(f"task {self.id!r} fails nothing", hint='faults=("Shop Database",)')
        if self.status not in ("down", "affected"):
            raise TaskDefinitionError(f"task {self.id!r}: status must be 'down' or 'affected'")


@dataclass(frozen=True)
class CompensationTask(Task):
    """List, in order, the compensations a saga runs when step ``fail_at`` fails.

    ``saga`` optionally builds the :class:`~c4kit.sim.Saga`; the check cell can
    pass it as ``model=`` instead.
    """

    fail_at: str = ""
    style: Literal["orchestration", "choreography"] = "orchestration"
    saga: Callable[[], Any] | None = field(default=None, compare=False)

    kind_name = "saga compensation"


@dataclass(frozen=True)
class Option:
    """One answer of a :class:`ChoiceTask`; ``why_not`` is the feedback for choosing it when it is wrong."""

    key: str
    label: str = ""
    correct: bool = False
    why_not: str = ""
    synonyms: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.key, *([self.label] if self.label else []), *self.synonyms)


@dataclass(frozen=True)
class Concept:
    """Something a justification must touch: any of ``words`` (stems) counts; ``hint`` says what, in feedback."""

    words: tuple[str, ...]
    hint: str


@dataclass(frozen=True)
class ChoiceTask(Task):
    """Choose one option and justify it; the justification must touch every concept."""

    options: tuple[Option, ...] = ()
    concepts: tuple[Concept, ...] = ()
    min_words: int = 8

    kind_name = "choose and justify"

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", tuple(self.options))
        object.__setattr__(self, "concepts", tuple(self.concepts))
        if not any(o.correct for o in self.options):
            raise TaskDefinitionError(f"task {self.id!r} has no correct option", hint="mark one Option correct=True")


# ---------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------

_TASKS: dict[str, Task] = {}
_loaded = False


def register(*tasks: Task) -> None:
    """Make tasks available by id; an id used twice for different tasks is an authoring error."""
    for task in tasks:
        if not isinstance(task, Task):
            raise TaskDefinitionError(f"{task!r} is not a task", hint="register DiagramTask(...), ChoiceTask(...) ...")
        known = _TASKS.get(task.id)
        if known is not None and known != task:
            raise TaskDefinitionError(f"two different tasks use the id {task.id!r}", hint="give each task its own id")
        _TASKS[task.id] = task


def _load() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in CATALOGUES:
            importlib.import_module(module)


def get_task(task_id: str) -> Task:
    """The task with this id, or an error suggesting the closest ids."""
    _load()
    try:
        return _TASKS[task_id]
    except (KeyError, TypeError):
        close = difflib.get_close_matches(str(task_id), list(_TASKS), n=3, cutoff=0.5)
        hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else \
            "`c4kit exercises tasks` lists every id"
        raise UnknownTaskError(f"no exercise task has the id {task_id!r}", hint=hint) from None


def _natural(text: str) -> list[Any]:
    """``"a/10"`` after ``"a/9"``: digits compare as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def all_tasks() -> list[Task]:
    """Every registered task, sorted by id (task 10 after task 9)."""
    _load()
    return [_TASKS[k] for k in sorted(_TASKS, key=_natural)]
