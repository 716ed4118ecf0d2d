"""Simulations: break an architecture and watch what happens.

Every simulation here is small, pure Python and deterministic (seeded where
it draws random numbers), and every one enumerates its states (``frames``),
so a widget can show them live and a static export can pre-render them all.
:mod:`c4kit.sim.overlay` draws any state onto a C4 view.

* :mod:`~c4kit.sim.failure`: blast radius of elements marked down or degraded,
  with reason chains and user journeys.
* :mod:`~c4kit.sim.breaker`: a circuit breaker (closed, open, half-open).
* :mod:`~c4kit.sim.retry`: retries with exponential backoff and a dead-letter queue.
* :mod:`~c4kit.sim.saga`: sagas, orchestrated and choreographed, with compensation.
* :mod:`~c4kit.sim.deploy`: rolling, blue-green and canary releases.
* :mod:`~c4kit.sim.ratelimit`: a token bucket and a client that backs off on 429.
* :mod:`~c4kit.sim.scaling`: auto-scaling on several metrics.

None of this imports a widget library.
"""

from c4kit.sim._common import Status
from c4kit.sim.breaker import (
    BreakerCall,
    BreakerConfig,
    BreakerRun,
    BreakerState,
    Call,
    CallOutcome,
    Transition,
    calls_with_outage,
    simulate_breaker,
)
from c4kit.sim.cache import CacheResult, CacheTier, Origin, TierOutcome, simulate_cache
from c4kit.sim.deploy import Phase, Placement, Rollout, TrafficShare, blue_green, canary, rolling, rollout
from c4kit.sim.events import Event, Projection, Snapshot, events
from c4kit.sim.failure import (
    ElementOutcome,
    FailureResult,
    FailureSimulation,
    Journey,
    JourneyOutcome,
    RelationshipOutcome,
    Scenario,
    blast_radius,
    derive_journeys,
)
from c4kit.sim.overlay import (
    MARKS,
    PALETTE,
    Mark,
    breaker_overlay,
    failure_overlay,
    legend,
    mark,
    overlay,
    rollout_overlay,
    saga_overlay,
)
from c4kit.sim.ratelimit import RateEvent, RateLimitRun, TokenBucket, burst, simulate_rate_limit, steady
from c4kit.sim.retry import Attempt, Backoff, RetryPolicy, RetryRun, simulate_retries
from c4kit.sim.saga import Saga, SagaEvent, SagaFrame, SagaRun, SagaStep, StepState
from c4kit.sim.scaling import Metric, Reading, ScalingPolicy, ScalingRun, ScalingStep, autoscale, replicas_for
from c4kit.sim.statemachine import StateMachine, Step
from c4kit.sim.statemachine import Transition as StateTransition
from c4kit.sim.topology import PROTECTIONS, SimEdge, SimNode, Topology

__all__ = [
    "MARKS",
    "PALETTE",
    "PROTECTIONS",
    "Attempt",
    "Backoff",
    "BreakerCall",
    "BreakerConfig",
    "BreakerRun",
    "BreakerState",
    "CacheResult",
    "CacheTier",
    "Call",
    "CallOutcome",
    "ElementOutcome",
    "Event",
    "FailureResult",
    "FailureSimulation",
    "Journey",
    "JourneyOutcome",
    "Mark",
    "Metric",
    "Origin",
    "Phase",
    "Placement",
    "Projection",
    "RateEvent",
    "RateLimitRun",
    "Reading",
    "RelationshipOutcome",
    "RetryPolicy",
    "RetryRun",
    "Rollout",
    "Saga",
    "SagaEvent",
    "SagaFrame",
    "SagaRun",
    "SagaStep",
    "ScalingPolicy",
    "ScalingRun",
    "ScalingStep",
    "Scenario",
    "SimEdge",
    "SimNode",
    "Snapshot",
    "StateMachine",
    "StateTransition",
    "Status",
    "Step",
    "StepState",
    "TierOutcome",
    "TokenBucket",
    "Topology",
    "TrafficShare",
    "Transition",
    "autoscale",
    "blast_radius",
    "blue_green",
    "breaker_overlay",
    "burst",
    "calls_with_outage",
    "canary",
    "derive_journeys",
    "events",
    "failure_overlay",
    "legend",
    "mark",
    "overlay",
    "replicas_for",
    "rolling",
    "rollout",
    "rollout_overlay",
    "saga_overlay",
    "simulate_breaker",
    "simulate_cache",
    "simulate_rate_limit",
    "simulate_retries",
    "steady",
]
