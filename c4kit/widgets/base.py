"""``FrameWidget``: what every interactive example shares.

A c4kit widget is a thin front end.  Its state space is finite (which element
is down, which saga step fails, which phase is shown), so it is described by a
few controls with a fixed list of options each, and one pure function of the
control values, :meth:`FrameWidget.frame_for`, that turns them into a
:class:`~c4kit.frames.Frame`: Mermaid text, a caption and detail rows.

Everything else follows from that and lives here, once:

* the ipywidgets controls built from the control specs (``Dropdown``,
  ``ToggleButtons``, ``Checkbox``, ``SelectionSlider`` with an optional
  ``Play`` and step buttons), observed so that a change redraws;
* the ``Output`` that shows the diagram through the active c4kit renderer,
  with the caption, the legend in words and a details table under it;
* :meth:`FrameWidget.frameset`, every combination of the controls, computed by
  the *same* ``frame_for`` the live widget calls, so the static course export
  shows exactly the states a learner can reach in a kernel;
* ``_repr_mimebundle_``: the ipywidgets view plus the frame set (see
  :mod:`c4kit.frames`) plus a plain-text summary.

Subclasses declare their controls and implement ``_compute(values)``; they
hold no simulation logic, only the calls into :mod:`c4kit.sim` and the
overlays.
"""

from __future__ import annotations

import html
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

import ipywidgets as w

from c4kit.errors import C4Error
from c4kit.frames import MIME_TYPE, Control, Frame, FrameSet, Option
from c4kit.sim._common import html_table

#: A widget whose controls allow more combinations than this is refused: the
#: static export would have to pre-render every one of them.
MAX_FRAMES = 4000

#: The control styles the live widget knows.
STYLES = ("dropdown", "buttons", "checkbox", "slider")


class WidgetError(C4Error, ValueError):
    """A widget was built or driven with arguments it cannot use."""


@dataclass(frozen=True)
class ControlSpec:
    """One control: the :class:`~c4kit.frames.Control` it is in a frame set, and how the live widget draws it.

    The two can differ on purpose: a three-way choice is a ``select`` for the
    static player (a ``<select>``) but ``ToggleButtons`` live.
    """

    control: Control
    style: str
    #: Sliders only: add a Play button and step back / step forward buttons.
    play: bool = False

    @property
    def name(self) -> str:
        return self.control.name

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.control.options)


def _options(options: Iterable[tuple[Any, Any]], name: str) -> tuple[Option, ...]:
    out = tuple(Option(str(value), str(label)) for value, label in options)
    if not out:
        raise WidgetError(f"the control {name!r} has no options", hint="give it at least one (value, label) pair")
    values = [o.value for o in out]
    if len(set(values)) != len(values):
        doubled = sorted({v for v in values if values.count(v) > 1})
        raise WidgetError(f"the control {name!r} offers the value(s) {', '.join(map(repr, doubled))} twice",
                          hint="every option of a control needs its own value")
    return out


def _default(options: tuple[Option, ...], default: Any, name: str) -> str:
    if default is None:
        return options[0].value
    value = str(default)
    if value not in {o.value for o in options}:
        raise WidgetError(f"the default {value!r} of control {name!r} is not one of its options",
                          hint=f"use one of: {', '.join(o.value for o in options)}")
    return value


def select(name: str, label: str, options: Iterable[tuple[Any, Any]], default: Any = None, *,
           buttons: bool = False) -> ControlSpec:
    """A choice among ``(value, label)`` options: a Dropdown live (``buttons=True``: ToggleButtons)."""
    opts = _options(options, name)
    return ControlSpec(Control(name, label, "select", opts, _default(opts, default, name)),
                       "buttons" if buttons else "dropdown")


def toggle(name: str, label: str, off: tuple[Any, Any], on: tuple[Any, Any], *, default_on: bool = False,
           buttons: bool = False) -> ControlSpec:
    """Two states, the first one off: a Checkbox live (``buttons=True``: two ToggleButtons)."""
    opts = _options((off, on), name)
    return ControlSpec(Control(name, label, "toggle", opts, opts[1].value if default_on else opts[0].value),
                       "buttons" if buttons else "checkbox")


def slider(name: str, label: str, options: Iterable[tuple[Any, Any]], default: Any = None, *,
           play: bool = False) -> ControlSpec:
    """Ordered options on a SelectionSlider; ``play=True`` adds Play and step back / forward buttons."""
    opts = _options(options, name)
    return ControlSpec(Control(name, label, "slider", opts, _default(opts, default, name)), "slider", play)


def steps(count: int) -> list[tuple[str, str]]:
    """``[("0", "0"), ("1", "1"), ...]``: the options of a step or phase slider."""
    return [(str(i), str(i)) for i in range(count)]


class FrameWidget:
    """The base of every c4kit widget: controls in, one frame out, all frames on display.

    Subclasses set :attr:`kind` (it becomes ``data-c4kit-interactive`` in the
    course export), build their simulation inputs, then call
    ``super().__init__(title, controls, legend=..., detail_headings=...)``
    and implement :meth:`_compute`.
    """

    kind: ClassVar[str] = ""

    def __init__(self, title: str, controls: Sequence[ControlSpec], *,
                 legend: Sequence[tuple[str, str]] = (), detail_headings: Sequence[str] = ()) -> None:
        if not isinstance(title, str) or not title.strip():
            raise WidgetError("a widget needs a title", hint="pass title='What breaks when ...?'")
        names = [c.name for c in controls]
        if len(set(names)) != len(names):
            raise WidgetError(f"two controls of '{title}' have the same name", hint="give every control its own name")
        self.title = title
        self.specs: tuple[ControlSpec, ...] = tuple(controls)
        self.legend: list[tuple[str, str]] = [tuple(item) for item in legend]  # type: ignore[misc]
        self.detail_headings = tuple(detail_headings)
        count = self.frame_count
        if count > MAX_FRAMES:
            sizes = " x ".join(f"{len(c.values)} {c.name}" for c in self.specs)
            raise WidgetError(f"'{title}' has {count} states ({sizes}), more than the {MAX_FRAMES} a course page "
                              "can pre-render", hint="offer fewer options (fewer faults, protections or steps)")
        self._cache: dict[tuple[str, ...], Frame] = {}
        self._updating = False
        self.controls: dict[str, w.ValueWidget] = {}
        self._steppers: dict[str, tuple[w.Button, w.Button]] = {}
        rows = [self._build_control(spec) for spec in self.specs]
        self.output = w.Output(layout=w.Layout(min_height="120px"))
        self.caption = w.HTML()
        self.details = w.HTML()
        self.legend_box = w.HTML(self._legend_html())
        header = w.HTML(f"<strong>{html.escape(title)}</strong>")
        self._rows: list[w.Widget] = rows
        self.box = w.VBox([header, *rows, self.output, self.caption, self.details, self.legend_box])
        self.box.add_class("c4kit-widget")
        self.box.add_class(f"c4kit-{self.kind}")
        #: The frame shown now.
        self.frame: Frame = self.frame_for(self.values)
        self._show(self.frame)

    # ------------------------------------------------------------ subclass hook
    def _compute(self, values: dict[str, str]) -> Frame:  # pragma: no cover - overridden
        """The frame for one combination of control values (its ``key`` is filled in by the caller)."""
        raise NotImplementedError

    def _irrelevant(self, values: Mapping[str, str]) -> set[str]:
        """Controls that make no difference for these values (they are disabled live, and share frames)."""
        return set()

    def _shown(self, frame: Frame) -> None:
        """Called after each redraw: live-only extras (a button's state) follow the frame here."""

    def _add_below_controls(self, widget: w.Widget) -> None:
        """Put a live-only widget (a button that moves controls) right under the controls."""
        self._rows.append(widget)
        children = list(self.box.children)
        children.insert(len(self._rows), widget)
        self.box.children = tuple(children)

    # ------------------------------------------------------------------ frames
    @property
    def frame_count(self) -> int:
        """How many states the widget has: the product of its controls' option counts."""
        return math.prod(len(spec.values) for spec in self.specs)

    def frame_for(self, values: Mapping[str, str] | None = None) -> Frame:
        """The frame for these control values (default: the current ones).

        Live redraws and :meth:`frameset` both come through here, so the two
        cannot disagree.  Results are kept: a widget's states are few and a
        learner goes back and forth between them.
        """
        values = self._checked(self.values if values is None else values)
        irrelevant = self._irrelevant(values)
        canonical = {s.name: (s.control.default if s.name in irrelevant else values[s.name]) for s in self.specs}
        cache_key = tuple(canonical[s.name] for s in self.specs)
        frame = self._cache.get(cache_key)
        if frame is None:
            frame = self._cache[cache_key] = self._compute(canonical)
        return replace(frame, key=dict(values))

    def clear_cache(self) -> None:
        """Forget computed frames (after changing the model the widget was built from)."""
        self._cache.clear()

    def frameset(self) -> FrameSet:
        """Every state of the widget, for the static course export (validated)."""
        frames = [self.frame_for(dict(zip([s.name for s in self.specs], combo)))
                  for combo in itertools.product(*[s.values for s in self.specs])]
        return FrameSet(self.kind, self.title, [s.control for s in self.specs], frames, list(self.legend),
                        self.detail_headings).validate()

    # ------------------------------------------------------------------ values
    @property
    def values(self) -> dict[str, str]:
        """The current control values, as the option values a frame key uses."""
        return {spec.name: self._read(spec) for spec in self.specs}

    def set(self, **values: Any) -> FrameWidget:
        """Set controls by option value (``lab.set(down="shop_db")``) and redraw once; returns the widget.

        A toggle also takes ``True`` / ``False`` (its second / first option).
        """
        toggles = {s.name: s for s in self.specs if s.control.type == "toggle"}
        values = {k: toggles[k].values[int(v)] if isinstance(v, bool) and k in toggles else v
                  for k, v in values.items()}
        current = self.values
        current.update({k: str(v) for k, v in values.items()})
        wanted = self._checked(current, only=values)
        self._updating = True
        try:
            for spec in self.specs:
                if spec.name in values:
                    self._write(spec, wanted[spec.name])
        finally:
            self._updating = False
        self._redraw()
        return self

    def _checked(self, values: Mapping[str, Any], *, only: Mapping[str, Any] | None = None) -> dict[str, str]:
        names = {s.name: s for s in self.specs}
        for name in (only if only is not None else values):
            if name not in names:
                raise WidgetError(f"'{self.title}' has no control {name!r}",
                                  hint=f"its controls: {', '.join(names) or 'none'}")
        out = {}
        for spec in self.specs:
            if spec.name not in values:
                raise WidgetError(f"no value for the control {spec.name!r}", hint="give a value for every control")
            value = str(values[spec.name])
            if value not in spec.values:
                shown = ", ".join(spec.values[:12]) + (" ..." if len(spec.values) > 12 else "")
                raise WidgetError(f"{value!r} is not an option of the control {spec.name!r}", hint=f"options: {shown}")
            out[spec.name] = value
        return out

    # ------------------------------------------------------------------ drawing
    def _build_control(self, spec: ControlSpec) -> w.Widget:
        control = spec.control
        pairs = [(o.label, o.value) for o in control.options]
        style = {"description_width": "initial"}
        if spec.style == "checkbox":
            widget: w.ValueWidget = w.Checkbox(value=control.default == control.options[1].value,
                                               description=control.label, indent=False, style=style,
                                               layout=w.Layout(width="auto"))  # long labels are not cut
        elif spec.style == "buttons":
            widget = w.ToggleButtons(options=pairs, value=control.default, description=control.label, style=style)
        elif spec.style == "slider":
            widget = w.SelectionSlider(options=pairs, value=control.default, description=control.label,
                                       continuous_update=True, style=style, layout=w.Layout(width="420px"))
        else:
            widget = w.Dropdown(options=pairs, value=control.default, description=control.label, style=style)
        self.controls[spec.name] = widget
        widget.observe(self._on_change, names="value")
        if not spec.play:
            return widget
        play = w.Play(min=0, max=len(pairs) - 1, step=1, interval=1200, value=widget.index,
                      description=f"Play {control.label}")
        w.link((play, "value"), (widget, "index"))
        back = w.Button(description="Step back", icon="step-backward", tooltip=f"Previous {control.label.lower()}")
        forward = w.Button(description="Step forward", icon="step-forward", tooltip=f"Next {control.label.lower()}")
        back.on_click(lambda _: self._step(spec.name, -1))
        forward.on_click(lambda _: self._step(spec.name, +1))
        self._steppers[spec.name] = (back, forward)
        return w.HBox([widget, play, back, forward])

    def _step(self, name: str, delta: int) -> None:
        """Move a slider one option back or forward (the step buttons)."""
        slider_widget = self.controls[name]
        slider_widget.index = min(max(slider_widget.index + delta, 0), len(slider_widget.options) - 1)

    def step(self, name: str, delta: int = 1) -> FrameWidget:
        """Press a slider's step button ``delta`` times (negative: back); returns the widget."""
        spec = next((s for s in self.specs if s.name == name), None)
        if spec is None or spec.style != "slider":
            sliders = [s.name for s in self.specs if s.style == "slider"]
            raise WidgetError(f"'{self.title}' has no slider {name!r}", hint=f"its sliders: {', '.join(sliders)}")
        self._step(name, delta)
        return self

    def _read(self, spec: ControlSpec) -> str:
        widget = self.controls[spec.name]
        if spec.style == "checkbox":
            return spec.values[1] if widget.value else spec.values[0]
        return str(widget.value)

    def _write(self, spec: ControlSpec, value: str) -> None:
        widget = self.controls[spec.name]
        widget.value = (value == spec.values[1]) if spec.style == "checkbox" else value

    def _on_change(self, change: Mapping[str, Any]) -> None:
        if not self._updating:
            self._redraw()

    def _redraw(self) -> None:
        self.frame = self.frame_for(self.values)
        self._show(self.frame)

    def _show(self, frame: Frame) -> None:
        from c4kit.display import mimebundle

        irrelevant = self._irrelevant(frame.key)
        for spec in self.specs:
            self.controls[spec.name].disabled = spec.name in irrelevant
        for name, (back, forward) in self._steppers.items():
            index = self.controls[name].index
            back.disabled = index <= 0
            forward.disabled = index >= len(self.controls[name].options) - 1
        bundle = mimebundle(frame.mermaid, title=self.title)
        # One assignment replaces the output in a single message: no flicker, and no
        # dependence on IPython's output capture (which needs a kernel to be current).
        self.output.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)
        self.caption.value = f"<p class='c4kit-caption'>{html.escape(frame.caption)}</p>" if frame.caption else ""
        self.details.value = html_table(self.detail_headings, frame.details) if frame.details else ""
        self._shown(frame)

    def _legend_html(self) -> str:
        if not self.legend:
            return ""
        items = "".join(
            f"<li><span style='display:inline-block;width:0.9em;height:0.9em;margin-right:0.4em;"
            f"border:1px solid #000;background:{html.escape(colour)}' aria-hidden='true'></span>"
            f"{html.escape(text)}</li>" for colour, text in self.legend)
        return f"<ul class='c4kit-legend' aria-label='Legend' style='list-style:none;padding-left:0'>{items}</ul>"

    # ------------------------------------------------------------------ display
    def summary(self) -> str:
        """One line per control, for ``repr`` and front ends that cannot show widgets."""
        controls = "; ".join(f"{s.control.label}: {len(s.values)} option(s)" for s in self.specs)
        return f"{type(self).__name__} '{self.title}' ({self.frame_count} states; {controls})"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kwargs: Any) -> dict[str, Any]:
        bundle = dict(self.box._repr_mimebundle_(**kwargs) or {})
        caption = f"\n{self.frame.caption}" if self.frame.caption else ""
        try:
            bundle[MIME_TYPE] = self.frameset().to_json()
        except C4Error as err:  # shown, never raised into the formatter (IPython would print a traceback)
            bundle["text/plain"] = f"{self.summary()}\nThe states could not be exported: {err}"
            return bundle
        bundle["text/plain"] = self.summary() + caption
        return bundle

    def __repr__(self) -> str:
        return f"<{self.summary()}>"


def frame(mermaid: str, caption: str = "", details: Iterable[Sequence[Any]] = ()) -> Frame:
    """A frame without its key (``FrameWidget.frame_for`` fills that in); detail cells become text."""
    return Frame({}, mermaid, caption, tuple(tuple(str(cell) for cell in row) for row in details))
