"""Frame sets: an interactive example's every state, as data.

A widget in c4kit has a finite state space (which element is down, which saga
step failed, which deployment phase is shown).  It can therefore enumerate
every combination of its controls and the diagram each one produces.  That
list is a :class:`FrameSet`.  In a live kernel the widget shows one frame at a
time; in a notebook output it is stored under :data:`MIME_TYPE`, so that the
static course export can pre-render every frame to SVG in the same browser
batch as every other diagram and ship a small, self-contained player that
switches between them with no kernel and no network.  The live widget and the
static player therefore show exactly the same states.

The JSON form (``FrameSet.to_json()``) is the contract between
``c4kit.widgets`` (producer) and ``c4kit.course`` (consumer)::

    {
      "version": 1,
      "kind": "failure-lab",            # becomes data-c4kit-interactive="failure-lab"
      "title": "What breaks when the database is down?",
      "controls": [
        {"name": "down", "label": "Element down", "type": "select",
         "options": [{"value": "none", "label": "Nothing"}, {"value": "db", "label": "Shop DB"}],
         "default": "none"}
      ],
      "frames": [
        {"key": {"down": "none"}, "mermaid": "C4Container ...", "caption": "All healthy.",
         "details": [["Web Shop", "healthy", "..."]]}
      ],
      "legend": [["#DE8F05", "down"]]
    }

Control ``type`` is ``select`` (options), ``toggle`` (two options: the first is
off) or ``slider`` (options in order; the player shows a range input).  Every
combination of control values must have exactly one frame; ``validate()``
checks that, so a player can never reach a missing state.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from c4kit.errors import C4Error

MIME_TYPE = "application/vnd.c4kit.frames+json"
VERSION = 1
CONTROL_TYPES = ("select", "toggle", "slider")


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Control:
    """One input of a player: its name (the frame key), a label, and its options."""

    name: str
    label: str
    type: str
    options: tuple[Option, ...]
    default: str

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "type": self.type,
                "options": [{"value": o.value, "label": o.label} for o in self.options], "default": self.default}


@dataclass(frozen=True)
class Frame:
    """The diagram (and its caption and detail rows) for one combination of control values."""

    key: dict[str, str]
    mermaid: str
    caption: str = ""
    #: Rows of a small table shown under the diagram (e.g. element, status, reason).
    details: tuple[tuple[str, ...], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"key": dict(self.key), "mermaid": self.mermaid, "caption": self.caption,
                "details": [list(row) for row in self.details]}


@dataclass
class FrameSet:
    """Every state of one interactive example."""

    kind: str
    title: str
    controls: list[Control]
    frames: list[Frame] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    #: Column headings for ``Frame.details``.
    detail_headings: tuple[str, ...] = ()

    def frame_for(self, values: dict[str, str]) -> Frame:
        """The frame shown for these control values."""
        for frame in self.frames:
            if frame.key == values:
                return frame
        raise C4Error(f"no frame for {values} in '{self.title}'", hint="the frame set is incomplete: run validate()")

    def validate(self) -> FrameSet:
        """Check that every combination of control values has exactly one frame."""
        for control in self.controls:
            if control.type not in CONTROL_TYPES:
                raise C4Error(f"control {control.name!r} has unknown type {control.type!r}",
                              hint=f"use one of {', '.join(CONTROL_TYPES)}")
            if control.default not in {o.value for o in control.options}:
                raise C4Error(f"control {control.name!r}: default {control.default!r} is not one of its options")
        names = [c.name for c in self.controls]
        wanted = {tuple(combo) for combo in itertools.product(*[[o.value for o in c.options] for c in self.controls])}
        seen: dict[tuple[str, ...], int] = {}
        for frame in self.frames:
            if set(frame.key) != set(names):
                raise C4Error(f"frame key {frame.key} does not name exactly the controls {names}")
            combo = tuple(frame.key[n] for n in names)
            seen[combo] = seen.get(combo, 0) + 1
        missing = wanted - set(seen)
        doubled = [c for c, n in seen.items() if n > 1]
        if missing or doubled or set(seen) - wanted:
            raise C4Error(f"'{self.title}': {len(missing)} missing frame(s), {len(doubled)} duplicated",
                          hint="enumerate every combination of control values exactly once")
        return self

    def to_json(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "kind": self.kind,
            "title": self.title,
            "controls": [c.to_json() for c in self.controls],
            "frames": [f.to_json() for f in self.frames],
            "legend": [list(item) for item in self.legend],
            "detail_headings": list(self.detail_headings),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | str) -> FrameSet:
        """Read the JSON form back (what the course exporter does with notebook outputs)."""
        if isinstance(data, str):
            data = json.loads(data)
        if data.get("version") != VERSION:
            raise C4Error(f"frame set version {data.get('version')!r} is not supported (expected {VERSION})")
        controls = [Control(c["name"], c["label"], c["type"], tuple(Option(o["value"], o["label"])
                                                                      for o in c["options"]), c["default"])
                    for c in data["controls"]]
        frames = [Frame(dict(f["key"]), f["mermaid"], f.get("caption", ""),
                        tuple(tuple(row) for row in f.get("details", ()))) for f in data["frames"]]
        return cls(data["kind"], data["title"], controls, frames,
                   [tuple(item) for item in data.get("legend", [])],  # type: ignore[misc]
                   tuple(data.get("detail_headings", ())))
