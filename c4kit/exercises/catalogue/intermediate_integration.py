"""The intermediate exercises on integration patterns.

The notebook is ``solutions/intermediate/04_integration_patterns_exercises.ipynb``.

Ids are ``intermediate/integration/<task number>``.  The tasks use Lunchbox, a
hypothetical food-delivery platform: a backend for each of its two apps, the
data of a service carved out of its old monolith, a mesh call that fails behind
a timeout, one command followed through event sourcing and CQRS until a query
can see it, and a choice of how four teams offer one GraphQL API; they go with
Examples 51 to 55 of the intermediate course.
"""

from __future__ import annotations

from c4kit.exercises.tasks import (
    BlastRadiusTask,
    ChoiceTask,
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
from c4kit.exercises.verbs import CALLS, DELIVERS, PUBLISHES

# Word stems for labels: any one of them makes a label say what happens.
_CALLS = (*CALLS, "query", "talk")
_FETCHES = ("get", "fetch", "read", "load", "ask", "call", "look", "quer", "combin", "aggregat", "collect", "request")
_SENDS = ("send", "submit", "post", "issu", "mark", "call", "tell")
_APPENDS = ("append", "writ", "stor", "sav", "record", "add", "persist")
_PUBLISHES = (*PUBLISHES, "forward", "stream", "pass")
_UPDATES = ("updat", "writ", "upsert", "insert", "set", "stor", "sav", "refresh", "chang", "mark", "record", "build")
_ASKS = ("ask", "request", "quer", "get", "fetch", "load", "send", "poll", "call", "check", "read")
_PLACES = ("plac", "track", "creat", "confirm", "cancel", "pick", "deliver")
_READS = ("read", "quer", "select", "fetch", "get", "load", "look")

INTEGRATION = (
    DiagramTask(
        "intermediate/integration/1", "Give each app a backend of its own", diagram="container", scope="Lunchbox",
        elements=(
            container("Customer App", technology=False),
            container("Courier App", technology=False),
            container("Customer BFF", inside="Lunchbox", synonyms=("Customer Backend", "BFF for the Customer App")),
            container("Courier BFF", inside="Lunchbox", synonyms=("Courier Backend", "BFF for the Courier App")),
            container("Menu Service", technology=False),
            container("Order Service", technology=False),
            container("Route Service", technology=False),
        ),
        relationships=(
            RelSpec("Customer App", "Customer BFF", _CALLS, technology=True,
                    about="Say what the Customer App does: sends its GraphQL queries to the Customer BFF."),
            RelSpec("Courier App", "Courier BFF", _CALLS, technology=True,
                    about="Say what the Courier App does: makes its REST calls to the Courier BFF."),
            RelSpec("Customer BFF", "Menu Service", _FETCHES, technology=True,
                    about="Say what the Customer BFF gets from the Menu Service: menus and prices."),
            RelSpec("Customer BFF", "Order Service", _FETCHES + _SENDS + _PLACES, technology=True,
                    about="Say what the Customer BFF does with the Order Service: places and tracks orders."),
            RelSpec("Courier BFF", "Order Service", _FETCHES + _SENDS + _UPDATES + _PLACES, technology=True,
                    about="Say what the Courier BFF does with the Order Service: gets the orders to deliver."),
            RelSpec("Courier BFF", "Route Service", _FETCHES, technology=True,
                    about="Say what the Courier BFF gets from the Route Service: the route to the next stop."),
        ),
        forbid=(
            Forbid("here each app gets a backend of its own instead of one API shared by both; the two BFFs "
                   "take its place", name="API Gateway",
                   synonyms=("Shared API", "Public API", "General API", "Lunchbox API", "Gateway", "Common API")),
        )),
    ChoiceTask(
        "intermediate/integration/2", "Choose where the new Menu Service gets its data",
        options=(
            Option("sync", "Its own Menu Database, kept up to date by a change-data-capture job that copies the "
                           "monolith's menu changes", correct=True,
                   synonyms=("cdc", "change data capture", "data sync", "own database", "debezium", "sync job")),
            Option("shared", "Read and write the menu tables of the Legacy Database directly",
                   why_not="the menu tables would then have two writers with two sets of rules, the new service "
                           "stays tied to the old schema, and the monolith's database can never be switched off",
                   synonyms=("shared database", "legacy database", "write to the legacy database", "directly",
                             "share")),
            Option("copy", "Copy the menus once, on the day the menu routes move",
                   why_not="until that day the monolith keeps changing the menus, so the copy is stale from its "
                           "first hour, and moving a route back to the monolith would lose the changes made since",
                   synonyms=("one-off copy", "copy once", "one off", "once", "big bang", "export")),
        ),
        concepts=(
            Concept(("owner", "owns", "writer", "writes", "write", "written", "read-only", "read only"),
                    "who writes the menu data while the migration runs"),
            Concept(("change", "sync", "copies", "copy", "captur", "log", "up to date", "current", "fresh",
                     "stale"),
                    "how the new database stays current while the monolith still takes menu changes"),
            Concept(("back", "revert", "roll", "retire", "switch off", "turn off", "decommission", "later",
                     "one route", "route by route", "step"),
                    "what the choice means for moving routes (forward, back, and finally off the monolith)"),
        )),
    BlastRadiusTask(
        "intermediate/integration/3", "What stops when the Pricing Service is down?", faults=("Pricing Service",),
        level="container", scope="Lunchbox", status="down"),
    DiagramTask(
        "intermediate/integration/4", "Follow one command until a query can see it", diagram="dynamic",
        ordered=True,
        elements=(
            container("Restaurant Tablet", technology=False, synonyms=("Tablet",)),
            container("Command API", technology=False),
            database("Event Store", technology=False),
            queue("Event Bus", technology=False),
            container("Tracking Projector", technology=False, synonyms=("Projector",)),
            database("Order Tracking View", technology=False, synonyms=("Tracking View", "Read Model")),
            container("Customer App", technology=False),
            container("Query API", technology=False),
        ),
        relationships=(
            RelSpec("Restaurant Tablet", "Command API", _SENDS,
                    about="Say what the Restaurant Tablet does: sends the MarkOrderReady command."),
            RelSpec("Command API", "Event Store", _APPENDS,
                    about="Say what the Command API does once the command is valid: appends OrderReady."),
            RelSpec("Event Store", "Event Bus", _PUBLISHES,
                    about="Say what the Event Store does with the new event: publishes it to the Event Bus."),
            RelSpec("Event Bus", "Tracking Projector", DELIVERS,
                    about="Say what the Event Bus does: delivers OrderReady to the Tracking Projector."),
            RelSpec("Tracking Projector", "Order Tracking View", _UPDATES,
                    about="Say what the Tracking Projector does: updates the order's row in the read model."),
            RelSpec("Customer App", "Query API", _ASKS,
                    about="Say what the Customer App does: asks the Query API for the order's status."),
            RelSpec("Query API", "Order Tracking View", _READS,
                    about="Say what the Query API does: reads the order's row from the Order Tracking View."),
        )),
    ChoiceTask(
        "intermediate/integration/5", "Choose how four teams offer one GraphQL API",
        options=(
            Option("federation", "GraphQL federation: a subgraph per team, composed by a gateway", correct=True,
                   synonyms=("federated", "federation gateway", "subgraphs", "apollo federation", "supergraph")),
            Option("single", "One GraphQL server for the whole schema, with every team committing to it",
                   why_not="four teams then share one code base and one release: every change waits for the "
                           "others, and a bug in one team's resolver can take down everyone's API",
                   synonyms=("one server", "single server", "monolithic graphql", "one graphql server", "monolith")),
            Option("bff", "A hand-written BFF per app that calls the four teams' REST APIs",
                   why_not="it works for one or two apps, but every app's team then writes and maintains the same "
                           "glue by hand, and a new field means changing each BFF; the brief asks for one API "
                           "driven by one schema",
                   synonyms=("bffs", "backend for frontend", "backends for frontends", "rest")),
        ),
        concepts=(
            Concept(("own", "team", "independen", "separate", "deploy", "release", "schedule"),
                    "how each team changes and ships its part"),
            Concept(("compos", "plan", "merg", "combin", "one schema", "single schema", "supergraph", "one endpoint",
                     "one api", "split", "entity", "key", "stitch"),
                    "what the gateway does with one client query"),
            Concept(("every request", "each request", "all requests", "critical", "availab", "single point",
                     "latency", "fan", "sequential", "cost", "depth", "bottleneck", "extra hop", "hop"),
                    "what the gateway costs"),
        )),
)

register(*INTEGRATION)
