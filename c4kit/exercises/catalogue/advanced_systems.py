"""The advanced exercises on multi-system architectures (``solutions/advanced/02_multi_system_exercises.ipynb``).

Ids are ``advanced/systems/<task number>``.  The tasks use a hypothetical
online furniture shop, Flatpack: its web app deployed in two regions, its
event-sourced order platform, the payment service it adds to a service mesh,
a schema change during a blue-green release, and the isolation of a premium
tenant of its business portal; they go with Examples 66 to 72 of the advanced
course.
"""

from __future__ import annotations

from c4kit.exercises.tasks import (
    BlastRadiusTask,
    ChoiceTask,
    Concept,
    DiagramTask,
    Option,
    RelSpec,
    container,
    register,
)
from c4kit.exercises.verbs import CALLS

_ROUTES = ("rout", "send", "forward", "pass", "direct", "balanc", "spread", "steer")
_CALLS = (*CALLS, "forward", "rout", "pass", "reach", "talk", "charg", "pay")
_HANDS = ("pass", "forward", "hand", "deliver", "send", "rout", "proxi")
_GETS = ("get", "fetch", "receiv", "read", "pull", "load", "obtain", "request", "ask", "subscrib", "watch", "sync")

SYSTEMS = (
    DiagramTask(
        "advanced/systems/1", "Deploy the web shop to two regions", diagram="deployment",
        elements=(
            container("Global Load Balancer", technology="Route 53", synonyms=("Global LB",)),
            container("US-East Load Balancer", technology="ALB", inside="US-East region",
                      synonyms=("US-East LB", "US East Load Balancer")),
            container("EU-West Load Balancer", technology="ALB", inside="EU-West region",
                      synonyms=("EU-West LB", "EU West Load Balancer")),
            container("Web App", technology=False, inside="US-East region", replicas=3),
        ),
        relationships=(
            RelSpec("Global Load Balancer", "US-East Load Balancer", _ROUTES,
                    about="Say what the global load balancer does: it routes the US-East users there."),
            RelSpec("Global Load Balancer", "EU-West Load Balancer", _ROUTES,
                    about="Say what the global load balancer does: it routes the EU-West users there."),
            RelSpec("US-East Load Balancer", "Web App", _ROUTES,
                    about="Say what the regional load balancer does with the requests: routes them to the Web App."),
        )),
    BlastRadiusTask(
        "advanced/systems/2", "Predict the blast radius of an Event Store outage",
        faults=("Event Store",), level="container", scope="Order Platform"),
    DiagramTask(
        "advanced/systems/3", "Add the Payment service to the mesh", diagram="container", scope="Order Platform",
        elements=(
            container("Payment App", technology="Go", inside="Payment Service pod"),
            container("Payment Proxy", technology="Envoy", inside="Payment Service pod",
                      synonyms=("Payment Sidecar", "Payment Envoy")),
            container("Order Proxy", technology=False),
            container("Pilot", technology=False),
            container("Citadel", technology=False),
        ),
        relationships=(
            RelSpec("Order Proxy", "Payment Proxy", _CALLS, technology="mTLS",
                    about="Say what the Order Proxy does: it calls the payment service through its proxy."),
            RelSpec("Payment Proxy", "Payment App", _HANDS, technology="localhost",
                    about="Say what the proxy does with each request: passes it on to the app."),
            RelSpec("Payment Proxy", "Pilot", _GETS,
                    about="Say what the proxy gets from Pilot: its routes."),
            RelSpec("Payment Proxy", "Citadel", _GETS,
                    about="Say what the proxy gets from Citadel: its certificates."),
        )),
    ChoiceTask(
        "advanced/systems/4", "Choose how to rename a column during a blue-green release",
        options=(
            Option("expand-contract", "Add the new column first, drop the old one a release later", correct=True,
                   synonyms=("expand and contract", "expand contract", "expand/contract", "parallel change")),
            Option("rename", "Rename the column in the release's migration",
                   why_not="blue still runs the old version against the same database, so it breaks the moment the "
                           "migration runs, and switching back to blue after a bad release would not help",
                   synonyms=("rename the column", "rename in place", "alter table rename")),
            Option("copy", "Give green its own copy of the database",
                   why_not="the two colours would then write to two databases, so every order taken on one colour "
                           "is missing on the other after the switch (or after a switch back)",
                   synonyms=("own copy", "separate database", "two databases", "copy the database")),
        ),
        concepts=(
            Concept(("both", "old and new", "blue and green", "either", "backward", "compatib", "v1.5", "old version"),
                    "that both versions must work with the schema while both colours may be live"),
            Concept(("rollback", "roll back", "switch back", "revert", "go back"),
                    "what a switch back to blue needs"),
            Concept(("later", "after", "next release", "contract", "drop", "remove", "clean"),
                    "when the old column can finally go"),
        )),
    ChoiceTask(
        "advanced/systems/5", "Choose the isolation for a premium tenant",
        options=(
            Option("namespace", "A namespace of its own, with a quota, a network policy and dedicated nodes",
                   correct=True, synonyms=("own namespace", "namespace per tenant", "dedicated namespace")),
            Option("shared", "The shared namespace, with a tenant id on every row",
                   why_not="its data would sit in the same database as everyone else's, one missing tenant filter "
                           "away from a leak, and its load would compete with every other tenant's",
                   synonyms=("shared namespace", "tenant id", "tenant column", "shared database")),
            Option("cluster", "A Kubernetes cluster of its own",
                   why_not="it isolates well, but the brief keeps one cluster to operate: a second cluster means a "
                           "second set of upgrades, monitoring and ingress to run for one customer",
                   synonyms=("own cluster", "dedicated cluster", "separate cluster", "cluster per tenant")),
        ),
        concepts=(
            Concept(("quota", "noisy", "neighbour", "neighbor", "resource", "cpu", "memory", "dedicated node",
                     "own node", "node affinity"),
                    "how its workloads are protected from other tenants' load"),
            Concept(("network polic", "traffic", "cross-tenant", "cross tenant", "reach", "block", "deny"),
                    "how other tenants' pods are kept away from its services and data"),
            Concept(("one cluster", "same cluster", "shared cluster", "cost", "cheap", "operat", "upgrade",
                     "ingress", "auth", "monitor"),
                    "what it still shares, and why that is acceptable"),
        )),
)

register(*SYSTEMS)
