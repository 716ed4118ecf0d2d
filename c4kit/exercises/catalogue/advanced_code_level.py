"""The advanced exercises on the code level (``solutions/advanced/01_code_level_exercises.ipynb``).

Ids are ``advanced/code/<task number>``.  The tasks use a bakery's online
ordering (a Cake Order Service with a domain model, a lifecycle and a product
repository, and a Kitchen Service that reacts to its events); they go with
Examples 61 to 65 of the advanced course.
"""

from __future__ import annotations

from c4kit.exercises.tasks import (
    ChoiceTask,
    Concept,
    DiagramTask,
    Option,
    RelSpec,
    component,
    container,
    database,
    queue,
    register,
)
from c4kit.exercises.verbs import DELIVERS, PUBLISHES

_CREATES = ("creat", "chang", "build", "mak", "updat", "use", "work", "handl", "manag", "modif", "add")
_CHECKS = ("check", "validat", "ask", "verif", "consult", "enforc", "guard", "test", "use")
_STORES = ("stor", "sav", "writ", "persist", "read", "load", "keep")

CODE = (
    DiagramTask(
        "advanced/code/1", "Zoom into the Cake Order Service", diagram="component", scope="Cake Order Service",
        elements=(
            component("Orders API"),
            component("Order Model"),
            component("Order Lifecycle"),
            database("Bakery DB", technology=False),
        ),
        relationships=(
            RelSpec("Orders API", "Order Model", _CREATES,
                    about="Say what the Orders API does with the Order Model: creates and changes orders with it."),
            RelSpec("Order Model", "Order Lifecycle", _CHECKS,
                    about="Say what the Order Model does with the Order Lifecycle: checks every status change."),
            RelSpec("Orders API", "Bakery DB", _STORES, technology="SQL",
                    about="Say what the Orders API does with the Bakery DB: stores orders in it."),
        )),
    ChoiceTask(
        "advanced/code/2", "Choose the diagram for a cake order's lifecycle",
        options=(
            Option("state", "State diagram", correct=True,
                   synonyms=("state diagram", "stateDiagram", "state machine", "stateDiagram-v2")),
            Option("class", "Class diagram",
                   why_not="a class diagram shows that an order has a status field and which values it can take, "
                           "but not which status may follow which, nor which events are refused",
                   synonyms=("class diagram", "classDiagram")),
            Option("sequence", "Sequence diagram",
                   why_not="a sequence diagram tells one run in order; the lifecycle is every possible run, and "
                           "one scenario cannot show the moves that are not allowed",
                   synonyms=("sequence diagram", "sequenceDiagram")),
        ),
        concepts=(
            Concept(("transition", "move", "arrow", "event", "follow", "next", "goes to", "from one", "path",
                     "lead"),
                    "what the arrows between the statuses stand for"),
            Concept(("illegal", "not allowed", "refus", "reject", "forbid", "invalid", "cannot", "can't", "only",
                     "absence", "missing", "no arrow", "prevent"),
                    "how the diagram shows what may not happen, such as baking an unpaid order"),
        )),
    ChoiceTask(
        "advanced/code/3", "What the caching repository does when a product is saved",
        options=(
            Option("invalidate", "Invalidate that product's cache entry", correct=True,
                   synonyms=("invalidate the entry", "evict", "evict the entry", "delete the key", "remove the entry",
                             "invalidation")),
            Option("nothing", "Leave the cache alone",
                   why_not="the cache keeps the old price until its time to live runs out, so for up to five "
                           "minutes customers see a price that is no longer true",
                   synonyms=("do nothing", "leave it", "wait for the ttl", "ttl")),
            Option("flush", "Empty the whole cache",
                   why_not="every other product, unchanged, is thrown away too: the next requests all miss and "
                           "go to the database at once",
                   synonyms=("clear", "clear the cache", "flush the cache", "empty the cache", "empty")),
        ),
        concepts=(
            Concept(("stale", "old", "out of date", "outdated", "wrong price", "previous", "not true", "fresh",
                     "consisten"),
                    "what would go wrong for readers if the entry stayed"),
            Concept(("next read", "next find", "miss", "reload", "load", "fetch", "database", "delegate", "from the "
                     "store", "again"),
                    "where the next read of that product gets its data"),
        )),
    DiagramTask(
        "advanced/code/4", "Number the steps of an event chain", diagram="dynamic", ordered=True,
        elements=(
            container("Cake Order Service", technology=False),
            queue("Event Bus", technology=False),
            container("Kitchen Service", technology=False),
        ),
        relationships=(
            RelSpec("Cake Order Service", "Event Bus", PUBLISHES,
                    about="Say what the Cake Order Service does: publishes OrderPlaced to the Event Bus."),
            RelSpec("Event Bus", "Kitchen Service", DELIVERS,
                    about="Say what the Event Bus does: delivers OrderPlaced to the Kitchen Service."),
            RelSpec("Kitchen Service", "Event Bus", PUBLISHES,
                    about="Say what the Kitchen Service does once the oven slot is booked: publishes SlotBooked."),
            RelSpec("Event Bus", "Cake Order Service", DELIVERS,
                    about="Say what the Event Bus does: delivers SlotBooked to the Cake Order Service."),
        )),
    ChoiceTask(
        "advanced/code/5", "Stop a retried request from placing two orders",
        options=(
            Option("idempotency-key", "An Idempotency-Key header", correct=True,
                   synonyms=("idempotency key", "idempotency", "idempotency-key header", "key")),
            Option("longer-timeout", "A longer client timeout",
                   why_not="a timeout can always happen (a dropped connection, a slow day), and the retry after it "
                           "still creates a second order",
                   synonyms=("longer timeout", "timeout", "wait longer")),
            Option("get-first", "Look the order up with GET before retrying",
                   why_not="the client does not know the new order's id (the answer never arrived), and the first "
                           "request may still be running while it looks",
                   synonyms=("get first", "get", "check first", "look up first")),
        ),
        concepts=(
            Concept(("retry", "again", "second", "twice", "duplicate", "repeat", "resend", "same request"),
                    "what the client does after the timeout"),
            Concept(("same key", "key", "header", "original", "409", "already", "first order", "recogni", "remember",
                     "stored"),
                    "how the server tells a retry from a new order"),
        )),
)

register(*CODE)
