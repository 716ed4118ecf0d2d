"""The pattern deep dive exercises: what each task of the deep dive's exercise notebook asks for.

The notebook is ``solutions/pattern_deep_dive/01_pattern_deep_dive_exercises.ipynb``.

Ids are ``patterns/deep-dive/<task number>``.  The systems are cousins of the
deep dive's units: the shop's order events (D2), a concert ticket shop split
with CQRS (D4), the order saga with a loyalty step (D7), and two choices, one
about communication styles (D1) and one about cache invalidation (D8).  Every
name a spec marks ``named`` appears in its task's brief.
"""

from __future__ import annotations

from c4kit.exercises.tasks import (
    ChoiceTask,
    CompensationTask,
    Concept,
    DiagramTask,
    Forbid,
    Option,
    RelSpec,
    container,
    database,
    queue,
    register,
)
from c4kit.exercises.verbs import CONSUMES, DELIVERS, PUBLISHES

_FETCHES = ("fetch", "get", "load", "call", "ask", "read", "request", "look", "quer", "retriev")
_WRITES = ("writ", "stor", "sav", "insert", "updat", "record", "persist", "keep")
_READS = ("read", "quer", "search", "look", "fetch", "get", "load", "serv")
_NO_COMPONENTS = Forbid("components live inside one container and belong on its component diagram",
                        kind="component")

TASKS = (
    DiagramTask(
        "patterns/deep-dive/1", "Number the call back of a thin event", diagram="dynamic", ordered=True,
        elements=(
            container("Order Service", synonyms=("Orders Service",)),
            queue("order-events", synonyms=("order events", "Order Events Topic", "order-events topic")),
            container("Email Service", synonyms=("E-mail Service", "Mail Service")),
        ),
        relationships=(
            RelSpec("Order Service", "order-events", PUBLISHES,
                    about="Step 1: the Order Service publishes order.placed, carrying only the orderId."),
            RelSpec("order-events", "Email Service", DELIVERS + CONSUMES,
                    about="Step 2: the topic delivers order.placed to the Email Service."),
            RelSpec("Email Service", "Order Service", _FETCHES,
                    about="Step 3: the Email Service calls back for the order's items and total."),
        ),
        forbid=(_NO_COMPONENTS,)),
    DiagramTask(
        "patterns/deep-dive/2", "Split a ticket shop into write and read sides", diagram="container",
        scope="Ticket Shop",
        elements=(
            container("Booking API", synonyms=("Command API", "Bookings API")),
            database("Bookings DB", synonyms=("Booking DB", "Bookings Database", "Write Model")),
            queue("Booking Events", synonyms=("Booking Event Stream", "Events")),
            container("Projector", synonyms=("Seat Map Projector", "Event Handlers")),
            database("Seat Map", synonyms=("Seat Map Read Model", "Seat Map DB")),
            container("Query API", synonyms=("Seat Map API", "Read API")),
        ),
        relationships=(
            RelSpec("Booking API", "Bookings DB", _WRITES, technology=True,
                    about="Say what the Booking API does with the write model: stores each accepted booking."),
            RelSpec("Booking API", "Booking Events", PUBLISHES, technology=True,
                    about="Say what the Booking API puts on the stream: it publishes each accepted booking."),
            RelSpec("Projector", "Booking Events", CONSUMES, technology=True,
                    about="Say what the Projector takes from the stream: it consumes the booking events."),
            RelSpec("Projector", "Seat Map", _WRITES, technology=True,
                    about="Say what the Projector does with the read model: it updates the seat map."),
            RelSpec("Query API", "Seat Map", _READS, technology=True,
                    about="Say what the Query API does with the read model: it reads the seat map."),
        ),
        forbid=(_NO_COMPONENTS,)),
    CompensationTask("patterns/deep-dive/3", "Undo an order when the points cannot be awarded",
                     fail_at="Award points", style="orchestration"),
    ChoiceTask(
        "patterns/deep-dive/4", "Choose how PaymentCompleted reaches three services",
        options=(
            Option("pubsub", "Publish-subscribe topic", correct=True,
                   synonyms=("publish subscribe", "pub/sub", "pub-sub", "topic", "event bus", "events")),
            Option("sync", "Synchronous calls",
                   why_not="the Payment Service would wait for all three calls, and a slow or broken e-mail "
                           "service would slow down or fail the payment",
                   synonyms=("synchronous", "rest", "grpc", "direct calls")),
            Option("queue", "Work queue",
                   why_not="a work queue hands each message to exactly one consumer, but here three different "
                           "services each need every PaymentCompleted",
                   synonyms=("work queue", "point to point", "point-to-point")),
        ),
        concepts=(
            Concept(("three", "several", "multiple", "many", "each", "every", "all", "subscriber", "fan"),
                    "that several services each need the same event"),
            Concept(("wait", "decoupl", "independ", "slow", "down", "fail", "later", "eventual", "delay",
                     "own pace", "block"),
                    "why the Payment Service should not wait for the others"),
        )),
    ChoiceTask(
        "patterns/deep-dive/5", "Choose how to invalidate cached prices",
        options=(
            Option("events", "Event-based invalidation", correct=True,
                   synonyms=("event based", "event-based", "events", "invalidate on events", "event")),
            Option("ttl", "TTL only",
                   why_not="a TTL lets the old price be served until the key expires, and the brief says a "
                           "stale price must not be shown",
                   synonyms=("time to live", "ttl", "expiry", "expiration")),
            Option("versioned-keys", "Versioned keys",
                   why_not="versioned keys never serve an old version, but every price change leaves the old "
                           "entry behind until it expires, and the brief says cache memory is tight",
                   synonyms=("versioning", "versioned", "version in the key")),
        ),
        concepts=(
            Concept(("event", "publish", "kafka", "price changed", "pricechanged", "message"),
                    "which signal tells the cache that a price has changed"),
            Concept(("stale", "fresh", "old price", "consistent", "immediately", "at once", "right away",
                     "out of date", "current"),
                    "what this does for stale prices"),
        )),
)

register(*TASKS)
