"""Interactive examples: thin ipywidgets front ends over :mod:`c4kit.sim`, every state exportable.

Each widget has a few controls with a finite number of options, and one pure
function from control values to a frame (Mermaid text, caption, detail rows).
Live, a control change redraws that frame; displayed, the widget also carries
*every* frame (see :mod:`c4kit.frames`), so the static course export can show
the same states with no kernel.

============================  =========================  ===========================================
widget                        kind (in the export)       what the learner does
============================  =========================  ===========================================
:class:`FailureLab`           ``failure-lab``            break an element, switch protections on
:class:`SagaStepper`          ``saga-stepper``           fail a saga step, step through compensation
:class:`DeploymentSwitcher`   ``deployment-switcher``    rolling / blue-green / canary, good or bad
:class:`ZoomExplorer`         ``zoom-explorer``          move between the C4 levels of one system
:class:`DynamicStepper`       ``dynamic-stepper``        follow a dynamic view one numbered step at a time
:class:`EventReplay`          ``event-replay``           rebuild state from events up to a point
:class:`StateMachineStepper`  ``state-stepper``          fire events, see illegal ones refused
:class:`RateLimitLab`         ``rate-limit``             request rate and bursts vs a token bucket
:class:`AutoScaler`           ``auto-scaling``           load in, replicas per metric out
:class:`MigrationPhases`      ``strangler-fig``          move routes from legacy to new services
:class:`CacheTierFailure`     ``cache-failure``          cache tiers down, hit ratio, origin load
============================  =========================  ===========================================

Every widget has ``values``, ``set(**values)``, ``step(slider)``,
``frame_for(values)`` and ``frameset()``, and draws with the active c4kit
renderer; C4 widgets take ``flowchart=True`` where Mermaid's C4 layout is
poor.  :mod:`c4kit.widgets.demo` builds one of each from course-like models.
See :class:`~c4kit.widgets.base.FrameWidget`.
"""

from c4kit.sim.cache import CacheTier, Origin
from c4kit.sim.events import Event, Projection
from c4kit.sim.statemachine import StateMachine
from c4kit.widgets.base import MAX_FRAMES, ControlSpec, FrameWidget, WidgetError
from c4kit.widgets.cache import CacheTierFailure
from c4kit.widgets.deploy import DeploymentSwitcher
from c4kit.widgets.dynamic import DynamicStepper
from c4kit.widgets.events import EventReplay
from c4kit.widgets.failure import FailureLab
from c4kit.widgets.migration import MigrationPhase, MigrationPhases
from c4kit.widgets.ratelimit import RateLimitLab
from c4kit.widgets.saga import SagaStepper
from c4kit.widgets.scaling import AutoScaler
from c4kit.widgets.state import StateMachineStepper
from c4kit.widgets.zoom import ZoomExplorer

__all__ = [
    "MAX_FRAMES",
    "AutoScaler",
    "CacheTier",
    "CacheTierFailure",
    "ControlSpec",
    "DeploymentSwitcher",
    "DynamicStepper",
    "Event",
    "EventReplay",
    "FailureLab",
    "FrameWidget",
    "MigrationPhase",
    "MigrationPhases",
    "Origin",
    "Projection",
    "RateLimitLab",
    "SagaStepper",
    "StateMachine",
    "StateMachineStepper",
    "WidgetError",
    "ZoomExplorer",
]
