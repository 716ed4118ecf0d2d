"""The intermediate exercises on multi-container architectures.

The notebook is ``solutions/intermediate/05_multi_container_exercises.ipynb``.

Ids are ``intermediate/multi_container/<task number>``.  The tasks use a
hypothetical parcel carrier's tracking system: services that find each other
through a registry, a tracing pipeline whose store goes down, worker pools for
shipping labels sized on a deployment view, the database load when a cache
tier fails, and a choice of release strategy; they go with Examples 56 to 60
of the intermediate course.
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
    queue,
    register,
)

_SYSTEM = "Parcel Tracking"

# Word stems for labels: any one of them makes a label say what happens.
_LOOKS_UP = ("ask", "look", "find", "discover", "get", "fetch", "quer", "resolv", "request", "read", "check")
_REGISTERS = ("regist", "announc", "sign", "enrol", "join", "advertis", "report", "tell", "publish")
_HEALTH = ("check", "health", "poll", "ping", "prob", "monitor", "watch", "test")

MULTI_CONTAINER = (
    DiagramTask(
        "intermediate/multi_container/1", "Let the services find each other", diagram="container", scope=_SYSTEM,
        elements=(
            container("API Gateway", technology=False, synonyms=("Gateway",)),
            container("Service Registry", technology="Eureka", inside=_SYSTEM, synonyms=("Registry", "Eureka")),
            container("Tracking Service", technology=False),
            container("Label Service", technology=False),
        ),
        relationships=(
            RelSpec("API Gateway", "Service Registry", _LOOKS_UP, technology=True,
                    about="Say what the API Gateway does: asks the registry for the healthy instances of a service."),
            RelSpec("Tracking Service", "Service Registry", _REGISTERS, technology=True,
                    about="Say what the Tracking Service does when it starts: registers its address."),
            RelSpec("Label Service", "Service Registry", _REGISTERS, technology=True,
                    about="Say what the Label Service does when it starts: registers its address."),
            RelSpec("Service Registry", "Tracking Service", _HEALTH, technology=True,
                    about="Say what the registry does to every instance: checks its health."),
            RelSpec("Service Registry", "Label Service", _HEALTH, technology=True,
                    about="Say what the registry does to every instance: checks its health."),
        )),
    BlastRadiusTask(
        "intermediate/multi_container/2", "What stops when the Trace Store is down?", faults=("Trace Store",),
        level="container", scope=_SYSTEM, status="down"),
    DiagramTask(
        "intermediate/multi_container/3", "Size the label worker pools", diagram="deployment",
        elements=(
            container("Label API", technology=False, inside="Kubernetes cluster", replicas=2),
            container("Express Label Workers", technology=False, inside="Kubernetes cluster", replicas=4,
                      synonyms=("Express Workers",)),
            container("Bulk Label Workers", technology=False, inside="Kubernetes cluster", replicas=2,
                      synonyms=("Bulk Workers",)),
            queue("Label Queue", technology=False, inside="Managed RabbitMQ", synonyms=("Label Jobs",)),
        )),
    ChoiceTask(
        "intermediate/multi_container/4", "Predict the database load when Redis fails",
        options=(
            Option("400", "400 requests per second", correct=True,
                   synonyms=("400 req/s", "400 requests per second", "four hundred")),
            Option("40", "40 requests per second",
                   why_not="that is the database's load while both cache tiers are up; with Redis down, every "
                           "request the CDN misses goes straight on to the database",
                   synonyms=("40 req/s", "forty")),
            Option("4000", "4,000 requests per second",
                   why_not="the CDN is still up and still answers 9 requests in 10 at the edge; only the requests "
                           "it misses reach the application",
                   synonyms=("4,000", "4000 req/s", "4 000", "all of them", "four thousand")),
            Option("4", "4 requests per second",
                   why_not="losing a tier never lowers the load behind it: the requests Redis used to answer now "
                           "fall through to the database",
                   synonyms=("4 req/s", "four")),
        ),
        concepts=(
            Concept(("cdn", "edge", "still up", "first tier", "90", "tenth", "10 %", "10%", "one in ten",
                     "1 in 10", "miss"),
                    "what the tier that is still up (the CDN) does to the 4,000 requests"),
            Concept(("300", "capacity", "overload", "more than it can", "too many", "exceed", "time out", "timeout",
                     "cannot cope", "can't cope", "not cope", "sized"),
                    "what that load means for a database that can take 300 requests per second"),
        )),
    ChoiceTask(
        "intermediate/multi_container/5", "Choose how to release the Tracking API",
        options=(
            Option("canary", "Canary: 10 %, then 25 %, 50 % and 100 % of the traffic, checked at every step",
                   correct=True, synonyms=("canary release", "canary deployment", "canaries")),
            Option("blue-green", "Blue-green: a full second copy, then switch all traffic at once",
                   why_not="the switch back is instant, but after the switch every user is on the new version "
                           "at once, so a bad release reaches everyone before its error rate gives it away; it "
                           "also needs a full second copy of all six instances",
                   synonyms=("blue green", "bluegreen", "blue/green")),
            Option("rolling", "Rolling: replace the instances two at a time",
                   why_not="it needs no spare capacity, but the first batch already puts a third of the users on "
                           "the new version, and going back means replacing instances again, batch by batch",
                   synonyms=("rolling update", "rolling release", "rolling deployment")),
        ),
        concepts=(
            Concept(("10 %", "10%", "tenth", "small share", "few users", "small group", "some users", "fraction",
                     "share", "percent", "portion", "subset"),
                    "how many users a bad version can reach"),
            Concept(("capacity", "instance", "replica", "copy", "spare", "room", "fit", "cluster"),
                    "how many extra instances it needs"),
            Concept(("roll back", "rollback", "rolled back", "weight", "back to", "revert", "instant", "stop",
                     "error", "compare", "threshold", "monitor"),
                    "how a bad version is caught and undone"),
        )),
)

register(*MULTI_CONTAINER)
