"""The intermediate exercises on dynamic flows (``solutions/intermediate/03_dynamic_flows_exercises.ipynb``).

Ids are ``intermediate/flows/<task number>``.  The tasks use a cinema's Box
Office (tickets sold, an event fanned out to two consumers), a concert-ticket
saga, a client rejected by a rate limiter, and a choice of diagram for a
database transaction; they go with Examples 46 to 50 of the intermediate course.
"""

from __future__ import annotations

from c4kit.exercises.tasks import (
    BlastRadiusTask,
    ChoiceTask,
    CompensationTask,
    Concept,
    DiagramTask,
    Option,
    RelSpec,
    container,
    queue,
    register,
)
from c4kit.exercises.verbs import DELIVERS, PUBLISHES

_COMMITS = ("commit", "acknowledg", "ack", "confirm", "mark", "record", "stor", "sav")

FLOWS = (
    DiagramTask(
        "intermediate/flows/1", "Number the steps of an event fan-out", diagram="dynamic", ordered=True,
        elements=(
            container("Ticket Service", technology=False),
            queue("Event Bus", technology=False),
            container("Seat Map Service", technology=False),
            container("Email Service", technology=False, synonyms=("E-mail Service",)),
        ),
        relationships=(
            RelSpec("Ticket Service", "Event Bus", PUBLISHES,
                    about="Say what the Ticket Service does: publishes ticket.sold to the Event Bus."),
            RelSpec("Event Bus", "Seat Map Service", DELIVERS,
                    about="Say what the Event Bus does: delivers the event to the Seat Map Service."),
            RelSpec("Event Bus", "Email Service", DELIVERS,
                    about="Say what the Event Bus does: delivers the event to the Email Service."),
            RelSpec("Seat Map Service", "Event Bus", _COMMITS,
                    about="Say what the Seat Map Service does when it is done: commits its offset."),
            RelSpec("Email Service", "Event Bus", _COMMITS,
                    about="Say what the Email Service does when it is done: commits its offset."),
        )),
    BlastRadiusTask(
        "intermediate/flows/2", "Who notices when the Event Bus is down?", faults=("Event Bus",),
        level="container", scope="Box Office", status="affected"),
    CompensationTask("intermediate/flows/3", "Undo a failed ticket purchase", fail_at="Issue tickets"),
    ChoiceTask(
        "intermediate/flows/4", "Choose how a client retries after a 429",
        options=(
            Option("backoff", "Exponential backoff with jitter, honouring Retry-After", correct=True,
                   synonyms=("exponential backoff", "backoff with jitter", "exponential")),
            Option("immediately", "Retry at once",
                   why_not="every retry arrives while the limit is still exceeded, so it only burns requests and "
                           "adds load to the gateway, and thousands of clients doing it together make a retry storm",
                   synonyms=("at once", "immediate", "retry immediately", "right away")),
            Option("fixed", "Retry every second",
                   why_not="a fixed, short pause ignores what the gateway said (wait 30 seconds) and keeps all "
                           "rejected clients retrying in step with each other",
                   synonyms=("fixed delay", "every second", "constant", "fixed interval")),
        ),
        concepts=(
            Concept(("retry-after", "retry after", "header", "told", "tells", "says", "30"),
                    "what the 429 response itself tells the client"),
            Concept(("jitter", "random", "spread", "herd", "lockstep", "in step", "same time", "same moment",
                     "together", "at once"),
                    "why many clients should not come back at the same moment"),
            Concept(("doubl", "exponential", "grow", "longer", "increas", "2 4 8"),
                    "how the wait changes from one retry to the next"),
        )),
    ChoiceTask(
        "intermediate/flows/5", "Choose the diagram for a transaction with two endings",
        options=(
            Option("sequence", "Sequence diagram", correct=True, synonyms=("sequence diagram", "sequenceDiagram")),
            Option("dynamic", "C4 dynamic view",
                   why_not="a dynamic view keeps one arrow per pair of boxes, so the service's many statements to "
                           "the database would have to be folded into one step, and it has no way to show two "
                           "alternative endings",
                   synonyms=("dynamic view", "dynamic diagram", "C4Dynamic")),
            Option("component", "Component view",
                   why_not="it shows which parts exist and who talks to whom, but not the order of the messages "
                           "or how the transaction can end",
                   synonyms=("component view", "component diagram", "C4Component")),
        ),
        concepts=(
            Concept(("alt", "alternativ", "branch", "ending", "either", "two ways", "else", "commit or rollback",
                     "commit or roll", "case"),
                    "how the diagram shows the two endings"),
            Concept(("every message", "each message", "each statement", "every statement", "order", "repeat",
                     "same pair", "back and forth", "several", "many", "all the"),
                    "the many messages that go back and forth between the same two participants"),
        )),
)

register(*FLOWS)
