"""The beginner exercises: what each task of ``solutions/beginner/*.ipynb`` asks for.

One section per notebook; ids are ``beginner/<set>/<task number>``, the
number of the task's ``### Task N`` heading.  Element names follow the
Bookshop canon of the beginner course (plus a town library and a cinema for
variety).  Every name a spec marks ``named`` appears in its task's brief
(the test suite checks that); the others are found by the learner, and the
feedback speaks of them through their ``hint``.
"""

from __future__ import annotations

from c4kit.exercises.tasks import (
    BlastRadiusTask,
    ChoiceTask,
    CompensationTask,
    Concept,
    DiagramTask,
    ElementSpec,
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
from c4kit.exercises.verbs import CALLS, READS_WRITES

# Word stems for labels: any one of them makes a label say what happens.
_USES_SHOP = ("find", "buy", "brows", "search", "order", "track", "shop", "purchas")
_PAYS = ("pay", "charg", "card", "take")
_SENDS_MAIL = ("send", "mail", "email", "deliver", "notif")
_CALLS = (*CALLS, "use", "forward", "mak", "plac")

_NO_CONTAINERS = Forbid("a system context diagram shows each software system as one box; its containers belong "
                        "on a container diagram", kind="container")
_NO_COMPONENTS = Forbid("components are two zoom levels further in, on a component diagram", kind="component")
_NO_COMPONENTS_HERE = Forbid("components live inside one container and belong on its component diagram",
                             kind="component")

# ---------------------------------------------------------------------------
# 01 System context
# ---------------------------------------------------------------------------

_CUSTOMER = person("Customer", synonyms=("Customers", "Book buyer", "Shopper"))
_SHOP = system("Bookshop", external=False, synonyms=("Book Shop", "Online Bookshop", "Bookshop system"))
_PAYMENT = system("Payment Provider", external=True, synonyms=("Payment Service", "Payments", "Card Payments",
                                                               "Payment Gateway"))
_EMAIL = system("E-mail Service", external=True, synonyms=("Email Provider", "Mail Service", "E-mail Provider",
                                                           "Mailer"))
_CUSTOMER_USES_SHOP = RelSpec("Customer", "Bookshop", _USES_SHOP,
                              about="Say what the customer does with the Bookshop, e.g. finds and buys books.")
_SHOP_PAYS = RelSpec("Bookshop", "Payment Provider", _PAYS,
                     about="Say what the Bookshop uses the Payment Provider for: taking card payments.")
_SHOP_MAILS = RelSpec("Bookshop", "E-mail Service", _SENDS_MAIL,
                      about="Say what the Bookshop uses the E-mail Service for: sending order and shipping e-mails.")

CONTEXT = (
    DiagramTask(
        "beginner/context/1", "Your first context diagram", diagram="context", scope="Bookshop",
        elements=(_CUSTOMER, _SHOP), relationships=(_CUSTOMER_USES_SHOP,), forbid=(_NO_CONTAINERS, _NO_COMPONENTS)),
    DiagramTask(
        "beginner/context/2", "Add the external systems", diagram="context", scope="Bookshop",
        elements=(_CUSTOMER, _SHOP, _PAYMENT, _EMAIL),
        relationships=(_CUSTOMER_USES_SHOP, _SHOP_PAYS, _SHOP_MAILS), forbid=(_NO_CONTAINERS, _NO_COMPONENTS)),
    DiagramTask(
        "beginner/context/3", "Staff, partners and the enterprise boundary", diagram="context", scope="Bookshop",
        elements=(
            _CUSTOMER,
            system("Bookshop", external=False, inside="Bookshop Ltd", synonyms=_SHOP.synonyms),
            person("Bookseller", external=False, inside="Bookshop Ltd", synonyms=("Booksellers", "Shop staff")),
            person("Publisher", external=True, synonyms=("Publishers",)),
        ),
        relationships=(
            _CUSTOMER_USES_SHOP,
            RelSpec("Bookseller", "Bookshop", ("keep", "updat", "edit", "manag", "maintain", "chang", "set"),
                    about="Say what the Bookseller does with the Bookshop: keeps the catalogue, prices and stock "
                          "up to date."),
            RelSpec("Publisher", "Bookshop", ("send", "upload", "submit", "deliver", "provid", "publish"),
                    about="Say what the Publisher does: sends new titles and price changes."),
        ),
        forbid=(_NO_CONTAINERS, _NO_COMPONENTS)),
    DiagramTask(
        "beginner/context/4", "Fix a broken diagram with the linter", diagram="context",
        elements=(_CUSTOMER, _SHOP, _PAYMENT, _EMAIL),
        relationships=(_CUSTOMER_USES_SHOP, _SHOP_PAYS, _SHOP_MAILS), forbid=(_NO_CONTAINERS, _NO_COMPONENTS)),
    DiagramTask(
        "beginner/context/5", "A library's lending system, by hand", diagram="context", scope="Lending System",
        elements=(
            person("Member", external=False, synonyms=("Library Member", "Members", "Borrower")),
            person("Librarian", external=False, synonyms=("Librarians", "Library staff")),
            system("Lending System", external=False, synonyms=("Library Lending System", "Loans System")),
            system("Union Catalogue", external=True, synonyms=("Shared Catalogue", "Union Catalog")),
            system("SMS Gateway", external=True, synonyms=("SMS Service", "SMS Provider", "Text Message Gateway")),
        ),
        relationships=(
            RelSpec("Member", "Lending System", ("borrow", "reserv", "loan", "search", "find", "renew", "brows"),
                    about="Say what a member does: borrows and reserves books."),
            RelSpec("Librarian", "Lending System", ("check", "lend", "record", "issu", "return", "manag", "loan"),
                    about="Say what a librarian does: checks books in and out."),
            RelSpec("Lending System", "Union Catalogue", ("look", "search", "find", "quer", "read", "fetch", "get"),
                    about="Say what the Lending System uses the catalogue for: looking up titles."),
            RelSpec("Lending System", "SMS Gateway", ("send", "remind", "text", "notif", "messag"),
                    about="Say what the Lending System uses the gateway for: sending due-date reminders."),
        ),
        forbid=(_NO_CONTAINERS, _NO_COMPONENTS)),
)

# ---------------------------------------------------------------------------
# 02 Containers
# ---------------------------------------------------------------------------

_WEB = container("Web Shop", technology="React", synonyms=("Web App", "Web Application", "Single-page app"))
_API = container("Shop API", technology="Django", synonyms=("API", "Backend", "Shop Backend"))
_DB = database("Shop Database", technology="PostgreSQL", synonyms=("Shop DB", "Database"))
_EVENTS = queue("Order Events", technology="RabbitMQ", synonyms=("Order Queue", "Event Queue", "Order Event Queue"))
_WORKER = container("Notification Worker", technology="Celery", synonyms=("Notifier", "E-mail Worker"))

CONTAINERS = (
    DiagramTask(
        "beginner/containers/1", "Zoom into the Bookshop", diagram="container", scope="Bookshop",
        elements=(_CUSTOMER, _WEB, _API, _DB, _PAYMENT),
        relationships=(
            RelSpec("Customer", "Web Shop", _USES_SHOP, about="Say what the customer does with the Web Shop."),
            RelSpec("Web Shop", "Shop API", _CALLS, technology="HTTPS",
                    about="Say what the Web Shop does with the Shop API, e.g. calls it or places orders with it."),
            RelSpec("Shop API", "Shop Database", READS_WRITES, technology="SQL",
                    about="Say what the Shop API does with the database: reads and writes books, stock and orders."),
            RelSpec("Shop API", "Payment Provider", _PAYS, technology="HTTPS",
                    about="Say what the Shop API uses the Payment Provider for: taking card payments."),
        ),
        forbid=(_NO_COMPONENTS_HERE,)),
    DiagramTask(
        "beginner/containers/2", "Add the missing relationships", diagram="container", scope="Lending System",
        elements=(
            container("Lending API", technology=False),
            queue("Reminder Queue", technology=False, synonyms=("Reminders Queue", "Reminder Events")),
            container("Reminder Worker", technology=False, synonyms=("Reminders Worker",)),
            system("SMS Gateway", external=True, synonyms=("SMS Service", "SMS Provider")),
        ),
        relationships=(
            RelSpec("Lending API", "Reminder Queue", ("publish", "send", "put", "queu", "emit", "post", "push",
                                                      "schedul", "add", "writ", "enqueu"),
                    technology=True, named=False, hint="how does a reminder get into the Reminder Queue?"),
            RelSpec("Reminder Worker", "Reminder Queue", ("consum", "read", "receiv", "subscrib", "take", "pick",
                                                          "listen", "pull", "get", "fetch", "poll"),
                    technology=True, named=False, hint="how does the Reminder Worker get its reminders?"),
            RelSpec("Reminder Worker", "SMS Gateway", ("send", "text", "remind", "deliver", "notif", "messag"),
                    technology=True, named=False, hint="how does a reminder reach the member's phone?"),
        ),
        forbid=(_NO_COMPONENTS_HERE,)),
    BlastRadiusTask(
        "beginner/containers/3", "Predict the blast radius of a database outage",
        faults=("Shop Database",), level="container", scope="Bookshop"),
    DiagramTask(
        "beginner/containers/4", "A cinema's booking system, by hand", diagram="container",
        elements=(
            person("Moviegoer", synonyms=("Movie goer", "Customer", "Cinemagoer")),
            container("Booking Website", technology="Vue", inside="Cinema Booking",
                      synonyms=("Booking Web App", "Website")),
            container("Booking API", technology="Spring", inside="Cinema Booking", synonyms=("Booking Service",)),
            database("Seat Database", technology="MySQL", inside="Cinema Booking", synonyms=("Seat DB", "Seats DB")),
            system("Payment Gateway", external=True, synonyms=("Payment Provider", "Payments")),
        ),
        relationships=(
            RelSpec("Moviegoer", "Booking Website", ("pick", "choos", "book", "buy", "select", "reserv"),
                    about="Say what the moviegoer does: picks a screening and books seats."),
            RelSpec("Booking Website", "Booking API", (*_CALLS, "book", "reserv"), technology="HTTPS"),
            RelSpec("Booking API", "Seat Database", (*READS_WRITES, "reserv", "lock", "hold"), technology="SQL"),
            RelSpec("Booking API", "Payment Gateway", _PAYS, technology="HTTPS"),
        ),
        forbid=(_NO_COMPONENTS_HERE,)),
    DiagramTask(
        "beginner/containers/5", "A second client and a nightly job", diagram="container", scope="Bookshop",
        elements=(
            _CUSTOMER, _API, _DB,
            container("Mobile App", technology="Kotlin", synonyms=("Mobile Application", "Phone App", "App")),
            container("Stock Sync Job", technology=True, synonyms=("Stock Sync", "Stock Import Job")),
        ),
        relationships=(
            RelSpec("Customer", "Mobile App", _USES_SHOP, about="Say what the customer does with the Mobile App."),
            RelSpec("Mobile App", "Shop API", _CALLS, technology="HTTPS",
                    about="Say what the Mobile App does with the Shop API: calls it, like the Web Shop does."),
            RelSpec("Stock Sync Job", "Shop Database", (*READS_WRITES, "import", "sync"), technology="SQL",
                    about="Say what the job does to the database: updates prices and stock."),
        ),
        forbid=(_NO_COMPONENTS_HERE,)),
)

# ---------------------------------------------------------------------------
# 03 Components and views
# ---------------------------------------------------------------------------

COMPONENTS = (
    DiagramTask(
        "beginner/components/1", "Zoom into the Shop API", diagram="component", scope="Shop API",
        elements=(
            ElementSpec("Web Shop", "container"),
            component("Catalogue Controller", inside="Shop API", synonyms=("Catalog Controller",)),
            component("Orders Controller", inside="Shop API", synonyms=("Order Controller",)),
            component("Checkout Service", inside="Shop API", synonyms=("Checkout",)),
            component("Order Repository", inside="Shop API", synonyms=("Orders Repository",)),
            component("Payment Client", inside="Shop API", synonyms=("Payments Client",)),
            database("Shop Database", technology=False, synonyms=("Shop DB",)),
            _PAYMENT,
        ),
        relationships=(
            RelSpec("Web Shop", "Catalogue Controller", (*_CALLS, "search", "load", "find", "brows")),
            RelSpec("Web Shop", "Orders Controller", (*_CALLS, "order", "submit", "check")),
            RelSpec("Orders Controller", "Checkout Service", (*_CALLS, "check", "pric", "order", "deleg", "run")),
            RelSpec("Checkout Service", "Order Repository", READS_WRITES),
            RelSpec("Checkout Service", "Payment Client", _PAYS + _CALLS),
            RelSpec("Order Repository", "Shop Database", READS_WRITES),
            RelSpec("Catalogue Controller", "Shop Database", (*READS_WRITES, "search")),
            RelSpec("Payment Client", "Payment Provider", _PAYS + _CALLS),
        ),
        forbid=()),
    DiagramTask(
        "beginner/components/2", "Fix the mixed levels", diagram="context",
        elements=(_CUSTOMER, _SHOP, _PAYMENT),
        relationships=(_CUSTOMER_USES_SHOP, _SHOP_PAYS),
        forbid=(_NO_CONTAINERS, _NO_COMPONENTS)),
    DiagramTask(
        "beginner/components/3", "Number the steps of placing an order", diagram="dynamic", ordered=True,
        elements=(_CUSTOMER, _WEB, _API, _PAYMENT, _DB, _EVENTS),
        relationships=(
            RelSpec("Customer", "Web Shop", ("submit", "send", "plac", "check", "order", "buy", "pay")),
            RelSpec("Web Shop", "Shop API", ("plac", "submit", "send", "post", "order", "call")),
            RelSpec("Shop API", "Payment Provider", _PAYS),
            RelSpec("Shop API", "Shop Database", ("sav", "stor", "writ", "record", "insert", "persist")),
            RelSpec("Shop API", "Order Events", ("publish", "send", "emit", "announc", "post", "push")),
        )),
    DiagramTask(
        "beginner/components/4", "Where does it run?", diagram="deployment",
        elements=(
            container("Web Shop", technology=False, inside="Static Website Bucket",
                      synonyms=_WEB.synonyms),
            container("Shop API", technology=False, inside="Container Cluster", replicas=3),
            container("Notification Worker", technology=False, inside="Container Cluster", replicas=2),
            database("Shop Database", technology=False, inside="Managed Database", synonyms=("Shop DB",)),
            queue("Order Events", technology=False, inside="Managed Message Broker"),
        )),
    DiagramTask(
        "beginner/components/5", "The cinema's Booking API, by hand", diagram="component",
        elements=(
            container("Booking Website", technology=False, synonyms=("Booking Web App", "Website")),
            component("Booking Controller", inside="Booking API"),
            component("Seat Service", inside="Booking API", synonyms=("Seats Service",)),
            component("Seat Repository", inside="Booking API", synonyms=("Seats Repository",)),
            database("Seat Database", technology=False, synonyms=("Seat DB", "Seats DB")),
        ),
        relationships=(
            RelSpec("Booking Website", "Booking Controller", (*_CALLS, "book", "reserv"), technology="HTTPS"),
            RelSpec("Booking Controller", "Seat Service", (*_CALLS, "book", "reserv", "hold", "deleg")),
            RelSpec("Seat Service", "Seat Repository", (*READS_WRITES, "reserv", "lock", "hold", "use")),
            RelSpec("Seat Repository", "Seat Database", READS_WRITES, technology="SQL"),
        )),
)

# ---------------------------------------------------------------------------
# 04 Bonus: failures, sagas, releases
# ---------------------------------------------------------------------------

BONUS = (
    BlastRadiusTask(
        "beginner/bonus/1", "Who notices when e-mail is down?", faults=("E-mail Service",), level="container",
        scope="Bookshop", status="affected"),
    CompensationTask("beginner/bonus/2", "Undo a failed order, step by step", fail_at="Book courier"),
    ChoiceTask(
        "beginner/bonus/3", "Choose how to release a risky change",
        options=(
            Option("canary", "Canary release", correct=True, synonyms=("canary deployment", "canary release")),
            Option("blue-green", "Blue-green deployment",
                   why_not="it switches all traffic at once, so every customer meets the new pricing at the same "
                           "moment (the rollback is quick, but the exposure is total)",
                   synonyms=("blue green", "bluegreen", "blue/green", "blue-green deployment")),
            Option("rolling", "Rolling update",
                   why_not="it replaces replicas batch by batch without waiting for a verdict, so the share of "
                           "customers on the new version grows with each batch, not with the evidence",
                   synonyms=("rolling update", "rolling deployment", "rolling release")),
        ),
        concepts=(
            Concept(("small", "share", "percent", "fraction", "portion", "subset", "few", "some", "10", "part",
                     "minority", "slice"),
                    "how much of the traffic meets the new version first"),
            Concept(("roll back", "rollback", "revert", "switch back", "undo", "move back", "back to", "abort",
                     "stop"),
                    "what happens when the error rate rises"),
            Concept(("error", "metric", "monitor", "watch", "observ", "measur", "alert"),
                    "what the team watches while the share grows"),
        )),
)

register(*CONTEXT, *CONTAINERS, *COMPONENTS, *BONUS)
