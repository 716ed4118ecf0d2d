"""The intermediate exercises on deployment (``solutions/intermediate/02_deployment_exercises.ipynb``).

Ids are ``intermediate/deployment/<task number>``.  The tasks use a museum's
ticket system: its API deployed on Kubernetes, its serverless booking
functions, a choice of design for surviving a region outage, and a choice of
which container may reach a legacy system across a VPN, and a choice of where its
database runs; they go with Examples
39 to 45 of the intermediate course.
"""

from __future__ import annotations

from c4kit.exercises.tasks import (
    ChoiceTask,
    Concept,
    DiagramTask,
    Option,
    RelSpec,
    container,
    database,
    register,
)

_ROUTES = ("rout", "send", "forward", "pass", "direct", "balanc", "spread", "call", "invok", "trigger", "map")

DEPLOYMENT = (
    DiagramTask(
        "intermediate/deployment/1", "Run the Ticket API on Kubernetes", diagram="deployment",
        elements=(
            container("Ingress", technology="NGINX", inside="Kubernetes cluster",
                      synonyms=("Ingress Controller", "NGINX Ingress")),
            container("Ticket API", technology=False, inside="Kubernetes cluster", replicas=4),
            container("Ticket Worker", technology=False, inside="Kubernetes cluster", replicas=2),
            database("Ticket Database", technology=False, inside="Managed PostgreSQL",
                     synonyms=("Ticket DB", "Tickets Database")),
        ),
        relationships=(
            RelSpec("Ingress", "Ticket API", _ROUTES,
                    about="Say what the Ingress does with the requests: routes them to the Ticket API."),
        )),
    DiagramTask(
        "intermediate/deployment/2", "Make the booking functions serverless", diagram="deployment",
        elements=(
            container("API Gateway", technology=True, synonyms=("Gateway",)),
            container("Booking Handler", technology=False, inside="bookings"),
            container("Ticket Mailer", technology=False, inside="mailer"),
            database("Booking Table", technology=False, inside="DynamoDB", synonyms=("Bookings Table",)),
        ),
        relationships=(
            RelSpec("API Gateway", "Booking Handler", _ROUTES,
                    about="Say which route the gateway sends to the Booking Handler: POST /bookings."),
        )),
    ChoiceTask(
        "intermediate/deployment/3", "Choose a design that survives a region outage",
        options=(
            Option("active-active", "Active-active in two regions, with health-checked DNS", correct=True,
                   synonyms=("active active", "two active regions", "multi-region active-active")),
            Option("multi-az", "One region, two availability zones",
                   why_not="both zones are in the one region, so an outage of the whole region takes both down; "
                           "zones protect against losing a data centre, not a region",
                   synonyms=("two zones", "multi az", "availability zones", "one region")),
            Option("backup", "One region, with nightly backups copied to a second region",
                   why_not="backups let you rebuild after a disaster, but rebuilding takes hours and loses the "
                           "day's changes; nothing serves users while the region is down",
                   synonyms=("backups", "nightly backups", "backup and restore")),
        ),
        concepts=(
            Concept(("health", "failover", "fail over", "reroute", "re-route", "redirect", "dns", "route 53",
                     "route53", "switch", "send"),
                    "how users reach the surviving region when one fails"),
            Concept(("replicat", "copy", "copies", "sync", "consisten", "data"),
                    "how the data gets to both regions"),
            Concept(("capacity", "headroom", "load", "traffic", "absorb", "scale", "extra"),
                    "whether the surviving region can carry everyone"),
        )),
    ChoiceTask(
        "intermediate/deployment/4", "Choose who talks to the legacy system across the VPN",
        options=(
            Option("integration", "Only the integration layer calls the legacy system", correct=True,
                   synonyms=("integration layer", "the integration layer", "api gateway", "gateway")),
            Option("every service", "Each new microservice calls the legacy system directly",
                   why_not="every service then depends on the legacy API and on the VPN, and moving the legacy "
                           "system one day means changing every one of them",
                   synonyms=("each service", "every microservice", "microservices", "directly")),
            Option("database link", "Aurora reads the Oracle tables through a database link",
                   why_not="it couples the new data model to the legacy schema and bypasses the legacy "
                           "application's rules; a schema change on premises would break the cloud side",
                   synonyms=("db link", "database link", "dblink", "aurora")),
        ),
        concepts=(
            Concept(("one place", "single place", "only", "one container", "hide", "hides", "abstract", "behind",
                     "isolat", "mediat", "decoupl"),
                    "where the knowledge of the legacy system lives"),
            Concept(("vpn", "tunnel", "network", "latency", "on-prem", "on prem", "data centre", "data center"),
                    "what every call to the legacy system has to cross"),
            Concept(("migrat", "move", "change", "replace", "later", "retire"),
                    "what happens when the legacy system moves to the cloud"),
        )),
    ChoiceTask(
        "intermediate/deployment/5", "Choose where the Ticket Database runs",
        options=(
            Option("managed", "A managed PostgreSQL service outside the cluster", correct=True,
                   synonyms=("managed service", "managed database", "managed postgresql", "outside the cluster",
                             "rds")),
            Option("pods", "Pods inside the cluster, run by the team",
                   why_not="it can work (as a StatefulSet with its own volumes), but then backups, upgrades and "
                           "failover of the database are the team's job, on machines Kubernetes may replace",
                   synonyms=("statefulset", "inside the cluster", "in the cluster", "pod")),
            Option("local disk", "A file on the API pods' local disk",
                   why_not="a pod's local disk disappears when the pod is replaced, and four API pods would each "
                           "have their own copy of the bookings",
                   synonyms=("local disk", "on the pods", "sqlite", "file")),
        ),
        concepts=(
            Concept(("replace", "ephemeral", "restart", "reschedul", "come and go", "disappear", "move", "lost",
                     "outliv", "surviv"),
                    "what Kubernetes does to pods"),
            Concept(("backup", "failover", "fail over", "upgrad", "patch", "operat", "run it", "manag"),
                    "who takes care of backups, upgrades and failover"),
            Concept(("hop", "network", "latency", "cost", "control", "price", "tuning", "trade"),
                    "what the choice costs"),
        )),
)

register(*DEPLOYMENT)
