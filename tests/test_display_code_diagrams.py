"""Builders for code-level diagrams: exact Mermaid out, escaping, ids, and clear errors."""

from __future__ import annotations

import pytest

from c4kit.display import MERMAID_MIME, builtin_renderers, renderers
from c4kit.display.code_diagrams import ClassDiagram, SequenceDiagram, StateDiagram, escape_label
from c4kit.display.frontend import VSCODE_ENV_VARS
from c4kit.errors import C4ModelError

HOSTILE = 'Pay: 50% off; "now" <b>&</b> #1 {x}'


@pytest.fixture(autouse=True)
def default_renderer(monkeypatch):
    for var in (*VSCODE_ENV_VARS, builtin_renderers.RENDERER_ENV_VAR):
        monkeypatch.delenv(var, raising=False)
    renderers.reset()


def test_escape_label_uses_entity_codes_and_line_breaks():
    assert escape_label(HOSTILE) == "Pay#58; 50#37; off#59; #quot;now#quot; #lt;b#gt;&#lt;/b#gt; #35;1 #123;x#125;"
    assert escape_label("one\r\ntwo\nthree") == "one<br/>two<br/>three"
    assert escape_label("List~T~ $", keep="~$") == "List~T~ $"
    assert escape_label("✓ 日本語 😀") == "✓ 日本語 😀"
    with pytest.raises(C4ModelError):
        escape_label(3)  # type: ignore[arg-type]


def test_sequence_diagram_text():
    sd = SequenceDiagram("Checkout: step 1", autonumber=True)
    user = sd.participant("Customer", actor=True)
    api = sd.participant("Orders API")
    loop = sd.participant("loop")  # a keyword as a name gets a safe id
    sd.message(user, api, HOSTILE)
    with sd.block("alt", "in stock"):
        sd.message(api, user, "201 Created", kind="reply")
        sd.otherwise("sold out")
        sd.message(api, user, "409", kind="reply")
    sd.note((user, api), "TLS 1.3")
    sd.message(api, loop, "", kind="async")
    assert sd.to_mermaid() == (
        "sequenceDiagram\n  title Checkout#58; step 1\n  autonumber\n"
        "  actor Customer as Customer\n  participant Orders_API as Orders API\n  participant p_loop as loop\n"
        f"  Customer->>Orders_API: {escape_label(HOSTILE)}\n"
        "  alt in stock\n    Orders_API-->>Customer: 201 Created\n  else sold out\n"
        "    Orders_API-->>Customer: 409\n  end\n"
        "  Note over Customer,Orders_API: TLS 1.3\n"
        "  Orders_API-)p_loop: \n"
    )
    assert sd.to_text().diagram_type == "sequenceDiagram"


def test_ids_are_unique_and_ascii():
    sd = SequenceDiagram()
    assert [sd.participant(n) for n in ("Zahlungs-Dienst", "Zahlungs Dienst", "日本", "3rd party")] == [
        "Zahlungs_Dienst", "Zahlungs_Dienst_2", "p", "p_3rd_party"]


def test_sequence_mistakes_are_clear():
    sd = SequenceDiagram()
    a = sd.participant("A")
    with pytest.raises(C4ModelError, match=r"no participant with id 'B' in this diagram \(known: A\)"):
        sd.message(a, "B", "hi")
    with pytest.raises(C4ModelError, match="unknown message kind"):
        sd.message(a, a, "hi", kind="sideways")
    with pytest.raises(C4ModelError, match="unknown block"):
        with sd.block("while"):
            pass
    with pytest.raises(C4ModelError, match="one or two participants"):
        sd.note([a, a, a], "x")


def test_state_diagram_text():
    st = StateDiagram(direction="LR")
    waiting = st.state("Waiting: for payment", description="timeout 15 min; then cancel")
    paid = st.state("Paid")
    st.transition(st.START, waiting)
    st.transition(waiting, paid, "pay [amount > 0]")
    st.transition(paid, st.END)
    st.note(paid, "emails a receipt", side="left")
    assert st.to_mermaid() == (
        "stateDiagram-v2\n  direction LR\n"
        '  state "Waiting#58; for payment" as Waiting_for_payment\n'
        "  Waiting_for_payment : timeout 15 min#59; then cancel\n"
        '  state "Paid" as Paid\n'
        "  [*] --> Waiting_for_payment\n"
        "  Waiting_for_payment --> Paid : pay [amount #gt; 0]\n"
        "  Paid --> [*]\n"
        "  note left of Paid : emails a receipt\n"
    )
    with pytest.raises(C4ModelError, match="no state with id 'Shipped'"):
        st.transition(paid, "Shipped")
    with pytest.raises(C4ModelError, match="unknown direction"):
        StateDiagram(direction="up")


def test_class_diagram_text():
    cd = ClassDiagram(direction="TB")
    repo = cd.add_class("Repository~T~", annotation="interface", members=["+find(id: UUID) T", "+save(item T)$"])
    sql = cd.add_class("SqlRepository", label="SQL repository {Postgres}")
    order = cd.add_class("Order")
    line = cd.add_class("OrderLine")
    cd.relate(sql, repo, "realization")
    cd.relate(order, line, "composition", cardinality=("1", "1..*"), text="has: lines")
    assert cd.to_mermaid() == (
        "classDiagram\n  direction TB\n"
        "  class Repository~T~ {\n    <<interface>>\n    +find(id#58; UUID) T\n    +save(item T)$\n  }\n"
        '  class SqlRepository["SQL repository #123;Postgres#125;"]\n'
        "  class Order\n  class OrderLine\n"
        "  SqlRepository ..|> Repository\n"
        '  Order "1" *-- "1..*" OrderLine : has#58; lines\n'
    )


@pytest.mark.parametrize("call, message", [
    (lambda cd: cd.add_class("Order Line"), "not a class name"),
    (lambda cd: cd.add_class("Order") and cd.add_class("Order"), "declared twice"),
    (lambda cd: cd.add_class("A", annotation="<<x>>"), "annotation"),
    (lambda cd: cd.relate(cd.add_class("A"), cd.add_class("B"), "likes"), "unknown relation"),
    (lambda cd: cd.relate(cd.add_class("A"), cd.add_class("B"), cardinality=('1"', "")), "cardinality"),
    (lambda cd: cd.relate("A", "B"), "no class with id 'A'"),
])
def test_class_mistakes_are_clear(call, message):
    with pytest.raises(C4ModelError, match=message):
        call(ClassDiagram())


def test_titles_of_state_and_class_diagrams_go_in_front_matter():
    assert ClassDiagram('Orders: "v2"').to_mermaid() == '---\ntitle: "Orders: \\"v2\\""\n---\nclassDiagram\n'
    assert StateDiagram("Zustände ✓").to_mermaid().startswith('---\ntitle: "Zustände ✓"\n---\nstateDiagram-v2\n')


def test_builders_display_and_are_deterministic():
    def build() -> StateDiagram:
        st = StateDiagram("Order")
        st.transition(st.START, st.state("Open"))
        return st

    assert build().to_mermaid() == build().to_mermaid() == str(build())
    bundle = build()._repr_mimebundle_()
    assert bundle == {MERMAID_MIME: build().to_mermaid(), "text/plain": build().to_mermaid()}


def test_docstring_examples_run():
    import doctest

    from c4kit.display import code_diagrams, raw

    for module in (code_diagrams, raw):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__
