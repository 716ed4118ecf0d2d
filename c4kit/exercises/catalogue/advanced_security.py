"""The advanced exercises on security and compliance.

The notebook is ``solutions/advanced/05_security_and_compliance_exercises.ipynb``.

Ids are ``advanced/security/<task number>``.  The tasks use Larkspur Health, a
hypothetical chain of physiotherapy clinics in the EU: the trust zones of its
clinic platform with what crosses each boundary, what an attacker inside one
service would still need, the erasure pipeline of its GDPR design, what a
Vault outage does to a workload with dynamic secrets, and an emergency change
under SOC 2 controls as code; they go with Examples 82 to 85 of the advanced
course.
"""

from __future__ import annotations

from c4kit.exercises.tasks import (
    BlastRadiusTask,
    ChoiceTask,
    Concept,
    DiagramTask,
    ElementSpec,
    Option,
    RelSpec,
    container,
    database,
    queue,
    register,
)
from c4kit.exercises.verbs import CALLS

# Word stems for labels: any one of them makes a label say what happens.
_SENDS = ("send", "pass", "forward", "call", "book", "use", "request", "make", "go", "reach", "access", "visit")
_CHECKS = ("validat", "check", "verif", "introspect", "confirm", "authenticat", "ask", "inspect")
_CALLS = (*CALLS, "read", "writ", "sav", "stor", "look", "add", "record", "attach", "creat")
_QUERIES = ("quer", "read", "writ", "forward", "pass", "connect", "send", "run", "stor", "access")
_QUEUES = ("queue", "put", "send", "publish", "post", "push", "enqueue", "hand", "add", "submit", "produc", "writ",
           "emit", "place")
_TAKES = ("take", "consum", "read", "pull", "receiv", "subscrib", "fetch", "poll", "process", "listen", "get", "pick")
_LOOKS = ("look", "find", "ask", "read", "query", "quer", "fetch", "get", "list", "check", "consult")
_ERASES = ("delet", "eras", "remov", "purg", "invalidat", "drop", "wip", "anonymi", "evict", "forget", "clear")
_RECORDS = ("record", "log", "writ", "append", "stor", "sav", "prov", "note", "add")

_PLATFORM = "Clinic Platform"
_EU = "EU region"

ZONES = DiagramTask(
    "advanced/security/1", "Draw the trust zones and what crosses them", diagram="container", scope=_PLATFORM,
    elements=(
        ElementSpec("Patient", "person"),
        ElementSpec("Identity Provider", "system", external=True),
        container("API Gateway", technology=True, inside="Edge zone", synonyms=("Gateway", "Ingress Gateway")),
        container("Booking Service", technology=True, inside="Service mesh"),
        container("Notes Service", technology=True, inside="Service mesh", synonyms=("Treatment Notes Service",)),
        container("Database Proxy", technology=True, inside="Data zone", synonyms=("DB Proxy",)),
        database("Clinic Database", inside="Data zone"),
    ),
    relationships=(
        RelSpec("Patient", "API Gateway", _SENDS, technology="HTTPS",
                about="Say what the patient does through the gateway, for example books appointments."),
        RelSpec("API Gateway", "Identity Provider", _CHECKS, technology="OIDC",
                about="Say what the gateway asks the Identity Provider: whether the patient's token is valid."),
        RelSpec("API Gateway", "Booking Service", _SENDS, technology="patient JWT",
                about="Say what the gateway does with a request whose token checked out: it forwards it."),
        RelSpec("Booking Service", "Notes Service", _CALLS, technology="mTLS",
                about="Say what the Booking Service asks the Notes Service for."),
        RelSpec("Notes Service", "Database Proxy", _QUERIES, technology="client certificate",
                about="Say what the Notes Service does through the proxy: it reads and writes treatment notes."),
        RelSpec("Database Proxy", "Clinic Database", _QUERIES, technology=True,
                about="Say what the proxy does with the queries it admits: it passes them on to the database."),
    ))

ATTACKER = ChoiceTask(
    "advanced/security/2", "Reason about an attacker inside the Booking Service",
    options=(
        Option("notes identity", "The Notes Service's own key and certificate, or a hole in the policy", correct=True,
               synonyms=("notes-identity", "notes service identity", "notes certificate", "notes service certificate",
                         "certificate", "identity")),
        Option("nothing more", "Nothing: they are inside the network already",
               why_not="that is the trusted-network model this design removes. Being inside the mesh gives the "
                       "attacker an address, and addresses open nothing here: the Database Proxy asks every caller "
                       "for a client certificate, and it admits only the Notes Service's",
               synonyms=("nothing", "none", "inside", "nothing more", "network access")),
        Option("patient token", "A patient's token",
               why_not="a patient's token opens the edge for that patient's own requests, and the gateway checks it "
                       "there. It proves nothing to the Database Proxy, which looks at certificates, and inside the "
                       "mesh the attacker already holds the Booking Service's identity, which is worth more",
               synonyms=("token", "patient-token", "a patient token", "jwt", "user token", "stolen token")),
    ),
    concepts=(
        Concept(("certificat", "private key", "key", "identity", "spiffe", "svid", "mtls"),
                "which credential the Database Proxy asks for, and whose it is"),
        Concept(("polic", "allow", "permit", "rule", "opa", "only the notes", "only notes", "may call", "may not"),
                "what the policy lets the Booking Service's own identity do"),
        Concept(("expir", "short-lived", "short lived", "hour", "rotat", "renew", "audit", "log", "detect", "alert",
                 "siem"),
                "how long a stolen certificate would keep working, or what records the attempt"),
    ))

ERASURE = DiagramTask(
    "advanced/security/3", "Add the erasure pipeline inside the EU region", diagram="container", scope=_PLATFORM,
    elements=(
        container("Rights API", technology=False, inside=_EU, synonyms=("Data Subject Rights API",)),
        container("Data Map", technology=False, inside=_EU, synonyms=("Data Mapping Registry", "Data Map Registry")),
        database("Patient Database", technology=False, inside=_EU),
        database("Session Cache", technology=False, inside=_EU),
        database("Document Store", technology=False, inside=_EU),
        queue("Erasure Queue", technology="Kafka", inside=_EU),
        container("Erasure Worker", technology=True, inside=_EU),
        database("Erasure Log", technology=True, inside=_EU, synonyms=("Erasure Audit Log", "Erasure Proof Log")),
    ),
    relationships=(
        RelSpec("Rights API", "Erasure Queue", _QUEUES,
                about="Say what the Rights API does with an erasure request: it queues it."),
        RelSpec("Erasure Worker", "Erasure Queue", _TAKES,
                about="Say what the worker does with the queue: it takes the requests from it. The worker starts "
                      "that interaction (it pulls), so the arrow starts at the worker."),
        RelSpec("Erasure Worker", "Data Map", _LOOKS,
                about="Say what the worker asks the Data Map: every place that holds the patient's personal data."),
        RelSpec("Erasure Worker", "Patient Database", _ERASES,
                about="Say what the worker does in each store: it deletes (or anonymises) the patient's data."),
        RelSpec("Erasure Worker", "Session Cache", _ERASES,
                about="Say what the worker does in each store: it deletes (or invalidates) the patient's data. A "
                      "store it has no arrow to is a store where an erased patient lives on."),
        RelSpec("Erasure Worker", "Document Store", _ERASES,
                about="Say what the worker does in each store: it deletes the patient's documents, every version. "
                      "A store it has no arrow to is a store where an erased patient lives on."),
        RelSpec("Erasure Worker", "Erasure Log", _RECORDS,
                about="Say what the worker writes to the log: proof that the erasure ran (and no personal data)."),
    ))

VAULT_DOWN = BlastRadiusTask(
    "advanced/security/4", "Predict what a Vault outage stops", faults=("Vault Server",), level="container",
    scope=_PLATFORM)

EMERGENCY = ChoiceTask(
    "advanced/security/5", "Choose how to make an emergency change under SOC 2 controls",
    options=(
        Option("pipeline", "An emergency pull request through the usual pipeline, reviewed by the on-call second "
                           "engineer", correct=True,
               synonyms=("emergency pull request", "pull request", "the pipeline", "terraform", "through the pipeline",
                         "emergency pr", "pr")),
        Option("console", "Change the firewall rule in the cloud console now, and write the Terraform next week",
               why_not="the change skips the policy checks and the review, the running cloud no longer matches the "
                       "code (the scanner may even revert it, or next week's apply may), and the audit finds a "
                       "production change with no approval behind it",
               synonyms=("cloud console", "aws console", "by hand", "manual", "hot-fix", "hotfix", "hot fix")),
        Option("pause", "Pause the scanner and auto-remediation until the incident is over",
               why_not="the controls go blind exactly while the riskiest changes are being made, and the evidence "
                       "has a gap for the auditor to ask about; a change that goes through the pipeline has nothing "
                       "to fear from the scanner",
               synonyms=("pause the scanner", "pause scanner", "disable", "turn off", "switch off", "pause controls")),
    ),
    concepts=(
        Concept(("review", "polic", "check", "approv", "opa", "sentinel", "second engineer", "four eyes",
                 "four-eyes", "another engineer"),
                "what still checks the change before it reaches production"),
        Concept(("evidence", "audit", "record", "trail", "history", "git", "cloudtrail", "who", "proof"),
                "what the auditor will find about the change afterwards"),
        Concept(("drift", "terraform", "in code", "the code", "state", "revert", "remediat", "scanner", "match",
                 "same"),
                "why the running cloud and its code stay the same"),
    ))

register(ZONES, ATTACKER, ERASURE, VAULT_DOWN, EMERGENCY)
