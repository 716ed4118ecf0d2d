"""The checker: every kind of finding, fuzzy names, friendly failures, display, and no answer leakage."""

from __future__ import annotations

import pytest

from c4kit import Workspace
from c4kit.exercises import (
    BlastRadiusTask,
    CheckResult,
    ChoiceTask,
    CompensationTask,
    Concept,
    DiagramTask,
    ElementSpec,
    Forbid,
    Option,
    RelSpec,
    TaskDefinitionError,
    UnknownTaskError,
    Verdict,
    all_tasks,
    check,
    component,
    container,
    database,
    get_task,
    person,
    preview,
    register,
    system,
)
from c4kit.exercises.names import is_typo_of, mentions, normalise, same_name
from c4kit.sim import Saga, SagaStep

# ---------------------------------------------------------------------------
# A small task and model, made up for these tests
# ---------------------------------------------------------------------------

CONTEXT = DiagramTask(
    "test/context", "A clinic", diagram="context", scope="Booking System",
    elements=(
        person("Patient"),
        system("Booking System", external=False),
        system("Card Processor", external=True, synonyms=("Payments",)),
        system("Insurer Portal", external=True, named=False, hint="the system that confirms insurance cover"),
    ),
    relationships=(
        RelSpec("Patient", "Booking System", ("book",), about="Say what the patient does: books appointments."),
        RelSpec("Booking System", "Card Processor", ("charg", "pay"), technology="HTTPS"),
        RelSpec("Booking System", "Insurer Portal", ("check", "confirm"), named=False,
                hint="how does the clinic know a patient is covered?"),
    ),
    forbid=(Forbid("containers belong one level down", kind="container"),),
)


def clinic(**changes):
    """A correct answer to CONTEXT, with the changes the test asks for."""
    ws = Workspace("Clinic")
    patient = ws.person("Patient", "Sees a doctor")
    booking = ws.system("Booking System", "Books appointments")
    cards = ws.system(changes.get("cards_name", "Card Processor"), "Takes payments",
                      external=changes.get("cards_external", True))
    insurer = ws.system("Insurer Portal", "Confirms cover", external=True)
    if changes.get("patient_rel", True):
        patient.uses(booking, changes.get("patient_label", "Books appointments using"))
    booking.uses(cards, changes.get("cards_label", "Charges the fee using"), changes.get("cards_tech", "HTTPS"))
    if changes.get("insurer_rel", True):
        booking.uses(insurer, "Checks cover with", "HTTPS")
    return ws.context_view(booking)


def test_a_correct_answer_passes_with_praise():
    result = check(clinic, CONTEXT)
    assert result.status is Verdict.PASSED and result.passed
    assert result.headline == "Passed"
    assert "all 4 elements and all 3 relationships" in result.praise
    assert result.to_fix == ()


def topics(result: CheckResult) -> list[str]:
    return [f.topic for f in result.to_fix]


# ---------------------------------------------------------------------------
# Each kind of finding
# ---------------------------------------------------------------------------

def test_wrong_diagram_kind_is_the_only_thing_said():
    def answer():
        ws = Workspace("Clinic")
        booking = ws.system("Booking System", "Books")
        booking.container("Web", "Python", "Pages")
        return ws.container_view(booking)

    result = check(answer, CONTEXT)
    assert topics(result) == ["wrong-diagram-kind"]
    assert "container diagram (C4Container)" in result.to_fix[0].message
    assert "ws.context_view(system)" in result.to_fix[0].hint


def test_missing_named_element_is_named_and_unnamed_one_uses_the_hint():
    def answer():
        ws = Workspace("Clinic")
        patient = ws.person("Patient", "Sees a doctor")
        booking = ws.system("Booking System", "Books appointments")
        patient.uses(booking, "Books appointments using")
        return ws.context_view(booking)

    result = check(answer, CONTEXT)
    messages = [f.message for f in result.to_fix if f.topic == "missing-element"]
    assert messages == ["Your diagram has no box for Card Processor (an external software system).",
                        "Something is still missing: the system that confirms insurance cover."]
    assert 'ws.system("Name", "Description", external=True)' in result.to_fix[0].hint


def test_element_of_the_wrong_kind_external_and_shape():
    task = DiagramTask("t/kinds", "kinds", diagram="container", elements=(
        person("Clerk"), system("Ledger", external=True), database("Store", technology=False),
        container("Worker", technology=False, external=False)))

    def answer():
        ws = Workspace("W")
        clerk = ws.system("Clerk", "A role")
        ledger = ws.system("Ledger", "Books money")
        app = ws.system("App", "Main")
        store = app.container("Store", "PostgreSQL", "Data")
        worker = app.queue("Worker", "Python", "Jobs", external=True)
        clerk.uses(store, "Reads", "SQL")
        worker.uses(store, "Writes", "SQL")
        worker.uses(ledger, "Posts to", "HTTPS")
        return ws.container_view(app)

    result = check(answer, task)
    found = {f.topic: f for f in result.to_fix}
    assert found["wrong-kind"].message == "'Clerk' is drawn as a software system, but it is a person here."
    assert found["not-external"].message.startswith("'Ledger' belongs to someone outside the organisation")
    assert "external=True" in found["not-external"].hint
    assert found["wrong-shape"].message in {"'Store' stores data, so draw it as a database.",
                                            "'Worker' is drawn as a queue, but it is not one."}
    assert sum(f.topic == "wrong-shape" for f in result.to_fix) == 2
    assert found["wrongly-external"].message == "'Worker' is part of the organisation, but it is drawn as external."


def test_technology_missing_or_different():
    task = DiagramTask("t/tech", "tech", diagram="container", scope="App", elements=(
        container("Web", technology="React"), container("Api", technology=True)))

    def answer():
        ws = Workspace("W")
        app = ws.system("App", "Main")
        web = app.container("Web", "Angular", "Pages")
        api = app.container("Api", "", "Logic")
        web.uses(api, "Calls", "HTTPS")
        return ws

    result = check(answer, task)  # a whole workspace: the task's scope picks the view
    found = {f.topic: f for f in result.to_fix}
    assert found["wrong-technology"].message == \
        "The brief says Web is built with React, but its technology reads 'Angular'."
    assert found["missing-technology"].message == "'Api' has no technology: say what it is built with."
    # The linter's own missing-technology warning is not repeated.
    assert "lint:missing-technology" not in result.topics


def test_the_missing_technology_hint_names_the_call_for_that_kind_of_box():
    task = DiagramTask("t/tech-kinds", "tech", diagram="component", scope="Api", elements=(
        component("Router"), database("Store", technology=True)))

    def answer():
        ws = Workspace("W")
        api = ws.system("App", "Main").container("Api", "Go", "Logic")
        router = api.component("Router", "", "Routes requests")
        store = api.component("Store", "", "Keeps orders")
        router.uses(store, "Reads orders from", "SQL")
        return ws

    hints = [f.hint for f in check(answer, task).to_fix if f.topic == "missing-technology"]
    assert hints and all(".component(name, technology, description)" in hint for hint in hints)
    assert not any(".container(" in hint for hint in hints)


def test_boundary_and_replicas_on_a_deployment_view():
    task = DiagramTask("t/deploy", "deploy", diagram="deployment", elements=(
        container("Api", technology=False, inside="Cluster", replicas=3),
        database("Db", technology=False, inside="Managed Database")))

    def answer():
        ws = Workspace("W")
        app = ws.system("App", "Main")
        api = app.container("Api", "Python", "Logic")
        db = app.database("Db", "PostgreSQL", "Data")
        api.uses(db, "Reads", "SQL")
        env = ws.deployment_environment("Production")
        region = env.node("Region", "Cloud")
        region.node("Cluster", "Kubernetes").instance(db)
        region.node("Managed Database", "PostgreSQL service").instance(api, replicas=2)
        return ws.deployment_view(env)

    result = check(answer, task)
    messages = [f.message for f in result.to_fix]
    assert "'Api (x2)' runs as 2 instances, but the brief asks for 3." in messages
    assert "'Api (x2)' should be drawn inside Cluster." in messages
    assert "'Db' should be drawn inside Managed Database." in messages
    hints = {f.message: f.hint for f in result.to_fix}
    assert "node.instance(api, replicas=3)" in hints["'Api (x2)' should be drawn inside Cluster."]
    assert "company.person" not in hints["'Db' should be drawn inside Managed Database."]


def test_a_model_error_reads_as_a_sentence():
    def answer():
        return Workspace("W")

    result = check(answer, DiagramTask("t/dyn", "dyn", diagram="dynamic", elements=(container("Api"),)))
    assert result.to_fix[0].topic == "model-error"
    assert result.to_fix[0].message.startswith("A dynamic diagram cannot be derived from a whole workspace")


def test_relationship_findings():
    def answer():
        ws = Workspace("Clinic")
        patient = ws.person("Patient", "Sees a doctor")
        booking = ws.system("Booking System", "Books appointments")
        cards = ws.system("Card Processor", "Takes payments", external=True)
        insurer = ws.system("Insurer Portal", "Confirms cover", external=True)
        booking.uses(patient, "Reminds")                     # reversed
        booking.uses(cards, "Uses", "")                      # vague label, no technology
        insurer.uses(booking, "Notifies", "HTTPS")           # reversed, unnamed
        return ws.context_view(booking)

    result = check(answer, CONTEXT)
    found = {f.topic: f for f in result.to_fix}
    named, unnamed = [f for f in result.to_fix if f.topic == "reversed-relationship"]
    assert named.message == \
        "The arrow between 'Patient' and 'Booking System' points from 'Booking System' to 'Patient'."
    assert "turn it around" in named.hint
    assert unnamed.message == \
        "The arrow between 'Booking System' and 'Insurer Portal' points from 'Insurer Portal' to 'Booking System'."
    assert "ask which of the two starts the interaction" in unnamed.hint
    assert found["vague-label"].message == \
        "The label 'Uses' on the arrow from 'Booking System' to 'Card Processor' does not yet say what the brief " \
        "describes."
    assert found["missing-rel-technology"].message == \
        "The arrow from 'Booking System' to 'Card Processor' does not say how they communicate."


def test_missing_unlabelled_two_way_and_wrong_protocol():
    def answer():
        return """C4Context
    title Clinic
    Person(patient, "Patient", "Sees a doctor")
    System(booking, "Booking System", "Books appointments")
    System_Ext(cards, "Card Processor", "Takes payments")
    System_Ext(insurer, "Insurer Portal", "Confirms cover")
    BiRel(patient, booking, "Books appointments using")
    Rel(booking, cards, "", "SOAP")
    Rel(insurer, cards, "Settles with")
"""

    result = check(answer, CONTEXT)
    found = {f.topic: f for f in result.to_fix}
    assert found["two-way-relationship"].message == \
        "'Patient' and 'Booking System' are joined by a two-way arrow, which hides who calls whom."
    assert "use Rel instead of BiRel, from 'Patient' to 'Booking System'" == found["two-way-relationship"].hint
    assert found["unlabelled-relationship"].message == \
        "'Booking System' talks to 'Card Processor', but the relationship has no label: say what it does."
    assert 'Rel(booking, cards, "Sends ... to")' in found["unlabelled-relationship"].hint  # Mermaid form
    assert found["wrong-rel-technology"].message == \
        "The arrow from 'Booking System' to 'Card Processor' says 'SOAP', but the brief says HTTPS."
    assert found["missing-relationship"].message == \
        "A relationship is still missing: how does the clinic know a patient is covered?"
    # The linter's findings on the same arrows are not said twice.
    assert "lint:unlabelled-relationship" not in result.topics
    assert "lint:bidirectional-initiator" not in result.topics


CLINIC_TEXT = """C4Context
    title Clinic
    Person(patient, "Patient", "Sees a doctor")
    System(booking, "Booking System", "Books appointments")
    System_Ext(cards, "Card Processor", "Takes payments")
    System_Ext(insurer, "Insurer Portal", "Confirms cover")
    Rel(patient, booking, "Books appointments using")
    Rel(booking, cards, "Charges fees using", "HTTPS")
    Rel(booking, insurer, "Checks cover with")
"""


def clinic_text(drop: str = "", **replace: str) -> str:
    lines = [line for line in CLINIC_TEXT.splitlines() if not drop or drop not in line]
    text = "\n".join(lines) + "\n"
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def test_an_element_in_the_model_but_not_on_the_view():
    result = check(lambda: clinic(patient_rel=False), CONTEXT)
    assert topics(result) == ["not-in-view"]
    assert result.to_fix[0].message == ("'Patient' is in your model, but not on this view: a view shows only the "
                                        "elements connected to what it is about.")


def test_missing_named_relationship_gives_the_about_text():
    result = check(clinic_text(drop="Rel(patient"), CONTEXT)
    assert [f.topic for f in result.to_fix] == ["missing-relationship"]  # the linter's orphan warning is implied
    assert result.to_fix[0].message == \
        "Nothing connects 'Patient' to 'Booking System' yet, but the brief says they interact."
    assert result.to_fix[0].hint == "Say what the patient does: books appointments."


def test_forbidden_and_extra_elements():
    task = DiagramTask("t/extra", "extra", diagram="context", elements=(person("Patient"),), allow_extra=False,
                       forbid=(Forbid("it is retired", name="Old Portal"),))

    def answer():
        ws = Workspace("Clinic")
        patient = ws.person("Patient", "Sees a doctor")
        old = ws.system("Old Portal", "Legacy")
        new = ws.system("New Portal", "Current")
        patient.uses(old, "Books using")
        patient.uses(new, "Books using")
        return ws.landscape_view()

    result = check(answer, task)
    assert [f.message for f in result.to_fix] == [
        "'Old Portal' is a software system and does not belong on this diagram: it is retired.",
        "'New Portal' is not part of what this task describes."]


def test_forbidden_kind_replaces_the_linters_wrong_level_warning():
    result = check(lambda: """C4Context
    title Clinic
    Person(patient, "Patient", "Sees a doctor")
    System(booking, "Booking System", "Books appointments")
    Container(web, "Web", "Python", "Pages")
    System_Ext(cards, "Card Processor", "Takes payments")
    System_Ext(insurer, "Insurer Portal", "Confirms cover")
    Rel(patient, booking, "Books appointments using")
    Rel(booking, cards, "Charges fees using", "HTTPS")
    Rel(booking, insurer, "Checks cover with")
    Rel(booking, web, "Serves pages through")
""", CONTEXT)
    assert [f.topic for f in result.to_fix] == ["forbidden-element"]
    assert "containers belong one level down" in result.to_fix[0].message


def test_dynamic_steps_out_of_order():
    task = DiagramTask("t/dyn", "dyn", diagram="dynamic", ordered=True,
                       elements=(person("User"), container("Web", technology=False),
                                 container("Api", technology=False)),
                       relationships=(RelSpec("User", "Web"), RelSpec("Web", "Api")))

    def answer(order):
        ws = Workspace("W")
        user = ws.person("User", "Uses it")
        app = ws.system("App", "Main")
        web = app.container("Web", "React", "Pages")
        api = app.container("Api", "Python", "Logic")
        view = ws.dynamic_view("Signing in")
        steps = [(user, web, "Submits the form", "HTTPS"), (web, api, "Checks the password", "HTTPS/JSON")]
        for s in (steps if order else steps[::-1]):
            view.step(*s)
        return view

    assert check(lambda: answer(True), task).passed
    result = check(lambda: answer(False), task)
    assert topics(result) == ["steps-out-of-order"]
    assert result.to_fix[0].message == ("Step 1 ('Web' to 'Api') comes before step 2 ('User' to 'Web'), but in "
                                        "the story it happens after it.")


def test_linter_findings_are_included():
    result = check(lambda: clinic(cards_tech="HTTPS"), CONTEXT)
    assert result.passed
    extra = 'System_Ext(lab, "Lab", "Runs tests")\n'
    ws_result = check(clinic_text(**{'Rel(patient': extra + '    Rel(patient'}), CONTEXT)
    assert topics(ws_result) == ["lint:orphan-element"]
    orphan = ws_result.to_fix[0]
    assert orphan.message.startswith("'Lab' (lab) has no relationships")
    assert orphan.message.endswith("(linter rule orphan-element).")
    assert orphan.hint  # the linter's fix


def test_lint_infos_are_tips_and_do_not_block():
    result = check(lambda: """C4Context
    Person(patient, "Patient")
    System(booking, "Booking System", "Books appointments")
    System_Ext(cards, "Card Processor", "Takes payments")
    System_Ext(insurer, "Insurer Portal", "Confirms cover")
    Rel(patient, booking, "Books appointments using")
    Rel(booking, cards, "Charges fees using", "HTTPS")
    Rel(booking, insurer, "Checks cover with")
""", CONTEXT)
    assert result.passed
    assert {f.topic for f in result.tips} == {"lint:missing-title", "lint:missing-description"}
    assert "Tips:" in result.text()


# ---------------------------------------------------------------------------
# Fuzzy names
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "expected"), [
    ("E-mail service", "Email Service"), ("the email services", "E-mail Service"), ("SHOP  DB", "Shop Database"),
    ("Shop API (x3)", "Shop API"), ("Café", "Cafe"), ("order_events", "Order Events"), ("Orders", "order"),
])
def test_names_that_are_the_same(written, expected):
    assert same_name(written, expected)


@pytest.mark.parametrize(("written", "expected"), [("API", "APP"), ("Web Shop", "Shop"), ("", "")])
def test_names_that_differ(written, expected):
    assert not same_name(written, expected)


def test_typos_and_mentions():
    assert is_typo_of("Paymnet Provider", "Payment Provider")
    assert not is_typo_of("Payment Provider", "Payment Provider")
    assert not is_typo_of("Api", "App")
    assert mentions("Takes card payments using", "pay") and mentions("Publishes events", "publish")
    assert mentions("Rolls back at once", "roll back") and not mentions("Reads stock", "writ")
    assert normalise("The Bookshop") == "bookshop"


def test_synonyms_and_spelling_tips():
    result = check(lambda: clinic(cards_name="Payments"), CONTEXT)
    assert result.passed
    typo = check(lambda: clinic(cards_name="Card Procesor"), CONTEXT)
    assert typo.passed
    assert [f.topic for f in typo.tips] == ["spelling"]
    assert typo.tips[0].message == "'Card Procesor' looks like a misspelling of 'Card Processor', the name the task " \
                                   "uses."


# ---------------------------------------------------------------------------
# Answers that are not answers yet
# ---------------------------------------------------------------------------

def stub():
    raise NotImplementedError()


def test_a_stub_is_not_attempted_yet():
    result = check(stub, CONTEXT)
    assert result.status is Verdict.NOT_ATTEMPTED
    assert result.headline == "Not yet: not attempted yet"
    assert result.to_fix[0].topic == "not-attempted"


def test_a_missing_variable_is_named():
    result = check(lambda: my_view, CONTEXT)  # noqa: F821  (the point of the test)
    assert result.status is Verdict.NOT_YET
    assert result.to_fix[0].message == "Python does not know the name 'my_view' yet."
    assert "Run All Above" in result.to_fix[0].hint


def test_errors_in_learner_code_are_explained_not_raised():
    def model_error():
        Workspace("W").person("")

    def other_error():
        return 1 / 0

    result = check(model_error, CONTEXT)
    assert result.to_fix[0].topic == "model-error" and "needs a name" in result.to_fix[0].message
    assert result.to_fix[0].hint == "pass the name as the first argument"
    result = check(other_error, CONTEXT)
    assert result.to_fix[0].message == "Your code stopped with ZeroDivisionError: division by zero"


@pytest.mark.parametrize(("answer", "topic", "words"), [
    (lambda: None, "no-answer", "nothing came back"),
    (lambda: 42, "not-a-diagram", "The answer is a int, not a diagram."),
    (lambda: 'C4Context\n  Person(a, "A"\n', "syntax-error", "Line 2, column"),
    (lambda: "flowchart LR\n  a --> b", "not-c4", "starts with 'flowchart'"),
    (lambda: "", "not-c4", "is empty"),
])
def test_answers_that_cannot_be_read(answer, topic, words):
    result = check(answer, CONTEXT)
    assert result.status is Verdict.NOT_YET
    assert result.to_fix[0].topic == topic and words in result.to_fix[0].message


def test_a_workspace_without_the_scope_system():
    ws = Workspace("Clinic")
    ws.person("Patient", "Sees a doctor")
    result = check(ws, CONTEXT)
    assert "no software system called 'Booking System'" in result.to_fix[0].message


def test_values_work_as_well_as_functions():
    assert check(clinic(), CONTEXT).passed
    assert check(clinic().to_diagram(), CONTEXT).passed
    assert check(clinic().to_mermaid(), CONTEXT).passed
    from c4kit.display import MermaidText

    assert check(MermaidText(clinic().to_mermaid()), CONTEXT).passed


# ---------------------------------------------------------------------------
# Display and grading
# ---------------------------------------------------------------------------

def test_verdicts_are_words_in_html_and_plain_text():
    passed = check(clinic, CONTEXT)
    html = passed._repr_html_()
    assert "Passed" in html and 'role="status"' in html and "#029E73" in html
    assert repr(passed).startswith("Passed (A clinic; task test/context)")
    extra = 'System_Ext(lab, "Lab", "Runs tests")\n'
    result = check(clinic_text(drop="Rel(patient", **{"Charges fees using": "Uses", "System_Ext(cards": extra +
                                                      "    System_Ext(cards"}), CONTEXT)
    assert result.headline == "Not yet: 3 things to fix"
    html = result._repr_html_()
    assert "Not yet: 3 things to fix" in html and html.count("<li ") == 3 and "How to fix it:" in html
    assert result.text().splitlines()[1].startswith("1. ")
    one = check(lambda: clinic(cards_label="Uses"), CONTEXT)
    assert one.headline == "Not yet: 1 thing to fix"


def test_html_escapes_learner_text():
    result = check(lambda: clinic(cards_label="<script>x</script>"), CONTEXT)
    assert "<script>" not in result._repr_html_() and "&lt;script&gt;" in result._repr_html_()


def test_assert_passed_raises_with_the_feedback():
    check(clinic, CONTEXT).assert_passed()
    with pytest.raises(AssertionError, match="Not yet: 1 thing to fix"):
        check(lambda: clinic(cards_label="Uses"), CONTEXT).assert_passed()


def test_preview_never_raises(capsys):
    preview(stub)
    assert "Nothing to draw yet. Not attempted yet" in capsys.readouterr().out
    preview(clinic)
    out = capsys.readouterr().out
    assert "flowchart" in out and "C4Context" in out
    preview(lambda: "not mermaid")
    assert "not a Mermaid C4 diagram" in capsys.readouterr().out


# ---------------------------------------------------------------------------
# Blast radius, compensations, choices
# ---------------------------------------------------------------------------

def shop_model() -> Workspace:
    ws = Workspace("Shop")
    user = ws.person("User", "Buys")
    shop = ws.system("Shop", "Sells")
    mail = ws.system("Mailer", "Sends mail", external=True)
    web = shop.container("Web", "React", "Pages")
    api = shop.container("Api", "Python", "Logic")
    db = shop.database("Db", "PostgreSQL", "Data")
    queue = shop.queue("Queue", "RabbitMQ", "Events")
    worker = shop.container("Worker", "Python", "Mails")
    cache = shop.container("Pricing", "Python", "Prices")
    user.uses(web, "Uses", "HTTPS")
    web.uses(api, "Calls", "HTTPS")
    api.uses(db, "Reads", "SQL")
    api.uses(queue, "Publishes to", "AMQP")
    worker.uses(queue, "Consumes from", "AMQP")
    worker.uses(mail, "Sends with", "SMTP")
    api.uses(cache, "Prices with", "HTTPS", protections=["circuit_breaker"])
    cache.uses(db, "Reads prices from", "SQL")
    return ws


BLAST = BlastRadiusTask("t/blast", "blast", faults=("Db",), level="container", scope="Shop")


def test_blast_radius_exact_prediction_passes():
    result = check(lambda: {"Api", "web", "Pricing"}, BLAST, model=shop_model())
    assert result.passed
    assert result.praise.startswith("Right: besides 'Db', exactly 3 elements of the diagram stop working.")


def test_blast_radius_unknown_names_list_the_boxes():
    result = check(lambda: ["Api", "Nothing"], BLAST, model=shop_model())
    unknown = next(f for f in result.to_fix if f.topic == "unknown-element")
    assert unknown.message == "There is no element called 'Nothing' on the diagram."
    assert unknown.hint == "Use the names on the boxes: 'Web', 'Api', 'Queue', 'Worker', 'Pricing' and 'Mailer'."


def test_blast_radius_feedback_explains_without_naming_the_missed():
    result = check(lambda: ["Api", "Worker", "Db", "User"], BLAST, model=shop_model())
    found = {f.topic: f for f in result.feedback}
    assert found["healthy-predicted"].message.startswith("'Worker' keeps working")
    assert found["missed-elements"].message == "2 elements that stop working are missing from your prediction."
    assert found["missed-elements"].hint == "Ask: who calls 'Api' and 'Db' and waits for the answer?"
    assert not found["fault-listed"].blocking and not found["person-listed"].blocking
    text = result.text() + result._repr_html_()
    assert "Web" not in text and "Pricing" not in text


def test_blast_radius_degraded_is_not_down_and_affected_counts_it():
    model = shop_model()
    pricing_down = BlastRadiusTask("t/b2", "b2", faults=("Pricing",), scope="Shop")
    result = check(lambda: {"Api"}, pricing_down, model=model)
    assert [f.topic for f in result.to_fix] == ["degraded-not-down"]
    affected = BlastRadiusTask("t/b3", "b3", faults=("Pricing",), scope="Shop", status="affected")
    assert check(lambda: {"Api", "Web"}, affected, model=model).passed


def test_blast_radius_needs_a_collection_and_a_model():
    assert check(lambda: "Api", BLAST, model=shop_model()).to_fix[0].topic == "wrong-answer-type"
    with pytest.raises(TaskDefinitionError, match="needs the model"):
        check(lambda: {"Api"}, BLAST)
    with pytest.raises(TaskDefinitionError, match="fails nothing"):
        BlastRadiusTask("t/none", "none")
    task = BlastRadiusTask("t/b4", "b4", faults=("Ghost",), scope="Shop", model=shop_model)
    result = check(lambda: {"Api"}, task)
    assert "not an element of the model" in result.to_fix[0].message


SAGA = Saga("Book a trip", [SagaStep("flights", "Reserve seats", "Release seats"),
                            SagaStep("hotels", "Book room", "Cancel room"),
                            SagaStep("cars", "Rent car", "Return car"),
                            SagaStep("mail", "Send itinerary")])
COMPENSATE = CompensationTask("t/saga", "saga", fail_at="Rent car")


@pytest.mark.parametrize("answer", [["Cancel room", "Release seats"], ["book room", "Reserve Seats"]])
def test_compensations_in_the_right_order_pass(answer):
    assert check(lambda: answer, COMPENSATE, model=SAGA).passed


@pytest.mark.parametrize(("answer", "topic"), [
    (["Release seats", "Cancel room"], "wrong-order"),
    (["Cancel room"], "missing-compensation"),
    (["Return car", "Cancel room", "Release seats"], "failed-step-compensated"),
    (["Send itinerary", "Cancel room", "Release seats"], "never-ran"),
    (["Cancel room", "Cancel room", "Release seats"], "listed-twice"),
    (["Cancel flight", "Cancel room", "Release seats"], "unknown-step"),
    ({"Cancel room", "Release seats"}, "wrong-answer-type"),
])
def test_compensation_mistakes(answer, topic):
    result = check(lambda: answer, COMPENSATE, model=SAGA)
    assert topic in [f.topic for f in result.to_fix]


def test_compensation_feedback_does_not_name_what_is_missing():
    result = check(lambda: [], COMPENSATE, model=SAGA)
    assert result.to_fix[0].message == "2 steps that completed before the failure are not undone."
    text = result.text()
    assert "room" not in text.lower() and "seats" not in text.lower()


CHOICE = ChoiceTask("t/choice", "choice", options=(
    Option("canary", correct=True), Option("blue-green", why_not="everyone switches at once",
                                           synonyms=("blue green",))),
    concepts=(Concept(("small", "share"), "how much traffic goes first"),
              Concept(("roll back",), "what happens on errors")), min_words=5)


def test_choice_right_with_reasons_passes_in_any_shape():
    reason = "a small share goes first and we roll back on errors"
    for answer in [("canary", reason), ["Canary", reason], {"choice": "canary", "why": reason}]:
        assert check(lambda a=answer: a, CHOICE).passed


@pytest.mark.parametrize(("answer", "topic", "words"), [
    (("blue green", "because it is fast and simple"), "wrong-option", "everyone switches at once"),
    (("canary", "it is best"), "short-justification", "at least 5 words"),
    (("canary", "we send a small share of traffic first"), "missing-concept", "what happens on errors"),
    (("rolling", "..."), "unknown-option", "'rolling' is not one of the options."),
    ("canary", "short-justification", "Now say why"),
    (42, "wrong-answer-type", "your choice and your reason"),
])
def test_choice_mistakes(answer, topic, words):
    result = check(lambda: answer, CHOICE)
    assert result.to_fix[0].topic == topic and words in result.to_fix[0].text()


def test_a_wrong_choice_does_not_reveal_the_right_one():
    text = check(lambda: ("blue-green", "because switching is quick and simple"), CHOICE).text()
    assert "canary" not in text.lower()


# ---------------------------------------------------------------------------
# The registry and task definitions
# ---------------------------------------------------------------------------

def test_unknown_task_ids_get_a_suggestion():
    with pytest.raises(UnknownTaskError) as info:
        get_task("beginner/contex/1")
    assert "beginner/context/1" in info.value.hint
    assert str(info.value).startswith("no exercise task has the id")


def test_registering_two_different_tasks_under_one_id_fails():
    register(DiagramTask("t/dup", "one"))
    register(DiagramTask("t/dup", "one"))  # the same task again is fine
    with pytest.raises(TaskDefinitionError, match="two different tasks"):
        register(DiagramTask("t/dup", "two"))


def test_task_definitions_are_checked():
    with pytest.raises(TaskDefinitionError, match="names 'Ghost'"):
        DiagramTask("t/bad", "bad", elements=(person("A"),), relationships=(RelSpec("A", "Ghost"),))
    with pytest.raises(TaskDefinitionError, match="unknown diagram kind"):
        DiagramTask("t/bad", "bad", diagram="sketch")
    with pytest.raises(TaskDefinitionError, match="unknown element kind"):
        ElementSpec("A", "robot")
    with pytest.raises(TaskDefinitionError, match="no correct option"):
        ChoiceTask("t/bad", "bad", options=(Option("a"),))
    with pytest.raises(TaskDefinitionError, match="needs a task or a task id"):
        check(lambda: 1, 42)


def test_the_beginner_catalogue():
    ids = [t.id for t in all_tasks() if t.id.startswith("beginner/")]
    for part in ("context", "containers", "components"):
        assert sum(i.startswith(f"beginner/{part}/") for i in ids) >= 5
    kinds = {type(t).__name__ for t in all_tasks() if t.id.startswith("beginner/")}
    assert kinds == {"DiagramTask", "BlastRadiusTask", "CompensationTask", "ChoiceTask"}


def test_no_leakage_of_unnamed_answers_for_an_unrelated_diagram():
    """For every catalogue diagram task, feedback on an unrelated diagram never names what the brief does not."""
    def unrelated():
        ws = Workspace("Elsewhere")
        someone = ws.person("Somebody", "Does things")
        thing = ws.system("Thing", "Exists")
        someone.uses(thing, "Pokes")
        return ws.landscape_view()

    for task in all_tasks():
        if not isinstance(task, DiagramTask):
            continue
        text = check(unrelated, task).text() + check(unrelated().to_mermaid(), task).text()
        hidden = [n for e in task.elements if not e.named for n in e.names]
        assert not [n for n in hidden if n.lower() in text.lower()], task.id


def test_components_spec_helpers_default_to_requiring_a_technology():
    assert component("X").technology is True and container("X").technology is True
    assert database("X").shape.value == "db" and database("X", "system").technology is False


def test_a_misspelt_box_in_a_blast_radius_is_read_and_the_spelling_pointed_out():
    result = check(lambda: {"Api", "web", "Pricng"}, BLAST, model=shop_model())
    assert result.passed
    tip = next(f for f in result.feedback if f.topic == "spelling")
    assert tip.message == "'Pricng' looks like a misspelling of 'Pricing'; it is read as that." and not tip.blocking


def test_a_number_is_a_choice_like_its_words():
    pods = ChoiceTask("t/pods", "pods", options=(Option("25", correct=True, synonyms=("25 pods",)), Option("10")),
                      concepts=(Concept(("orders",), "which metric decides"),), min_words=3)
    assert check(lambda: (25, "orders per second decides it"), pods).passed
    assert check(lambda: (10.0, "orders per second decides it"), pods).to_fix[0].topic == "wrong-option"


def test_an_arrow_the_task_wants_both_ways_is_missing_not_reversed():
    task = DiagramTask("t/registry", "registry", diagram="container", scope="Parcels", elements=(
        container("Tracking Service", technology=False), container("Service Registry", technology=False)),
        relationships=(RelSpec("Tracking Service", "Service Registry", ("register",), technology=False),
                       RelSpec("Service Registry", "Tracking Service", ("check",), technology=False)))

    def answer():
        ws = Workspace("W")
        parcels = ws.system("Parcels")
        tracking = parcels.container("Tracking Service", "Go")
        registry = parcels.container("Service Registry", "Consul")
        registry.uses(tracking, "Checks the health of", "HTTP")
        return ws.container_view(parcels)

    topics = [f.topic for f in check(answer, task).to_fix]
    assert "missing-relationship" in topics and "reversed-relationship" not in topics
