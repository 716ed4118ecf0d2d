"""``ZoomExplorer``: one system seen at every C4 level, one click apart.

C4 is a set of maps at different scales.  The explorer makes the zoom
physical: buttons for the levels (context, containers, components, and code
when the notebook author gives a code-level diagram), and a dropdown to pick
the container to zoom into when several have components.  Each level shows
the one question it answers, and a table of what is on the diagram.

All views are derived from one workspace, so the levels can never disagree;
the explorer only chooses which view to draw.  ``extra`` adds the
walkthrough's further layers (a dynamic view of a flow, a detail view), in
order, after the standard ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from c4kit.frames import Frame
from c4kit.model.diagram import DeploymentNode, Diagram, Element
from c4kit.widgets._views import as_diagram, text_of
from c4kit.widgets.base import ControlSpec, FrameWidget, WidgetError, frame, select

QUESTIONS = {
    "context": "Level 1, system context: who uses {system}, and which other systems does it depend on?",
    "container": "Level 2, containers: which separately running parts make up {system}, with which technologies, "
                 "and how do they talk?",
    "component": "Level 3, components: which building blocks inside {container} carry which responsibility?",
    "code": "Level 4, code: how is one part of {container} implemented? (Draw this level only where it helps.)",
}
_LEVEL_LABELS = {"context": "1 Context", "container": "2 Containers", "component": "3 Components", "code": "4 Code"}


class ZoomExplorer(FrameWidget):
    """Zoom through ``system`` (a software system of a workspace) level by level.

    ``containers``: which containers the component level offers (default: those with components).
    ``code``: a code-level diagram (``MermaidText``, a class/state diagram builder, Mermaid text), or
    ``{container: diagram}`` to follow the container dropdown.
    ``extra``: ``{"label": view}`` or ``{"label": (view, "what it answers")}``, shown after the levels.
    """

    kind = "zoom-explorer"

    def __init__(self, system: Any, *, containers: list[Any] | None = None, code: Any = None,
                 extra: Mapping[str, Any] | None = None, flowchart: bool | str = False,
                 title: str | None = None) -> None:
        from c4kit.model.workspace import SoftwareSystem

        if not isinstance(system, SoftwareSystem):
            raise WidgetError(f"ZoomExplorer needs a software system of a workspace, got {type(system).__name__}",
                              hint='pass what ws.system("...") returned')
        self.system = system
        self.workspace = system.workspace
        self.flowchart = flowchart
        self.containers = self._containers(containers)
        self.code = self._code(code)
        self.extra = self._extra(extra or {})
        levels = ["context", "container"] + (["component"] if self.containers else [])
        levels += ["code"] if self.code else []
        self.levels = levels + list(self.extra)
        controls: list[ControlSpec] = [select("level", "Level", [(lv, _LEVEL_LABELS.get(lv, lv))
                                                                  for lv in self.levels], buttons=True)]
        if len(self.containers) > 1:
            controls.append(select("container", "Zoom into", [(c.alias, c.name) for c in self.containers]))
        super().__init__(title or f"Zooming into {system.name}", controls,
                         detail_headings=("Element", "Type", "Technology", "Responsibility"))

    # --------------------------------------------------------------- setup
    def _containers(self, containers: list[Any] | None) -> list[Any]:
        from c4kit.model.workspace import Container

        candidates = self.system.containers if containers is None else list(containers)
        for c in candidates:
            if not isinstance(c, Container) or c.parent is not self.system:
                raise WidgetError(f"{c!r} is not a container of {self.system.name}",
                                  hint=f"pick from {', '.join(x.name for x in self.system.containers)}")
        chosen = [c for c in candidates if c.components]
        if containers is not None and len(chosen) < len(candidates):
            empty = [c.name for c in candidates if not c.components]
            raise WidgetError(f"{', '.join(empty)} ha{'s' if len(empty) == 1 else 've'} no components to zoom into",
                              hint="add components (container.component(...)) or leave it out of containers=")
        return chosen

    def _code(self, code: Any) -> dict[str | None, str]:
        """Container alias (or ``None`` for one diagram for all) -> Mermaid text of the code level."""
        if code is None:
            return {}
        if isinstance(code, Mapping):
            out: dict[str | None, str] = {}
            for container, diagram in code.items():
                alias = getattr(container, "alias", container)
                if alias not in {c.alias for c in self.containers}:
                    raise WidgetError(f"code= has an entry for {alias!r}, which is not a container the explorer "
                                      "zooms into", hint=f"use one of: {', '.join(c.name for c in self.containers)}")
                out[alias] = _mermaid(diagram)
            return out
        return {None: _mermaid(code)}

    def _extra(self, extra: Mapping[str, Any]) -> dict[str, tuple[Any, str]]:
        out = {}
        for label, value in extra.items():
            if label in _LEVEL_LABELS:
                raise WidgetError(f"extra level {label!r} clashes with a standard level",
                                  hint="give the extra level a descriptive name, e.g. 'Sign-in flow'")
            view, question = value if isinstance(value, tuple) else (value, "")
            out[str(label)] = (view, str(question))
        return out

    # --------------------------------------------------------------- frames
    def _irrelevant(self, values: Mapping[str, str]) -> set[str]:
        follows = values["level"] == "component" or (values["level"] == "code" and None not in self.code)
        return set() if follows or "container" not in values else {"container"}

    def _compute(self, values: dict[str, str]) -> Frame:
        level = values["level"]
        container = next((c for c in self.containers if c.alias == values.get("container")),
                         self.containers[0] if self.containers else None)
        words = {"system": self.system.name, "container": container.name if container else self.system.name}
        if level in self.extra:
            view, question = self.extra[level]
            return self._view_frame(view, question or f"{level}.")
        if level == "code":
            text = self.code.get(None) or self.code.get(container.alias if container else None)
            if text is None:
                return self._view_frame(self.workspace.component_view(container),
                                        f"No code-level diagram was given for {words['container']}; "
                                        "these are its components.")
            return frame(text, QUESTIONS["code"].format(**words))
        view = {"context": lambda: self.workspace.context_view(self.system),
                "container": lambda: self.workspace.container_view(self.system),
                "component": lambda: self.workspace.component_view(container)}[level]()
        return self._view_frame(view, QUESTIONS[level].format(**words))

    def _view_frame(self, view: Any, caption: str) -> Frame:
        if not hasattr(view, "to_diagram"):
            return frame(_mermaid(view), caption)
        diagram = as_diagram(view)
        return frame(text_of(diagram, flowchart=self.flowchart), caption, _inventory(diagram))


def _inventory(diagram: Diagram) -> list[tuple[str, str, str, str]]:
    """What is drawn: a text alternative of the diagram, one row per box."""
    rows = []
    for node, _ in diagram.walk():
        if isinstance(node, Element):
            kind = node.kind.value + (" (external)" if node.external else "")
            rows.append((node.label, kind, node.technology, node.description))
        elif isinstance(node, DeploymentNode):
            rows.append((node.label, "deployment node", node.type, node.description))
    return rows


def _mermaid(diagram: Any) -> str:
    """Mermaid text from ``MermaidText``, a code-diagram builder, a view, or a string."""
    if isinstance(diagram, str):
        from c4kit.display import MermaidText

        return MermaidText(diagram, lint=False).text  # checked: a typo in the keyword fails here, with a hint
    to_mermaid = getattr(diagram, "to_mermaid", None)
    if to_mermaid is None:
        raise WidgetError(f"cannot draw {type(diagram).__name__} as a level",
                          hint="pass a MermaidText, a ClassDiagram / StateDiagram, a view, or Mermaid text")
    return to_mermaid()
