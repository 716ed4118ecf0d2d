"""The exercises of the intermediate level's first notebook, components in depth (examples 31 to 38).

Ids are ``intermediate/components/<task number>``, the number of the task's
``### Task N`` heading in ``solutions/intermediate/01_components_exercises.ipynb``.
The models follow the notebook's examples: the online store's modular
monolith, the Product Service with its circuit breaker, the place-order saga,
the Catalogue Service's two cache levels and the multi-tenant Project Tracker.
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
    component,
    database,
    register,
)
from c4kit.exercises.verbs import CALLS, READS_WRITES

# Word stems for labels: any one of them makes a label say what happens.
_ROUTES = ("rout", "send", "pass", "forward", "hand", "dispatch", "call", "deleg")
_LOOKS_UP = ("look", "check", "read", "get", "fetch", "quer", "find", "ask", "search", "tri")
_CALLS = (*CALLS, "use", "map", "translat", "look", "go")

_APP = "Store Application"

MODULAR_MONOLITH = DiagramTask(
    "intermediate/components/1", "Open up the modular monolith", diagram="component", scope=_APP,
    elements=(
        ElementSpec("Web Front End", "container", synonyms=("Front End", "Web App")),
        component("API Routing", inside=_APP, synonyms=("Router", "Request Router", "Routing")),
        component("Account Management", inside=_APP, synonyms=("User Module", "Accounts")),
        component("Order Management", inside=_APP, synonyms=("Order Module", "Orders")),
        component("Product Catalogue", inside=_APP, synonyms=("Product Module", "Product Catalog", "Products")),
        component("Customer Translator", inside=_APP,
                  synonyms=("Anti-corruption Layer", "Customer Adapter", "ACL")),
        database("User Schema", technology=False, synonyms=("Users Schema",)),
        database("Order Schema", technology=False, synonyms=("Orders Schema",)),
        database("Product Schema", technology=False, synonyms=("Products Schema",)),
    ),
    relationships=(
        RelSpec("Web Front End", "API Routing", (*_ROUTES, "request", "call"), technology="HTTPS"),
        RelSpec("API Routing", "Account Management", _ROUTES),
        RelSpec("API Routing", "Order Management", _ROUTES),
        RelSpec("API Routing", "Product Catalogue", _ROUTES),
        RelSpec("Order Management", "Customer Translator", _CALLS,
                about="Say what the Order module does with its translator: looks up customers through it."),
        RelSpec("Customer Translator", "Account Management", _CALLS,
                about="Say what the translator does with the User module: calls its public API."),
        RelSpec("Account Management", "User Schema", READS_WRITES),
        RelSpec("Order Management", "Order Schema", READS_WRITES),
        RelSpec("Product Catalogue", "Product Schema", READS_WRITES),
    ))

BREAKER_BLAST = BlastRadiusTask(
    "intermediate/components/2", "Who notices when the recommendations stop?",
    faults=("Recommendation Service",), level="component", scope="Product Service", status="affected")

SAGA = CompensationTask("intermediate/components/3", "Undo a failed shipment", fail_at="Schedule shipping")

CACHE_MISS = DiagramTask(
    "intermediate/components/4", "Number the steps of a double cache miss", diagram="dynamic", ordered=True,
    elements=(
        ElementSpec("API Handler", "component"),
        database("L1 Cache", "component", technology=False, synonyms=("L1", "In-memory Cache")),
        ElementSpec("L2 Cache", "container", synonyms=("L2", "Redis Cache", "Redis")),
        ElementSpec("Product Logic", "component"),
        ElementSpec("Product Repository", "component"),
        database("Catalogue Database", technology=False, synonyms=("Catalog Database", "Database")),
    ),
    relationships=(
        RelSpec("API Handler", "L1 Cache", _LOOKS_UP),
        RelSpec("API Handler", "L2 Cache", _LOOKS_UP),
        RelSpec("API Handler", "Product Logic", (*_LOOKS_UP, "load", "call")),
        RelSpec("Product Logic", "Product Repository", (*_LOOKS_UP, "load", "call")),
        RelSpec("Product Repository", "Catalogue Database", (*_LOOKS_UP, "load")),
        RelSpec("Product Logic", "L2 Cache", ("stor", "put", "fill", "writ", "sav", "add", "set", "cach", "popul")),
        RelSpec("Product Logic", "L1 Cache", ("stor", "put", "fill", "writ", "sav", "add", "set", "cach", "popul")),
    ))

TENANCY = ChoiceTask(
    "intermediate/components/5", "Choose where tenant isolation is enforced",
    options=(
        Option("repository", "In the tenant-aware repository", correct=True,
               synonyms=("tenant-aware repository", "tenant aware repository", "data layer", "repository layer")),
        Option("controller", "In each API controller",
               why_not="every endpoint would have to remember the filter, and the first endpoint that forgets it "
                       "shows one tenant's data to another",
               synonyms=("api controller", "controllers", "each controller")),
        Option("business logic", "In the business logic",
               why_not="every use case would carry its own tenant filter, so isolation would depend on every "
                       "developer remembering it in every new feature",
               synonyms=("business logic", "service layer", "services", "use cases")),
    ),
    concepts=(
        Concept(("every query", "all queries", "each query", "automatic", "always", "every read", "all reads",
                 "every sql", "all sql", "one place", "single place", "centrally", "central"),
                "that the filter is applied to every query, in one place"),
        Concept(("forget", "forgot", "miss", "omit", "leave out", "oversight", "mistake", "safety net", "even if",
                 "bug"),
                "what happens when a developer forgets the filter in new code"),
    ))

register(MODULAR_MONOLITH, BREAKER_BLAST, SAGA, CACHE_MISS, TENANCY)
