"""The advanced exercises on microservices patterns (``solutions/advanced/03_microservices_patterns_exercises.ipynb``).

Ids are ``advanced/patterns/<task number>``, the number of the task's
``### Task N`` heading.  They go with Examples 73 to 77 of the advanced
course: backends for frontends for a shop's web, mobile and partner clients,
the choreographed checkout saga, choosing a saga style, versioning a public
API, and what bulkheads in an API Server do not protect.
"""

from __future__ import annotations

from c4kit.exercises.tasks import (
    BlastRadiusTask,
    ChoiceTask,
    CompensationTask,
    Concept,
    DiagramTask,
    ElementSpec,
    Option,
    RelSpec,
    container,
    register,
)
from c4kit.exercises.verbs import CALLS

# Word stems for labels: any one of them makes a label say what happens.
_CALLS = (*CALLS, "use", "read", "list", "place", "shop", "brows", "order", "pay", "charg", "aggregat", "writ", "look")

_PLATFORM = "Shop Platform"

BFF = DiagramTask(
    "advanced/patterns/1", "Give each client its own backend", diagram="container", scope=_PLATFORM,
    elements=(
        ElementSpec("Web App", "container"),
        ElementSpec("Mobile App", "container"),
        ElementSpec("Partner Integration", "system", external=True, synonyms=("Partner",)),
        container("Web BFF", technology="GraphQL", inside=_PLATFORM, synonyms=("Web Backend for Frontend",)),
        container("Mobile BFF", technology="REST", inside=_PLATFORM, synonyms=("Mobile Backend for Frontend",)),
        container("Partner BFF", technology=True, inside=_PLATFORM, synonyms=("Partner Backend for Frontend",)),
        ElementSpec("User Service", "container"),
        ElementSpec("Product Service", "container"),
        ElementSpec("Order Service", "container"),
        ElementSpec("Payment Service", "container"),
    ),
    relationships=(
        RelSpec("Web App", "Web BFF", _CALLS, technology="GraphQL"),
        RelSpec("Mobile App", "Mobile BFF", _CALLS, technology="REST"),
        RelSpec("Partner Integration", "Partner BFF", _CALLS, technology="OAuth",
                about="Say what the partner does through its BFF, and put OAuth 2.0 in the technology."),
        RelSpec("Web BFF", "User Service", _CALLS),
        RelSpec("Web BFF", "Product Service", _CALLS),
        RelSpec("Web BFF", "Order Service", _CALLS),
        RelSpec("Mobile BFF", "User Service", _CALLS),
        RelSpec("Mobile BFF", "Order Service", _CALLS),
        RelSpec("Partner BFF", "Product Service", _CALLS),
        RelSpec("Partner BFF", "Order Service", _CALLS),
        RelSpec("Partner BFF", "Payment Service", _CALLS),
    ))

CHOREOGRAPHY = CompensationTask("advanced/patterns/2", "Undo a choreographed checkout", fail_at="Schedule shipping",
                                style="choreography")

SAGA_STYLE = ChoiceTask(
    "advanced/patterns/3", "Choose a style for the checkout saga",
    options=(
        Option("orchestration", "An orchestrator runs the checkout", correct=True,
               synonyms=("orchestrated", "orchestrator", "central orchestrator", "saga orchestrator")),
        Option("choreography", "Services react to each other's events",
               why_not="with eight steps spread over as many services, the workflow would exist only as who "
                       "listens to what, and finding the step that failed means reading every service's log",
               synonyms=("choreographed", "events", "event-driven", "event driven")),
    ),
    concepts=(
        Concept(("one place", "single place", "central", "whole workflow", "entire workflow", "visib", "see which",
                 "shows which", "which step", "log", "debug", "diagnos", "trace", "incident"),
                "how the team finds the step that failed during an incident"),
        Concept(("compensat", "undo", "roll back", "rollback", "rolls back"),
                "where the compensations are decided"),
    ))

VERSIONING = ChoiceTask(
    "advanced/patterns/4", "Version a public partner API",
    options=(
        Option("URL path", "The version in the URL path (/v1/..., /v2/...)", correct=True,
               synonyms=("path", "url", "url path versioning", "path versioning", "/v2")),
        Option("header", "The version in the Accept header",
               why_not="partners cannot try a call by pasting a URL, and every cache between them and the gateway "
                       "has to vary on the header",
               synonyms=("accept header", "header versioning", "content negotiation")),
        Option("query parameter", "The version in a query parameter (?api_version=2)",
               why_not="query parameters are meant to filter a resource, not to choose its contract, and caching "
                       "by parameter is awkward",
               synonyms=("query", "query string", "parameter", "api_version")),
    ),
    concepts=(
        Concept(("visib", "explicit", "see", "obvious", "in the url", "in every url", "log", "read"),
                "that everyone can see which version a call uses"),
        Concept(("rout", "cach", "gateway", "separate", "side by side", "two deployments", "retire", "switch off"),
                "what the version in the path lets the gateway and caches do"),
    ))

BULKHEADS = BlastRadiusTask(
    "advanced/patterns/5", "What bulkheads do not protect", faults=("Shop Database",), level="component",
    scope="API Server", status="down")

register(BFF, CHOREOGRAPHY, SAGA_STYLE, VERSIONING, BULKHEADS)
