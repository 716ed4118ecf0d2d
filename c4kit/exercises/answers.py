"""Getting a learner's answer out of their code, whatever state that code is in.

A check cell runs after the learner's cell, often before the learner has
written anything.  So the answer is usually passed as a function
(``check(task_1, ...)``) or a lambda (``check(lambda: my_view, ...)``), and
calling it here turns every way it can go wrong into feedback instead of a
traceback:

* ``NotImplementedError`` (the stub of a fresh exercise): *not attempted yet*;
* ``NameError`` (a variable not defined yet, a cell not run): say which name;
* a :class:`~c4kit.errors.C4Error` (a model mistake): its message and hint;
* any other exception: its type and message, and the line of the learner's
  code it came from;
* ``None`` (a function without ``return``): say so.

Then :func:`as_diagram` turns the value (a view, a
:class:`~c4kit.model.diagram.Diagram`, a whole
:class:`~c4kit.model.workspace.Workspace` or Mermaid C4 text) into the diagram
to compare, with the linter's findings on it.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from c4kit.errors import C4Error, C4SyntaxError
from c4kit.exercises.names import same_name
from c4kit.exercises.result import Feedback
from c4kit.linter import Findings, diagram_keyword, lint
from c4kit.model.diagram import Diagram, DiagramKind, ElementKind

Form = Literal["python", "mermaid"]
_C4_KEYWORDS = {k.value for k in DiagramKind}
_SCOPE_KIND = {DiagramKind.CONTEXT: ElementKind.SYSTEM, DiagramKind.CONTAINER: ElementKind.SYSTEM,
               DiagramKind.COMPONENT: ElementKind.CONTAINER}


class NotAttempted(Exception):
    """The learner has not written an answer yet (internal signal)."""


@dataclass
class Called:
    """The outcome of running the learner's code: a value, or the feedback that replaces it."""

    value: Any = None
    problem: Feedback | None = None
    attempted: bool = True


def _learner_line(err: BaseException) -> str:
    """`` (line 4: `shop.uses(web)`)`` for the innermost frame of notebook code, or ``""`` outside a notebook.

    IPython names cell code ``<ipython-input-...>`` (older) or
    ``.../ipykernel_<pid>/<hash>.py`` (IPython 8 and later).
    """
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        name = frame.filename
        if (name.startswith("<ipython-input") or "ipykernel_" in name) and frame.lineno:
            code = f": `{frame.line.strip()}`" if frame.line else ""
            return f" (line {frame.lineno}{code})"
    return ""


def call(answer: Any) -> Called:
    """Run ``answer`` if it is callable (a function or a lambda), turning failures into feedback."""
    if not callable(answer):
        return _checked_value(answer)
    try:
        value = answer()
    except NotImplementedError:
        return Called(problem=Feedback("not-attempted", "Not attempted yet: the answer cell still holds the stub "
                                       "(raise NotImplementedError()).",
                                       "Replace the stub with your answer, run that cell, then run this check "
                                       "again."), attempted=False)
    except NameError as err:
        name = getattr(err, "name", None) or str(err)
        return Called(problem=Feedback("name-error", f"Python does not know the name {name!r} yet{_learner_line(err)}.",
                                       "Run the cells above this one first (Run > Run All Above), and check the "
                                       "spelling of the name."))
    except C4Error as err:
        return Called(problem=Feedback("model-error", f"Your code stopped with an error from c4kit: {err.message}"
                                       f"{_learner_line(err)}", err.hint or "Read the message, fix that line and "
                                       "run the cell again."))
    except Exception as err:  # the learner's code, whatever it is: never a traceback in the check cell
        return Called(problem=Feedback("code-error", f"Your code stopped with {type(err).__name__}: {err}"
                                       f"{_learner_line(err)}", "Fix that line and run the answer cell again."))
    return _checked_value(value)


def _checked_value(value: Any) -> Called:
    if value is None:
        return Called(problem=Feedback("no-answer", "The answer is None: nothing came back to check.",
                                       "End your function with `return ...` (the line after the solution area "
                                       "says what to return)."))
    return Called(value)


# ---------------------------------------------------------------------------
# Diagrams
# ---------------------------------------------------------------------------

@dataclass
class DiagramAnswer:
    """A diagram to compare, how the learner wrote it, and what the linter says about it."""

    diagram: Diagram | None = None
    form: Form = "python"
    findings: Findings = field(default_factory=Findings)
    problem: Feedback | None = None
    #: Names of every element of the workspace behind a derived view (empty for text and hand-made diagrams):
    #: what the learner created, whether or not the view shows it.
    model_names: tuple[str, ...] = ()


def view_for(workspace: Any, kind: DiagramKind, scope: str) -> Any:
    """The ``kind`` view of the element called ``scope`` in a workspace (the landscape when no scope is given).

    Raises :class:`~c4kit.errors.C4Error` (with a hint) when there is no such element.
    """
    if kind not in _SCOPE_KIND:
        raise C4Error(f"a {kind.level_name} cannot be derived from a whole workspace",
                      hint="return the view itself (the object ws.dynamic_view(...) or ws.deployment_view(...) gave)")
    if not scope:
        if kind is DiagramKind.CONTEXT:
            return workspace.landscape_view()
        raise C4Error(f"this task does not say which element the {kind.level_name} is about",
                      hint="return the view itself, e.g. ws.container_view(shop)")
    wanted = _SCOPE_KIND[kind]
    for element in workspace.elements:
        if element.kind is wanted and same_name(element.name, scope):
            if kind is DiagramKind.CONTEXT:
                return workspace.context_view(element)
            if kind is DiagramKind.CONTAINER:
                return workspace.container_view(element)
            return workspace.component_view(element)
    what = "software system" if wanted is ElementKind.SYSTEM else "container"
    raise C4Error(f"your model has no {what} called {scope!r}, which this {kind.level_name} is about",
                  hint="create it (or check its spelling), or return the view itself")


def _from_text(text: str) -> DiagramAnswer:
    from c4kit.mermaid.parse import parse_with_notes

    keyword, line = diagram_keyword(text)
    if keyword not in _C4_KEYWORDS:
        what = f"starts with {keyword!r}" if keyword else "is empty"
        return DiagramAnswer(form="mermaid", problem=Feedback(
            "not-c4", f"The text {what} (line {line}), so it is not a Mermaid C4 diagram.",
            "Start with the diagram type on the first line: C4Context, C4Container, C4Component, C4Dynamic or "
            "C4Deployment."))
    try:
        diagram, notes = parse_with_notes(text, source="your text")
    except C4SyntaxError as err:
        hint = err.hint or "Compare the line with the examples in the lesson: quotes, commas and brackets."
        return DiagramAnswer(form="mermaid", problem=Feedback(
            "syntax-error", f"Line {err.line}, column {err.column}: {err.message}."
                            + (f" The line reads: {err.text.strip()}" if err.text.strip() else ""), hint))
    except C4Error as err:
        return DiagramAnswer(form="mermaid", problem=Feedback("syntax-error", err.message, err.hint))
    return DiagramAnswer(diagram, "mermaid", lint(diagram, notes=notes))


def as_diagram(value: Any, kind: DiagramKind | None = None, scope: str = "") -> DiagramAnswer:
    """The diagram a value stands for (see the module docstring); what cannot be read becomes ``problem``."""
    from c4kit.model.workspace import Workspace

    try:
        if isinstance(value, str):
            return _from_text(value)
        if isinstance(value, Workspace):
            value = view_for(value, kind or DiagramKind.CONTEXT, scope)
        to_diagram: Callable[[], Diagram] | None = getattr(value, "to_diagram", None)
        to_mermaid = getattr(value, "to_mermaid", None)
        if not callable(to_diagram) and callable(to_mermaid):  # MermaidText, or anything else that is text
            return _from_text(to_mermaid())
        if not callable(to_diagram):
            return DiagramAnswer(problem=Feedback(
                "not-a-diagram", f"The answer is a {type(value).__name__}, not a diagram.",
                "Return a view (for example ws.context_view(shop)), a Diagram, the Workspace, or Mermaid C4 text "
                "as a string."))
        diagram = to_diagram()
        workspace = getattr(value, "workspace", None)
        names = tuple(e.name for e in workspace.elements) if isinstance(workspace, Workspace) else ()
        return DiagramAnswer(diagram, "python", lint(diagram), model_names=names)
    except C4Error as err:  # feedback is read as sentences; the kit's messages start in lower case
        return DiagramAnswer(problem=Feedback("model-error", err.message[:1].upper() + err.message[1:], err.hint))
