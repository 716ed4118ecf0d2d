"""Ready-made examples of every widget, built the way a course notebook builds them.

They serve three readers: a notebook author who wants to see a working call
of each widget before writing their own, the tests (every frame of every
widget here goes through real Mermaid), and the benchmark (``platform`` is
a course-sized container view of about fifty boxes).  Every model is built
with the c4kit API, nothing is hand-written Mermaid.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from c4kit.model.workspace import Workspace
from c4kit.sim import Metric, Saga, SagaStep, ScalingPolicy, TokenBucket
from c4kit.sim.cache import CacheTier, Origin
from c4kit.sim.events import Event, Projection
from c4kit.sim.statemachine import StateMachine


def bookshop() -> SimpleNamespace:
    """The beginner track's Bookshop: people, containers, components and production deployment."""
    ws = Workspace("Bookshop")
    m = SimpleNamespace(ws=ws)
    m.customer = ws.person("Customer", "Browses and buys books")
    m.staff = ws.person("Shop staff", "Manages the catalogue and orders")
    m.shop = ws.system("Bookshop", "Sells books online")
    m.payments = ws.system("Payment provider", "Takes card payments", external=True)
    m.email = ws.system("Email service", "Sends order confirmations", external=True)
    m.web = m.shop.container("Web Shop", "Python, Django", "Serves the catalogue and the checkout")
    m.api = m.shop.container("Orders API", "Python, FastAPI", "Takes and tracks orders")
    m.db = m.shop.database("Shop DB", "PostgreSQL", "Books, customers and orders")
    m.cache = m.shop.container("Cache", "Redis", "Sessions and popular pages")
    m.queue = m.shop.queue("Order events", "RabbitMQ", "Orders waiting to be fulfilled")
    m.worker = m.shop.container("Fulfilment worker", "Python, Celery", "Packs orders and sends emails")
    m.catalogue = m.api.component("Catalogue", "Python module", "Finds and lists books")
    m.checkout = m.api.component("Checkout", "Python module", "Turns a basket into an order")
    m.repository = m.api.component("Order repository", "SQLAlchemy", "Reads and writes orders")
    m.customer.uses(m.web, "Browses and buys books", "HTTPS")
    m.staff.uses(m.web, "Manages the shop", "HTTPS")
    m.web.uses(m.cache, "Caches pages", "RESP")
    m.web.uses(m.catalogue, "Lists books", "JSON/HTTPS")
    m.web.uses(m.checkout, "Places orders", "JSON/HTTPS")
    m.catalogue.uses(m.repository, "Reads books")
    m.checkout.uses(m.repository, "Stores orders")
    m.repository.uses(m.db, "Reads and writes", "SQL")
    m.checkout.uses(m.payments, "Charges the card", "HTTPS")
    m.checkout.uses(m.queue, "Publishes OrderPlaced", "AMQP")
    m.worker.uses(m.queue, "Consumes orders", "AMQP")
    m.worker.uses(m.email, "Sends confirmations", "HTTPS")
    return m


def failure_lab(*, flowchart: bool | str = False) -> Any:
    """What breaks when the Bookshop database, cache, queue or payment provider fails?"""
    from c4kit.widgets.failure import FailureLab

    m = bookshop()
    return FailureLab(m.ws.container_view(m.shop), faults=[m.db, m.cache, m.queue, m.payments, m.api],
                      protections={(m.api, m.payments): ["circuit_breaker"], (m.web, m.cache): ["timeout"]},
                      flowchart=flowchart)


def trip_saga() -> SimpleNamespace:
    """A travel booking saga over four services of one workspace (orchestrated and choreographed)."""
    ws = Workspace("Travel")
    m = SimpleNamespace(ws=ws)
    m.traveller = ws.person("Traveller", "Books trips")
    m.travel = ws.system("Travel platform", "Sells package trips")
    m.booking = m.travel.container("Booking service", "Java, Spring", "Runs the booking saga")
    m.flights = m.travel.container("Flight service", "Go", "Reserves seats")
    m.hotels = m.travel.container("Hotel service", "Go", "Books rooms")
    m.pay = m.travel.container("Payment service", "Kotlin", "Charges cards")
    m.bus = m.travel.queue("Event bus", "Kafka", "Carries the saga's events")
    m.traveller.uses(m.booking, "Books a trip", "HTTPS")
    for service in (m.flights, m.hotels, m.pay):
        m.booking.uses(service, "Sends commands", "gRPC")
        service.uses(m.bus, "Publishes and consumes events", "Kafka")
    m.booking.uses(m.bus, "Publishes the request", "Kafka")
    m.saga = Saga("Book trip", [
        SagaStep(m.flights, "Reserve seats", "Release seats"),
        SagaStep(m.hotels, "Book room", "Cancel room"),
        SagaStep(m.pay, "Charge card", "Refund card"),
    ], coordinator=m.booking, bus=m.bus)
    return m


def saga_stepper(*, side_by_side: bool = False) -> Any:
    from c4kit.widgets.saga import SagaStepper

    m = trip_saga()
    return SagaStepper(m.saga, m.ws.container_view(m.travel), side_by_side=side_by_side)


def release() -> SimpleNamespace:
    """A web shop released to production behind a load balancer, with two environments (blue and green)."""
    ws = Workspace("Shop")
    m = SimpleNamespace(ws=ws)
    m.shop = ws.system("Shop", "Sells things online")
    m.web = m.shop.container("Web App", "Python, Django", "Serves the shop")
    m.db = m.shop.database("Shop DB", "PostgreSQL", "Orders")
    m.web.uses(m.db, "Reads and writes", "SQL")
    m.env = ws.deployment_environment("Production")
    region = m.env.node("AWS eu-west-1", "Cloud region")
    m.lb = region.infrastructure("Load balancer", "AWS ALB", "Splits traffic between environments")
    m.blue = region.node("Blue", "ECS service")
    m.green = region.node("Green", "ECS service")
    m.web_blue = m.blue.instance(m.web, replicas=4)
    m.web_green = m.green.instance(m.web, replicas=4)
    region.node("Database", "Amazon RDS").instance(m.db)
    m.lb.uses(m.web_blue, "Routes requests", "HTTPS")
    m.lb.uses(m.web_green, "Routes requests", "HTTPS")
    return m


def deployment_switcher() -> Any:
    from c4kit.widgets.deploy import DeploymentSwitcher

    m = release()
    return DeploymentSwitcher(m.ws.deployment_view(m.env), groups={
        "rolling": {"production": m.blue},
        "blue-green": {"blue": m.blue, "green": m.green},
        "canary": {"stable": m.blue, "canary": m.green},
    }, router=m.lb, options={"canary": {"steps": (10, 50, 100)}})


def zoom_explorer() -> Any:
    from c4kit.display.code_diagrams import ClassDiagram
    from c4kit.widgets.zoom import ZoomExplorer

    m = bookshop()
    code = ClassDiagram("Checkout, in code")
    order = code.add_class("Order", members=["+id: OrderId", "+lines: list~OrderLine~", "+total() Money"])
    line = code.add_class("OrderLine", members=["+book: Isbn", "+quantity: int"])
    code.relate(order, line, "composition", cardinality=("1", "1..*"))
    return ZoomExplorer(m.shop, code=code)


def sign_in() -> SimpleNamespace:
    """Signing in with OAuth 2 (authorization code + PKCE) as a dynamic view of six steps."""
    ws = Workspace("Portal")
    m = SimpleNamespace(ws=ws)
    m.user = ws.person("User", "Signs in to the portal")
    m.portal = ws.system("Portal", "Shows a signed-in user their account")
    m.app = m.portal.container("Web App", "TypeScript, React", "Runs in the browser")
    m.api = m.portal.container("Account API", "Go", "Serves account data")
    m.idp = ws.system("Identity Provider", "Signs users in and issues tokens", external=True)
    m.view = ws.dynamic_view("Signing in with OAuth 2 and PKCE", scope=m.portal)
    m.view.step(m.user, m.app, "Clicks Sign in", "HTTPS")
    m.view.step(m.app, m.idp, "Redirects with a code challenge", "HTTPS")
    m.view.step(m.idp, m.user, "Asks for the password", "HTTPS")
    m.view.step(m.user, m.idp, "Signs in", "HTTPS")
    m.view.step(m.idp, m.app, "Returns an authorization code", "HTTPS redirect")
    m.view.step(m.app, m.api, "Calls with the access token", "JSON/HTTPS")
    return m


def dynamic_stepper() -> Any:
    from c4kit.widgets.dynamic import DynamicStepper

    m = sign_in()
    return DynamicStepper(m.view, flowchart=True, notes={
        2: "The challenge is a hash of a secret only the Web App knows.",
        5: "A code, not a token: the app still has to prove it holds the secret.",
    })


def account() -> tuple[list[Event], Projection]:
    """A bank account as an event stream, and the projection that rebuilds its balance."""
    def withdraw(state: dict, event: Event) -> dict:
        if event.data["amount"] > state["balance"]:
            raise ValueError(f"insufficient funds: balance {state['balance']}, asked {event.data['amount']}")
        return {**state, "balance": state["balance"] - event.data["amount"]}

    projection = Projection("Account 42", {"owner": "", "balance": 0, "status": "new"}, {
        "AccountOpened": lambda s, e: {**s, "owner": e.data["owner"], "status": "open"},
        "MoneyDeposited": lambda s, e: {**s, "balance": s["balance"] + e.data["amount"]},
        "MoneyWithdrawn": withdraw,
        "AccountFrozen": lambda s, e: {**s, "status": "frozen"},
    })
    stream = [Event("AccountOpened", {"owner": "Ada"}), Event("MoneyDeposited", {"amount": 100}),
              Event("MoneyWithdrawn", {"amount": 30}), Event("MoneyDeposited", {"amount": 50}),
              Event("AccountFrozen", {"reason": "fraud check"})]
    return stream, projection


def event_replay() -> Any:
    from c4kit.widgets.events import EventReplay

    stream, projection = account()
    return EventReplay(stream, projection)


def order_states() -> StateMachine:
    """An order's life: pay, ship, deliver; cancel only before shipping."""
    return StateMachine("Order", [
        ("Pending", "pay", "Paid"), ("Paid", "ship", "Shipped"), ("Shipped", "deliver", "Delivered"),
        ("Pending", "cancel", "Cancelled"), ("Paid", "cancel", "Cancelled"), ("Delivered", "return", "Returned"),
    ], initial="Pending", final=["Cancelled", "Returned"])


def state_stepper(*, scenario: bool = True) -> Any:
    from c4kit.widgets.state import StateMachineStepper

    events = ["pay", "deliver", "ship", "cancel", "deliver", "return"] if scenario else None
    return StateMachineStepper(order_states(), events)


def rate_limit_lab() -> Any:
    """Example 36: a mobile app calls the orders API through a rate-limiting gateway."""
    from c4kit.widgets.ratelimit import RateLimitLab

    ws = Workspace("Shop")
    app = ws.person("Mobile user", "Uses the app")
    shop = ws.system("Shop", "Sells things")
    mobile = shop.container("Mobile app", "Kotlin", "The shop on a phone")
    gateway = shop.container("API gateway", "Kong", "Token bucket: 10 requests, 5 per second")
    orders = shop.container("Orders API", "Go", "Takes orders")
    app.uses(mobile, "Shops", "touch")
    mobile.uses(gateway, "Calls", "HTTPS")
    gateway.uses(orders, "Forwards", "HTTP")
    return RateLimitLab(ws.container_view(shop), client=mobile, limiter=gateway, backend=orders,
                        bucket=TokenBucket(capacity=10, refill_rate=5), rates=(2, 5, 10, 20), burst=15, duration=8)


def auto_scaler() -> Any:
    """Example 78: a web API in Kubernetes, scaled on CPU, memory and requests."""
    from c4kit.widgets.scaling import AutoScaler

    ws = Workspace("Shop")
    shop = ws.system("Shop", "Sells things")
    api = shop.container("Web API", "Python", "Stateless request handling")
    db = shop.database("Shop DB", "PostgreSQL", "Orders")
    api.uses(db, "Reads and writes", "SQL")
    env = ws.deployment_environment("Production")
    cluster = env.node("Kubernetes cluster", "EKS")
    ingress = cluster.infrastructure("Ingress", "NGINX", "Spreads requests")
    pods = cluster.instance(api, replicas=2)
    cluster.node("RDS", "Amazon RDS").instance(db)
    ingress.uses(pods, "Routes requests", "HTTP")
    policy = ScalingPolicy(metrics=(Metric("cpu", 70, per_load=0.35, unit="%"),
                                    Metric("memory", 80, per_load=0.05, baseline=40, unit="%"),
                                    Metric("requests", 150, unit="req/s")), min_replicas=2, max_replicas=12)
    return AutoScaler(ws.deployment_view(env), pods, policy=policy, loads=(100, 300, 600, 1200, 2400))


def migration() -> Any:
    """Example 52: a monolith strangled route by route behind a facade."""
    from c4kit.widgets.migration import MigrationPhase, MigrationPhases

    ws = Workspace("Retailer")
    user = ws.person("Customer", "Shops online")
    shop = ws.system("Retail platform", "Being migrated off the monolith")
    facade = shop.container("Routing facade", "NGINX", "Sends each route to its current home")
    legacy = shop.container("Legacy monolith", "Java EE", "Everything, for now")
    catalogue = shop.container("Catalogue service", "Go", "Products and search")
    orders = shop.container("Orders service", "Kotlin", "Checkout and orders")
    user.uses(facade, "Uses", "HTTPS")
    for target in (legacy, catalogue, orders):
        facade.uses(target, "Routes", "HTTPS")
    # Mermaid's C4 layout puts all four services in one row with arrows through the boxes: draw it as a flowchart.
    return MigrationPhases(ws.container_view(shop), router=facade, legacy=legacy, flowchart=True,
                           routes=["/products", "/search", "/cart", "/orders"], phases=[
        MigrationPhase("Start", {}, "The facade is in place; the monolith still serves everything."),
        MigrationPhase("Catalogue", {"/products": catalogue, "/search": catalogue}),
        MigrationPhase("Orders", {"/products": catalogue, "/search": catalogue, "/cart": orders,
                                  "/orders": orders}, "The monolith has no routes left and can be retired."),
    ])


def cache_tiers() -> Any:
    """Example 59: a CDN and Redis in front of the product database."""
    from c4kit.widgets.cache import CacheTierFailure

    ws = Workspace("Shop")
    shop = ws.system("Shop", "Sells things")
    cdn = ws.system("CDN", "Edge cache", external=True)
    web = shop.container("Web App", "Node.js", "Renders product pages")
    redis = shop.container("Redis cache", "Redis", "Product fragments")
    db = shop.database("Product DB", "PostgreSQL", "The origin")
    cdn.uses(web, "Fetches pages on a miss", "HTTPS")
    web.uses(redis, "Looks up fragments", "RESP")
    web.uses(db, "Queries on a miss", "SQL")
    return CacheTierFailure(ws.container_view(shop), tiers=[CacheTier(cdn, 5), CacheTier(redis, 1)],
                            origin=Origin(db, latency_ms=20, capacity=300), rate=2000,
                            hit_ratios=(0.5, 0.8, 0.9, 0.95))


def platform(services: int = 12) -> SimpleNamespace:
    """A course-sized e-commerce platform: ~50 boxes (people, clients, BFFs, services with databases, a bus).

    ``services`` (1 to 12) sets how many business services it has; each brings
    its own database, so the view grows by two boxes per service.
    """
    names = ["Catalogue", "Search", "Cart", "Orders", "Payments", "Inventory", "Shipping", "Notifications",
             "Accounts", "Reviews", "Pricing", "Recommendations"][:max(1, min(services, 12))]
    ws = Workspace("Marketplace")
    m = SimpleNamespace(ws=ws, services={}, databases={})
    m.customer = ws.person("Customer", "Shops on the web and on the phone")
    m.seller = ws.person("Seller", "Lists products and ships orders")
    m.support = ws.person("Support agent", "Helps customers")
    m.psp = ws.system("Payment provider", "Cards and wallets", external=True)
    m.mail = ws.system("Email provider", "Transactional email", external=True)
    m.carrier = ws.system("Carrier API", "Parcel labels and tracking", external=True)
    m.tax = ws.system("Tax service", "Sales tax rates", external=True)
    m.platform = ws.system("Marketplace platform", "Sells third-party products")
    p = m.platform
    m.spa = p.container("Web front end", "TypeScript, React", "The shop in a browser")
    m.app = p.container("Mobile app", "Kotlin, Swift", "The shop on a phone")
    m.console = p.container("Seller console", "TypeScript", "Listings and orders for sellers")
    m.bff_web = p.container("Web BFF", "Node.js", "Shapes data for the web")
    m.bff_mobile = p.container("Mobile BFF", "Node.js", "Shapes data for the app")
    m.gateway = p.container("API gateway", "Kong", "Authentication and rate limits")
    m.bus = p.queue("Event bus", "Kafka", "Domain events")
    m.cache = p.container("Shared cache", "Redis", "Sessions and hot data")
    m.index = p.container("Search index", "OpenSearch", "Full-text product search")
    m.worker = p.container("Outbox relay", "Go", "Publishes stored events")
    m.customer.uses(m.spa, "Shops", "HTTPS")
    m.customer.uses(m.app, "Shops", "HTTPS")
    m.seller.uses(m.console, "Manages listings", "HTTPS")
    m.support.uses(m.console, "Looks up orders", "HTTPS")
    m.spa.uses(m.bff_web, "Calls", "JSON/HTTPS")
    m.app.uses(m.bff_mobile, "Calls", "JSON/HTTPS")
    m.console.uses(m.gateway, "Calls", "JSON/HTTPS")
    m.bff_web.uses(m.gateway, "Calls", "JSON/HTTPS", protections=["timeout"])
    m.bff_mobile.uses(m.gateway, "Calls", "JSON/HTTPS", protections=["timeout"])
    m.bff_web.uses(m.cache, "Reads sessions", "RESP")
    for name in names:
        service = p.container(f"{name} service", "Go", f"Owns {name.lower()}")
        database = p.database(f"{name} DB", "PostgreSQL", f"{name} data")
        m.services[name], m.databases[name] = service, database
        m.gateway.uses(service, "Routes", "gRPC")
        service.uses(database, "Reads and writes", "SQL")
    s = m.services
    for name, (target, label, protections) in {
        "Payments": (m.psp, "Charges cards", ["circuit_breaker", "retry"]),
        "Notifications": (m.mail, "Sends email", ["retry"]),
        "Shipping": (m.carrier, "Books labels", ["timeout"]),
        "Pricing": (m.tax, "Gets tax rates", ["circuit_breaker"]),
    }.items():
        if name in s:
            s[name].uses(target, label, "HTTPS", protections=protections)
    for name in ("Orders", "Payments", "Inventory", "Shipping"):
        if name in s:
            s[name].uses(m.bus, "Publishes events", "Kafka")
    for name in ("Notifications", "Shipping", "Search", "Recommendations"):
        if name in s:
            m.bus.uses(s[name], "Delivers events", "Kafka")
    for a, b, label in (("Orders", "Inventory", "Reserves stock"), ("Orders", "Payments", "Takes payment"),
                        ("Cart", "Pricing", "Prices items"), ("Orders", "Accounts", "Looks up customers")):
        if a in s and b in s:
            s[a].uses(s[b], label, "gRPC")
    if "Search" in s:
        s["Search"].uses(m.index, "Queries", "HTTPS")
    if "Catalogue" in s:
        s["Catalogue"].uses(m.cache, "Caches products", "RESP")
    m.worker.uses(m.bus, "Relays events", "Kafka")
    return m


def platform_failure_lab(services: int = 12) -> Any:
    """A FailureLab on :func:`platform`'s container view: the benchmark's and the largest test's subject."""
    from c4kit.widgets.failure import FailureLab

    m = platform(services)
    protections = {}
    if "Payments" in m.services:
        protections[(m.services["Payments"], m.psp)] = ["circuit_breaker"]
    protections[(m.bff_web, m.gateway)] = ["circuit_breaker"]
    return FailureLab(m.ws.container_view(m.platform), protections=protections)


def gallery() -> dict[str, Any]:
    """One of each widget (two for the saga and state steppers, and the failure lab as a flowchart)."""
    return {
        "failure-lab": failure_lab(),
        "failure-lab-flowchart": failure_lab(flowchart=True),
        "saga-stepper": saga_stepper(),
        "saga-side-by-side": saga_stepper(side_by_side=True),
        "deployment-switcher": deployment_switcher(),
        "zoom-explorer": zoom_explorer(),
        "dynamic-stepper": dynamic_stepper(),
        "event-replay": event_replay(),
        "state-scenario": state_stepper(),
        "state-explorer": state_stepper(scenario=False),
        "rate-limit": rate_limit_lab(),
        "auto-scaling": auto_scaler(),
        "strangler-fig": migration(),
        "cache-failure": cache_tiers(),
    }
