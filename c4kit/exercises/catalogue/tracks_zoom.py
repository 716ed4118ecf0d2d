"""The zoom walkthrough exercises: what each task of the walkthrough's exercise notebook asks for.

The notebook is ``solutions/zoom_walkthrough/01_zoom_walkthrough_exercises.ipynb``.

Ids are ``tracks/zoom/<task number>``.  The system is a small cousin of the
walkthrough's e-commerce platform: a fitness studio's Class Booking Platform,
zoomed through the same layers (its context, its containers, the components of
its Booking Service, the retry policy of its event pipeline, and the OAuth2
sign-in with PKCE through its BFF, as one numbered dynamic view).  Every name a
spec marks ``named`` appears in its task's brief.
"""

from __future__ import annotations

from c4kit.exercises.tasks import (
    ChoiceTask,
    Concept,
    DiagramTask,
    Forbid,
    Option,
    RelSpec,
    component,
    container,
    database,
    person,
    queue,
    register,
    system,
)
from c4kit.exercises.verbs import CALLS, CONSUMES, PUBLISHES, READS_WRITES

_CALLS = (*CALLS, "use", "forward", "pass", "rout", "book")
_BOOKS = ("book", "cancel", "find", "brows", "search", "reserv", "join", "sign", "pay", "check")
_PLANS = ("plan", "schedul", "manag", "set", "publish", "edit", "run", "updat", "organi", "maintain", "creat")
_SIGNS_IN = ("sign", "log", "authenticat", "verif", "identif", "check", "authori")
_PAYS = ("pay", "charg", "card", "take", "bill")
_TEXTS = ("send", "remind", "text", "notif", "messag", "sms")

_NO_CONTAINERS = Forbid("a system context diagram shows the platform as one box; its containers belong on the "
                        "container diagram, one zoom level in", kind="container")
_NO_COMPONENTS = Forbid("components live inside one container and belong on its component diagram",
                        kind="component")

_MEMBER = person("Member", synonyms=("Members", "Studio Member", "Gym Member", "Customer"))
_MANAGER = person("Studio Manager", synonyms=("Studio Managers", "Manager", "Studio Admin", "Admin"))
_IDP = system("Identity Provider", external=True,
              synonyms=("IdP", "Identity Service", "OAuth Provider", "Auth Provider", "OAuth2 Provider"))
_PAYMENT = system("Payment Provider", external=True, synonyms=("Payment Service", "Payments", "Payment Gateway"))
_SMS = system("SMS Gateway", external=True, synonyms=("SMS Service", "SMS Provider", "Text Message Gateway"))

_WEB_SYNONYMS = ("Web Application", "Web UI", "Single-page app", "SPA", "Frontend")
_BFF_SYNONYMS = ("Backend for Frontend", "Backend for the Web App", "Web BFF")
_SESSIONS_SYNONYMS = ("Sessions", "Session DB", "Session Cache")
_BOOKING_DB_SYNONYMS = ("Booking Database", "Bookings DB", "Bookings Database")
_BUS_SYNONYMS = ("Event Stream", "Message Bus", "Events")

TASKS = (
    DiagramTask(
        "tracks/zoom/1", "The studio platform as one box", diagram="context", scope="Class Booking Platform",
        elements=(
            _MEMBER,
            _MANAGER,
            system("Class Booking Platform", external=False,
                   synonyms=("Class Booking", "Booking Platform", "Class Booking System")),
            _IDP,
            _PAYMENT,
            _SMS,
        ),
        relationships=(
            RelSpec("Member", "Class Booking Platform", _BOOKS,
                    about="Say what a member does with the platform: finds, books and cancels classes."),
            RelSpec("Studio Manager", "Class Booking Platform", _PLANS,
                    about="Say what the studio manager does with the platform: plans the timetable."),
            RelSpec("Class Booking Platform", "Identity Provider", _SIGNS_IN,
                    about="Say what the platform uses the Identity Provider for: signing members in."),
            RelSpec("Class Booking Platform", "Payment Provider", _PAYS,
                    about="Say what the platform uses the Payment Provider for: taking card payments."),
            RelSpec("Class Booking Platform", "SMS Gateway", _TEXTS,
                    about="Say what the platform uses the SMS Gateway for: sending class reminders."),
        ),
        forbid=(_NO_CONTAINERS, _NO_COMPONENTS)),
    DiagramTask(
        "tracks/zoom/2", "Zoom in: the platform's containers", diagram="container", scope="Class Booking Platform",
        elements=(
            _MEMBER,
            _MANAGER,
            container("Web App", synonyms=_WEB_SYNONYMS),
            container("BFF", synonyms=_BFF_SYNONYMS),
            database("Session Store", synonyms=_SESSIONS_SYNONYMS),
            container("Booking Service", synonyms=("Bookings Service",)),
            database("Booking DB", synonyms=_BOOKING_DB_SYNONYMS),
            queue("Event Bus", synonyms=_BUS_SYNONYMS),
            container("Notification Service", synonyms=("Notifications Service", "Notifier", "Reminder Service")),
            _IDP,
            _PAYMENT,
            _SMS,
        ),
        relationships=(
            RelSpec("Member", "Web App", _BOOKS,
                    about="The member's arrow now ends at the Web App: say what the member does with it."),
            RelSpec("Studio Manager", "Web App", _PLANS,
                    about="The studio manager's arrow now ends at the Web App: say what they do with it."),
            RelSpec("Web App", "BFF", _CALLS, technology=True,
                    about="Say what the Web App does with the BFF: it calls it for everything it shows."),
            RelSpec("BFF", "Identity Provider", _SIGNS_IN,
                    about="The BFF is the OAuth2 client: say that it signs members in through the Identity Provider."),
            RelSpec("BFF", "Session Store", READS_WRITES, technology=True,
                    about="Say what the BFF keeps in the Session Store: the encrypted refresh tokens."),
            RelSpec("BFF", "Booking Service", _CALLS, technology=True,
                    about="Say what the BFF does with the Booking Service: books and lists classes through it."),
            RelSpec("Booking Service", "Booking DB", READS_WRITES, technology=True,
                    about="Say what the Booking Service does with its database: reads and writes bookings."),
            RelSpec("Booking Service", "Payment Provider", _PAYS,
                    about="The platform's payment arrow now starts at the Booking Service: it charges cards."),
            RelSpec("Booking Service", "Event Bus", PUBLISHES, technology=True,
                    about="Say what the Booking Service puts on the bus: it publishes ClassBooked."),
            RelSpec("Notification Service", "Event Bus", CONSUMES, technology=True,
                    about="Say what the Notification Service takes from the bus: it consumes ClassBooked."),
            RelSpec("Notification Service", "SMS Gateway", _TEXTS,
                    about="The platform's SMS arrow now starts at the Notification Service: it sends reminders."),
        ),
        forbid=(_NO_COMPONENTS,)),
    DiagramTask(
        "tracks/zoom/3", "Zoom in again: inside the Booking Service", diagram="component", scope="Booking Service",
        elements=(
            component("Booking API", synonyms=("Booking Endpoints", "Booking Router", "Bookings API")),
            component("Booking Coordinator", synonyms=("Coordinator", "Booking Saga", "Booking Workflow")),
            component("Payment Client", synonyms=("Payments Client", "Payment Adapter")),
            component("Booking Repository", synonyms=("Bookings Repository", "Repository")),
            component("Event Publisher", synonyms=("Events Publisher", "Publisher")),
            container("BFF", technology=False, synonyms=_BFF_SYNONYMS),
            database("Booking DB", technology=False, synonyms=_BOOKING_DB_SYNONYMS),
            queue("Event Bus", technology=False, synonyms=_BUS_SYNONYMS),
            _PAYMENT,
        ),
        relationships=(
            RelSpec("BFF", "Booking API", _CALLS,
                    about="The BFF's arrow now ends at the component it calls: the Booking API."),
            RelSpec("Booking API", "Booking Coordinator", ("pass", "hand", "forward", "call", "send", "start",
                                                           "delegat", "rout", "book"),
                    about="Say what the Booking API does with a new booking: passes it to the Booking Coordinator."),
            RelSpec("Booking Coordinator", "Payment Client", ("pay", "charg", "take", "call", "bill"),
                    about="Say what the Booking Coordinator uses the Payment Client for: taking the payment."),
            RelSpec("Payment Client", "Payment Provider", _PAYS, technology=True,
                    about="Say what the Payment Client does with the Payment Provider: charges cards."),
            RelSpec("Booking Coordinator", "Booking Repository", ("sav", "stor", "writ", "persist", "record",
                                                                  "keep", "updat"),
                    about="Say what the Booking Coordinator does through the repository: saves the booking."),
            RelSpec("Booking Repository", "Booking DB", READS_WRITES, technology=True,
                    about="Say what the Booking Repository does with the Booking DB: reads and writes bookings."),
            RelSpec("Booking Coordinator", "Event Publisher", ("announc", "publish", "send", "emit", "rais",
                                                               "tell", "notif"),
                    about="Say what the Booking Coordinator does through the Event Publisher: announces the "
                          "booking."),
            RelSpec("Event Publisher", "Event Bus", PUBLISHES, technology=True,
                    about="Say what the Event Publisher puts on the bus: it publishes ClassBooked."),
        )),
    ChoiceTask(
        "tracks/zoom/4", "After the third failed retry",
        options=(
            Option("dlq", "It is parked in the DLQ Topic, and the Consumer Group moves on", correct=True,
                   synonyms=("dead-letter queue", "dead letter queue", "dead-letter topic", "DLQ Topic", "parked",
                             "park it", "dead-letter", "dead letter")),
            Option("retry", "It is retried again after 8 s, and so on until it succeeds",
                   why_not="the policy stops after three retries, and more would not help anyway: the phone number "
                           "is wrong, so every attempt fails the same way, however long the pause before it",
                   synonyms=("retry again", "retry forever", "keep retrying", "fourth retry", "8 s", "8s")),
            Option("drop", "It is dropped, and its offset committed",
                   why_not="the event would vanish without a trace: the member gets no reminder and nobody ever "
                           "learns that one was missed, or why",
                   synonyms=("dropped", "discard", "discarded", "skip", "skip it", "delete", "lose it")),
            Option("block", "The Consumer Group stops and waits until someone fixes it",
                   why_not="every reminder queued behind it would wait too, for as long as the wrong phone number "
                           "stays wrong: one bad event would hold up all the good ones",
                   synonyms=("wait", "stop", "pause", "blocks", "stop the consumer", "stops")),
            Option("breaker", "The Circuit Breaker opens",
                   why_not="the Circuit Breaker guards the writes to the Main Topics, on the way in; it never sees "
                           "a delivery that fails on the way out, and one bad event is no sign that Kafka is failing",
                   synonyms=("circuit breaker", "breaker opens", "open the breaker", "the breaker opens")),
        ),
        concepts=(
            Concept(("never", "poison", "wrong", "invalid", "bad", "malformed", "typo", "always", "cannot", "can't",
                     "won't", "will not", "permanent", "same way", "pointless", "useless", "no point"),
                    "why more retries would not help this event"),
            Concept(("other", "rest", "behind", "next", "block", "continu", "carr", "move on", "moves on", "flow",
                     "held", "hold", "stuck"),
                    "what happens to the events behind it"),
            Concept(("alert", "page", "inspect", "look", "operator", "human", "someone", "somebody", "on-call",
                     "on call", "replay", "investigat", "engineer", "fix", "team", "person", "people"),
                    "how the event gets a person's attention, or a second chance"),
        ),
        min_words=12),
    DiagramTask(
        "tracks/zoom/5", "Number the sign-in with PKCE", diagram="dynamic", ordered=True,
        elements=(
            person("Member", synonyms=_MEMBER.synonyms),
            container("Web App", technology=False, synonyms=_WEB_SYNONYMS),
            container("BFF", technology=False, synonyms=_BFF_SYNONYMS),
            database("Session Store", technology=False, synonyms=_SESSIONS_SYNONYMS),
            _IDP,
        ),
        relationships=(
            RelSpec("Member", "Web App", ("click", "sign", "start", "log", "tap", "press", "ask", "choos"),
                    about="Say what the member does in the Web App: clicks Sign in."),
            RelSpec("Web App", "BFF", ("ask", "sign", "login", "get", "request", "call", "send", "start"),
                    about="Say what the Web App asks its BFF for: to start the sign-in (GET /auth/login)."),
            RelSpec("BFF", "Member", ("challeng",),
                    about="The redirect to /authorize carries the code_challenge, the hash of the secret the BFF "
                          "keeps: say so on the arrow."),
            RelSpec("Member", "Identity Provider", ("sign", "log", "enter", "authenticat", "credential", "type",
                                                    "submit", "password"),
                    about="Say what the member does at the Identity Provider: signs in on its login page."),
            RelSpec("Identity Provider", "BFF", ("code",),
                    about="Say what the Identity Provider sends back to the BFF's callback: a one-time "
                          "authorization code."),
            RelSpec("BFF", "Identity Provider", ("verifier",),
                    about="The token request carries the code and the code_verifier, the secret that proves the "
                          "BFF started this sign-in: say so on the arrow."),
            RelSpec("BFF", "Session Store", ("stor", "sav", "keep", "put", "writ", "cach", "hold", "refresh"),
                    about="Say what the BFF keeps in the Session Store: the refresh token, encrypted."),
            RelSpec("BFF", "Web App", ("cookie",),
                    about="Say what the browser gets at the end: a session cookie (httpOnly), and no token."),
        ),
        forbid=(_NO_COMPONENTS,)),
)

register(*TASKS)
