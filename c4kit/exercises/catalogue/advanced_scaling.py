"""The advanced exercises on scaling patterns (``solutions/advanced/04_scaling_exercises.ipynb``).

Ids are ``advanced/scaling/<task number>``.  The tasks use Encore Tickets, a
hypothetical concert-ticket seller whose traffic arrives in bursts when a big
on-sale opens: an autoscaled Booking API on Kubernetes, where its autoscaler
settles during an on-sale, what an outage of the connection pooler takes with
it, how to release on the morning of an on-sale without a cold cache, and a
CDN with origin shields for event posters; they go with Examples 78 to 81 of
the advanced course.
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

# Word stems for labels: any one of them makes a label say what happens.
_ROUTES = ("rout", "send", "forward", "pass", "direct", "balanc", "spread", "steer", "distribut")
_READS = ("read", "get", "fetch", "query", "quer", "pull", "poll", "watch", "ask", "collect", "scrap", "load")
_SETS = ("set", "scal", "resiz", "adjust", "chang", "add", "remov", "control", "manag", "updat", "grow", "shrink")
_FETCHES = ("fetch", "miss", "forward", "ask", "request", "pull", "get", "load", "send", "pass", "go", "call",
            "fill", "refill", "retriev")

_OUT_ON_ANY = Concept(("highest", "largest", "most", "max of", "maximum of", "biggest", "any metric", "each metric",
                       "every metric", "all metrics", "all three", "whichever"),
                      "how the autoscaler combines what the three metrics ask for")
_LIMITS = Concept(("30 pods", "max", "limit", "ceiling", "cap", "bound", "upper", "within"),
                  "whether the limits of 3 and 30 pods change the result")

SCALING = (
    DiagramTask(
        "advanced/scaling/1", "Let an autoscaler run the Booking API", diagram="deployment",
        elements=(
            container("Load Balancer", technology=False),
            container("Booking API", technology=False, inside="Booking API deployment", replicas=3),
            container("Metrics Collector", technology=False, inside="Monitoring"),
            container("Horizontal Pod Autoscaler", technology="HPA", inside="Monitoring",
                      synonyms=("HPA", "Pod Autoscaler", "Autoscaler", "Booking API Autoscaler")),
        ),
        relationships=(
            RelSpec("Load Balancer", "Booking API", _ROUTES, technology="HTTPS",
                    about="Say what the load balancer does with the requests: it routes them to the Booking API."),
            RelSpec("Horizontal Pod Autoscaler", "Metrics Collector", _READS,
                    about="Say what the autoscaler gets from the collector: it reads the metrics it decides on."),
            RelSpec("Horizontal Pod Autoscaler", "Booking API", _SETS,
                    about="Say what the autoscaler does to the Booking API: it sets its number of replicas. That "
                          "arrow is the whole point of the diagram: it shows who changes the replica count."),
        )),
    ChoiceTask(
        "advanced/scaling/2", "Predict where the autoscaler settles",
        options=(
            Option("25", "25 pods", correct=True, synonyms=("25 pods", "25 replicas", "twenty-five")),
            Option("14", "14 pods",
                   why_not="that is what CPU alone asks for (10 x 84 / 60 = 14). The autoscaler asks every metric "
                           "for its count and follows the one that needs the most pods",
                   synonyms=("14 pods", "14 replicas", "fourteen")),
            Option("15", "15 pods",
                   why_not="that is the queue's answer (10 x 300 / 200 = 15). The queue is not the metric under the "
                           "most pressure here: work out what orders per second ask for too",
                   synonyms=("15 pods", "15 replicas", "fifteen")),
            Option("30", "30 pods",
                   why_not="30 is the ceiling, not a target: the autoscaler goes there only when some metric asks "
                           "for 30 pods or more, and none of these does",
                   synonyms=("30 pods", "30 replicas", "thirty", "max", "maximum", "max_replicas")),
        ),
        concepts=(
            _OUT_ON_ANY,
            Concept(("order", "business"), "which metric decides the count here"),
            _LIMITS,
        )),
    BlastRadiusTask(
        "advanced/scaling/3", "Predict what a pooler outage takes down",
        faults=("PgBouncer",), level="container", scope="Ticketing"),
    ChoiceTask(
        "advanced/scaling/4", "Choose how to release on the morning of an on-sale",
        options=(
            Option("warm", "A warming job loads the hot data, then the traffic switches", correct=True,
                   synonyms=("warm before switch", "warming", "warming job", "cache warming", "preload", "pre-load",
                             "warm the cache", "warm first")),
            Option("lazy", "Let cache-aside fill the cache from the first requests",
                   why_not="at 10:00 every first request misses at once, so the whole on-sale crowd lands on the "
                           "database in the first minutes: the very load the cache is there to keep away from it",
                   synonyms=("cache-aside", "cache aside", "lazy loading", "lazy load", "on demand", "nothing")),
            Option("everything", "Copy every key the database could give into Redis before the switch",
                   why_not="loading every event, past and future, takes far longer than the half hour before the "
                           "on-sale and fills the memory with data nobody asks for today; a few thousand hot keys "
                           "give nearly all of the benefit",
                   synonyms=("all", "warm everything", "everything", "full copy", "all keys", "whole database")),
        ),
        concepts=(
            Concept(("miss", "cold", "empty", "database", "stampede", "herd", "crowd", "overload", "load on"),
                    "what a cold cache would do to the database when the on-sale opens"),
            Concept(("hot", "popular", "most viewed", "most requested", "top", "pareto", "seat map", "small share",
                     "few", "this event", "today"),
                    "which data is worth warming"),
            Concept(("before", "wait", "after warming", "then switch", "only when", "only after", "finish",
                     "complete", "done"),
                    "when the traffic switch happens"),
        )),
    DiagramTask(
        "advanced/scaling/5", "Put origin shields between the edges and the origin", diagram="deployment",
        elements=(
            container("Edge POP Toronto", technology="TTL 1 hour", inside="Edge tier",
                      synonyms=("Toronto Edge POP", "Edge Toronto", "Toronto Edge")),
            container("Edge POP Madrid", technology="TTL 1 hour", inside="Edge tier",
                      synonyms=("Madrid Edge POP", "Edge Madrid", "Madrid Edge")),
            container("Shield North America", technology="TTL 24 hours", inside="Shield tier",
                      synonyms=("North America Shield", "Origin Shield North America")),
            container("Shield Europe", technology="TTL 24 hours", inside="Shield tier",
                      synonyms=("Europe Shield", "Origin Shield Europe")),
            container("Origin Load Balancer", technology=False, inside="Origin"),
        ),
        relationships=(
            RelSpec("Edge POP Toronto", "Shield North America", _FETCHES, technology="HTTPS",
                    about="Say what the edge gets from its shield: the objects it does not have (its misses). An "
                          "edge asks its own region's shield, never the origin, so that one shield request stands "
                          "in for the requests of many edges."),
            RelSpec("Edge POP Madrid", "Shield Europe", _FETCHES, technology="HTTPS",
                    about="Say what the edge gets from its shield: the objects it does not have (its misses). An "
                          "edge asks its own region's shield, never the origin, so that one shield request stands "
                          "in for the requests of many edges."),
            RelSpec("Shield North America", "Origin Load Balancer", _FETCHES, technology="HTTPS",
                    about="Say what the shield asks the origin for: only its own misses. That is what keeps the "
                          "origin's load small."),
            RelSpec("Shield Europe", "Origin Load Balancer", _FETCHES, technology="HTTPS",
                    about="Say what the shield asks the origin for: only its own misses. That is what keeps the "
                          "origin's load small."),
        )),
)

register(*SCALING)
