"""The pattern catalogue exercises: what each task of the catalogue's exercise notebook asks for.

The notebook is ``solutions/pattern_catalogue/01_pattern_catalogue_exercises.ipynb``.

Ids are ``patterns/catalogue/<task number>``.  The systems are small cousins of the
catalogue notebook's examples (a food delivery platform, a gateway in front of an
order service, a SaaS product behind a CDN, the package-trip saga, a streaming
service with three screens).  Every name a spec marks ``named`` appears in its
task's brief.
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
from c4kit.exercises.verbs import CONSUMES, PUBLISHES, READS_WRITES

_NO_COMPONENTS = Forbid("components live inside one container and belong on its component diagram",
                        kind="component")

_ORDERS = container("Order Service", synonyms=("Orders Service", "Order API"))
_COURIERS = container("Courier Service", synonyms=("Couriers Service", "Dispatch Service"))

_MOBILE = container("Mobile App", technology=False, synonyms=("Mobile Application", "App"))
_GATEWAY = container("API Gateway", technology=False, synonyms=("Gateway",))
_AUTH = container("Auth Service", technology=False, synonyms=("Authentication Service", "Auth Server"))
_LIMITER = container("Rate Limiter", technology=False, synonyms=("Rate Limit Service",))
_ORDER_API = container("Order Service", technology=False, synonyms=("Orders Service",))

TASKS = (
    DiagramTask(
        "patterns/catalogue/1", "Database per service, by hand", diagram="container", scope="Food Delivery Platform",
        elements=(
            _ORDERS,
            database("Order DB", synonyms=("Orders DB", "Order Database")),
            _COURIERS,
            database("Courier DB", synonyms=("Couriers DB", "Courier Database")),
            queue("Event Bus", synonyms=("Event Stream", "Message Bus", "Events")),
        ),
        relationships=(
            RelSpec("Order Service", "Order DB", READS_WRITES, technology=True,
                    about="Say what the Order Service does with its own database: stores orders."),
            RelSpec("Courier Service", "Courier DB", READS_WRITES, technology=True,
                    about="Say what the Courier Service does with its own database: tracks couriers and jobs."),
            RelSpec("Order Service", "Event Bus", PUBLISHES, technology=True,
                    about="Say what the Order Service puts on the bus: it publishes OrderPlaced."),
            RelSpec("Courier Service", "Event Bus", CONSUMES, technology=True,
                    about="Say what the Courier Service takes from the bus: it consumes OrderPlaced."),
        ),
        forbid=(_NO_COMPONENTS,)),
    DiagramTask(
        "patterns/catalogue/2", "Number a request through the gateway", diagram="dynamic", ordered=True,
        elements=(_MOBILE, _GATEWAY, _AUTH, _LIMITER, _ORDER_API),
        relationships=(
            RelSpec("Mobile App", "API Gateway", ("send", "request", "get", "call", "ask", "post", "fetch", "load"),
                    about="Step 1: the Mobile App sends its request to the API Gateway."),
            RelSpec("API Gateway", "Auth Service", ("validat", "check", "verif", "authenticat", "token"),
                    about="Step 2: the gateway has the token validated."),
            RelSpec("API Gateway", "Rate Limiter", ("check", "limit", "count", "throttl", "quota"),
                    about="Step 3: the gateway checks the client's rate limit."),
            RelSpec("API Gateway", "Order Service", ("forward", "rout", "pass", "send", "call"),
                    about="Step 4: the gateway forwards the request to the Order Service."),
        ),
        forbid=(_NO_COMPONENTS,)),
    DiagramTask(
        "patterns/catalogue/3", "Put the product behind a CDN", diagram="deployment",
        elements=(
            container("CDN", technology=True, inside="Cloudflare", synonyms=("Content Delivery Network",)),
            container("API Service", inside="AWS eu-west-1", replicas=4, synonyms=("API",)),
            database("Database", inside="AWS eu-west-1", synonyms=("Primary DB", "Primary Database")),
        ),
        relationships=(
            RelSpec("CDN", "API Service", ("rout", "forward", "send", "pass", "direct"),
                    about="Say what the CDN does with the requests: routes them to the API Service."),
            RelSpec("API Service", "Database", READS_WRITES, technology=True,
                    about="Say what the API Service does with the database: reads and writes."),
        )),
    CompensationTask("patterns/catalogue/4", "Undo a package trip when no car is left", fail_at="Reserve a car",
                     style="choreography"),
    ChoiceTask(
        "patterns/catalogue/5", "Pick a pattern for three different screens",
        options=(
            Option("bff", "Backend for frontend", correct=True,
                   synonyms=("backends for frontends", "backend for frontend", "BFF pattern", "BFFs")),
            Option("api-gateway", "API gateway",
                   why_not="a single gateway is one door shared by every client: it can check tokens and route, "
                           "but every screen still gets the same answers, shaped for none of them",
                   synonyms=("gateway", "api gateway", "one gateway")),
            Option("cqrs", "CQRS",
                   why_not="CQRS separates the write model from the read models; it says nothing about shaping "
                           "answers for different kinds of client",
                   synonyms=("cqrs and event sourcing", "command query responsibility segregation")),
        ),
        concepts=(
            Concept(("each", "every", "per", "own", "dedicated", "separate", "one for"),
                    "that every kind of client gets a backend of its own"),
            Concept(("payload", "shape", "tailor", "size", "small", "artwork", "image", "data", "response",
                     "answer", "format", "fit"),
                    "what each backend changes about the answers its client gets"),
        )),
)

register(*TASKS)
