"""``DeploymentSwitcher``: rolling, blue-green and canary releases on one view, good or bad.

A front end to :func:`c4kit.sim.deploy.rollout` and
:func:`~c4kit.sim.overlay.rollout_overlay`.  Controls: the strategy, a
"Release a bad version" checkbox (the new version's errors cross the
threshold, so the release is rolled back), and a phase slider with Play and
step buttons.  Each frame tags the boxes that stand for each group of the
release with the versions they run and their share of the traffic, writes
the share on the router's arrows, and describes the phase.

Strategies name their groups differently ("production" for rolling,
"blue" / "green", "stable" / "canary"), and a view often has one box per
group, so ``groups`` maps each strategy's groups to boxes of the view::

    DeploymentSwitcher(view, groups={
        "blue-green": {"blue": blue_env, "green": green_env},
        "canary": {"stable": web_stable, "canary": web_canary},
    }, router=load_balancer)

The phase slider spans the longest release; a shorter one holds its last phase.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from c4kit.frames import Frame
from c4kit.model.diagram import Diagram
from c4kit.sim import Rollout, legend, rollout, rollout_overlay
from c4kit.sim.deploy import STRATEGIES
from c4kit.widgets._views import alias_in, as_diagram, text_of
from c4kit.widgets.base import ControlSpec, FrameWidget, WidgetError, frame, select, slider, steps, toggle

_STRATEGY_WORDS = {"rolling": "Rolling", "blue-green": "Blue-green", "canary": "Canary"}
HEADINGS = ("#", "phase", "where it runs (traffic)", "state", "new version's errors")


def strategy_key(name: str) -> str:
    """``"Blue_Green"`` -> ``"blue-green"``; unknown strategies raise with the known ones."""
    key = str(name).strip().lower().replace("_", "-").replace(" ", "-")
    key = "blue-green" if key == "bluegreen" else key
    if key not in STRATEGIES:
        raise WidgetError(f"unknown deployment strategy {name!r}", hint=f"use one of: {', '.join(STRATEGIES)}")
    return key


class DeploymentSwitcher(FrameWidget):
    """Switch release strategies and watch each phase on ``view``.

    ``groups``: ``{strategy: {group: box}}``; its keys are the strategies offered.
    ``router``: the load balancer whose arrows carry the traffic share (one, or ``{strategy: router}``).
    ``options``: ``{strategy: {...}}`` passed to the strategy (``replicas``, ``steps``, ``threshold`` ...).
    ``view`` may also be ``{strategy: view}``.
    """

    kind = "deployment-switcher"

    def __init__(self, view: Any, groups: Mapping[str, Mapping[str, Any]], *, router: Any = None,
                 options: Mapping[str, Mapping[str, Any]] | None = None, flowchart: bool | str = False,
                 title: str | None = None) -> None:
        if not isinstance(groups, Mapping) or not groups:
            raise WidgetError("groups must map each strategy to {group: box}",
                              hint='e.g. groups={"canary": {"stable": web_v1, "canary": web_v2}}')
        self.strategies = tuple(dict.fromkeys(strategy_key(s) for s in groups))
        self.flowchart = flowchart
        per = {strategy_key(k): v for k, v in (options or {}).items()}
        for strategy, kwargs in per.items():
            if strategy not in self.strategies:
                raise WidgetError(f"options are given for {strategy!r}, which groups= does not offer",
                                  hint=f"offered: {', '.join(self.strategies)}")
            if "bad_version" in kwargs:
                raise WidgetError("bad_version is the widget's checkbox, not an option",
                                  hint="leave it out of options=; the learner switches it")
        self.views: dict[str, Diagram] = {}
        self.groups: dict[str, dict[str, str]] = {}
        self.routers: dict[str, str | None] = {}
        for name, mapping in groups.items():
            strategy = strategy_key(name)
            diagram = as_diagram(_pick(view, strategy, "view", required=True), param="view")
            self.views[strategy] = diagram
            self.groups[strategy] = {g: alias_in(diagram, box, param=f"groups[{name!r}][{g!r}]")
                                     for g, box in mapping.items()}
            chosen = _pick(router, strategy, "router", required=False)
            self.routers[strategy] = None if chosen is None else alias_in(diagram, chosen, param="router")
        self.rollouts: dict[tuple[str, str], Rollout] = {
            (s, bad): rollout(s, bad_version=bad == "yes", **dict(per.get(s, {})))
            for s in self.strategies for bad in ("no", "yes")}
        for strategy in self.strategies:  # a group that does not exist fails now, with the group names
            self._overlay(strategy, self.rollouts[(strategy, "no")], 0)
        length = max(len(r) for r in self.rollouts.values())
        controls: list[ControlSpec] = []
        if len(self.strategies) > 1:
            controls.append(select("strategy", "Strategy", [(s, _STRATEGY_WORDS[s]) for s in self.strategies],
                                   buttons=True))
        controls.append(toggle("bad", "Release a bad version", ("no", "No"), ("yes", "Yes")))
        controls.append(slider("phase", "Phase", steps(length), play=True))
        super().__init__(title or "Releasing a new version", controls, legend=legend("deployment"),
                         detail_headings=HEADINGS)

    def _overlay(self, strategy: str, release: Rollout, index: int) -> Diagram:
        return rollout_overlay(self.views[strategy], release.phases[index], groups=self.groups[strategy],
                               router=self.routers[strategy], new_version=release.new)

    def _compute(self, values: dict[str, str]) -> Frame:
        strategy = values.get("strategy", self.strategies[0])
        release = self.rollouts[(strategy, values["bad"])]
        wanted = int(values["phase"])
        index = min(wanted, len(release) - 1)
        caption = f"{_STRATEGY_WORDS[strategy]}, {release.caption(index)}"
        if index == len(release) - 1:
            caption += f" Outcome: {release.outcome}."
        if index < wanted:
            caption += " (This release has no further phases.)"
        drawn = self._overlay(strategy, release, index)
        return frame(text_of(drawn, flowchart=self.flowchart), caption, release.details()[:index + 1])


def _pick(value: Any, strategy: str, param: str, *, required: bool) -> Any:
    """``value`` itself, or its entry for ``strategy`` when it is a ``{strategy: ...}`` mapping."""
    if not isinstance(value, Mapping):
        return value
    entries = {strategy_key(k): v for k, v in value.items()}
    if strategy in entries:
        return entries[strategy]
    if required:
        raise WidgetError(f"{param} has no entry for the {strategy!r} strategy",
                          hint=f"add {param}={{'{strategy}': ..., ...}} or pass one {param} for all strategies")
    return None
