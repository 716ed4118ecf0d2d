"""The ``%%mermaid`` cell magic, driven through a real IPython InteractiveShell."""

from __future__ import annotations

import sys
import types
from types import SimpleNamespace

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

import c4kit
from c4kit.display import MERMAID_MIME, MermaidText, builtin_renderers, renderers

FLOW = "flowchart LR\n  a[Order] --> b[(Stock)]\n"
C4 = 'C4Context\n  title Shop\n  Person(c, "Customer", "Buys")\n  System(s, "Shop", "Sells")\n  Rel(c, s, "Uses")\n'


@pytest.fixture(scope="module")
def shell() -> InteractiveShell:
    ip = InteractiveShell.instance()
    c4kit.load_ipython_extension(ip)
    return ip


@pytest.fixture(autouse=True)
def clean_state(monkeypatch: pytest.MonkeyPatch):
    for var in (*c4kit.display.frontend.VSCODE_ENV_VARS, "TERM_PROGRAM", builtin_renderers.RENDERER_ENV_VAR):
        monkeypatch.delenv(var, raising=False)
    renderers.reset()
    yield
    renderers.reset()


def run(shell: InteractiveShell, line: str, body: str) -> list[dict]:
    """Run ``%%mermaid line`` with ``body`` as a learner would; return the displayed bundles."""
    with capture_output() as captured:
        result = shell.run_cell(f"%%mermaid {line}\n{body}", store_history=False)
    assert result.error_in_exec is None and result.error_before_exec is None
    assert result.result is None  # nothing echoed as Out[]
    return [output.data for output in captured.outputs]


def fake_lint(monkeypatch, findings):
    module = types.ModuleType("c4kit.linter")
    module.lint_text = lambda text: list(findings)
    monkeypatch.setitem(sys.modules, "c4kit.linter", module)


def finding(severity: str, rule: str, line: int) -> SimpleNamespace:
    return SimpleNamespace(severity=severity, rule_id=rule, message=f"{rule} message", fix=f"{rule} fix", line=line)


def test_extension_registers_the_cell_magic(shell):
    assert shell.find_cell_magic("mermaid") is not None


def test_flowchart_cell_is_drawn_natively_from_the_verbatim_text(shell):
    (bundle,) = run(shell, "", FLOW)
    assert bundle == {MERMAID_MIME: FLOW, "text/plain": FLOW}


@pytest.mark.parametrize("body", [
    "classDiagram\n  class Order {\n    <<interface>>\n    +total() Money\n  }\n",
    "stateDiagram-v2\n  [*] --> Open\n  Open --> Closed : pay\n",
    "sequenceDiagram\n  Alice->>Bob: hi & <bye>\n",
])
def test_code_level_diagram_types(shell, body):
    (bundle,) = run(shell, "", body)
    assert bundle[MERMAID_MIME] == body


def test_source_option_adds_the_collapsed_source(shell):
    diagram, source = run(shell, "--source", FLOW)
    assert diagram[MERMAID_MIME] == FLOW
    assert source["text/plain"] == FLOW and "<details" in source["text/html"]


def test_name_option_stores_a_mermaidtext(shell):
    shell.user_ns.pop("order_flow", None)
    run(shell, "--name order_flow", FLOW)
    assert shell.user_ns["order_flow"] == MermaidText(FLOW)


def test_active_renderer_is_used(shell):
    with renderers.enable("text"):
        (bundle,) = run(shell, "", FLOW)
    assert bundle == {"text/plain": FLOW}


@pytest.mark.parametrize("body, expected", [
    ("flowchrt LR\n  a --> b\n", "did you mean `flowchart`?"),
    ("sequenceDiagram\n  A->>B: hi\n  style A fill:#f00\n", "no `style` statement"),
    ("   \n\n", "the cell is empty"),
])
def test_mistakes_are_displayed_kindly_not_raised(shell, body, expected):
    (bundle,) = run(shell, "", body)
    assert expected in bundle["text/plain"] and expected.replace("`", "") in bundle["text/html"].replace(
        "`", "").replace("&#x27;", "'")
    assert MERMAID_MIME not in bundle
    assert "Traceback" not in bundle["text/plain"]


def test_bad_name_is_refused_before_anything_is_drawn(shell):
    (bundle,) = run(shell, "--name class", FLOW)
    assert "--name needs a Python variable name" in bundle["text/plain"]


def test_unknown_option_is_a_usage_error_without_traceback(shell, capsys):
    with capture_output() as captured:
        result = shell.run_cell("%%mermaid --colour red\n" + FLOW, store_history=False)
    assert result.error_in_exec is not None and type(result.error_in_exec).__name__ == "UsageError"
    assert captured.outputs == []


def test_the_magic_never_rewrites_the_cell(shell, monkeypatch):
    calls = []
    monkeypatch.setattr(shell, "set_next_input", lambda *a, **k: calls.append(a))
    run(shell, "--source", FLOW)
    run(shell, "", "flowchrt LR\n a-->b")
    assert calls == []


# ---------------------------------------------------------------------- C4 text and lint
def test_lint_errors_stop_the_drawing_and_list_every_finding(shell, monkeypatch):
    fake_lint(monkeypatch, [finding("warning", "missing-technology", 4), finding("error", "rel-unknown-alias", 5)])
    (bundle,) = run(shell, "", C4)
    plain = bundle["text/plain"].splitlines()
    assert plain[0] == "Not drawn: the linter found 1 error. Fix them and run the cell again."
    assert plain[1] == "error [rel-unknown-alias] line 5: rel-unknown-alias message -- fix: rel-unknown-alias fix"
    assert plain[2].startswith("warning [missing-technology] line 4")
    assert MERMAID_MIME not in bundle


def test_lint_warnings_are_shown_above_the_diagram(shell, monkeypatch):
    fake_lint(monkeypatch, [finding("warning", "missing-technology", 4), finding("info", "missing-title", 1)])
    findings, diagram = run(shell, "", C4)
    assert findings["text/plain"].startswith("Drawn, but the linter has 1 warning:")
    assert "missing-technology" in findings["text/html"]
    assert diagram == {MERMAID_MIME: C4, "text/plain": C4}


def test_lint_infos_alone_do_not_add_a_box(shell, monkeypatch):
    fake_lint(monkeypatch, [finding("info", "missing-title", 1)])
    (diagram,) = run(shell, "", C4)
    assert diagram[MERMAID_MIME] == C4


def fake_parse(monkeypatch) -> list[str]:
    parsed: list[str] = []

    class FakeDiagram:
        title = "Shop"

        def to_flowchart(self) -> str:
            return "flowchart TB\n  c[Customer] --> s[Shop]\n"

    module = types.ModuleType("c4kit.mermaid.parse")
    module.parse = lambda text: parsed.append(text) or FakeDiagram()
    monkeypatch.setitem(sys.modules, "c4kit.mermaid.parse", module)
    return parsed


def test_flowchart_option_draws_the_parsed_view_as_a_flowchart(shell, monkeypatch):
    fake_lint(monkeypatch, [])
    parsed = fake_parse(monkeypatch)
    diagram, source = run(shell, "--flowchart --source --name shop", C4)
    flow = "flowchart TB\n  c[Customer] --> s[Shop]\n"
    assert parsed == [C4]
    assert diagram == {MERMAID_MIME: flow, "text/plain": flow}
    assert source["text/plain"] == flow  # the source of what was drawn
    assert shell.user_ns["shop"].title == "Shop"


def test_name_stores_the_parsed_diagram_for_c4_text(shell, monkeypatch):
    fake_lint(monkeypatch, [])
    parsed = fake_parse(monkeypatch)
    (diagram,) = run(shell, "--name shop_view", C4)
    assert diagram[MERMAID_MIME] == C4  # drawn verbatim, not re-emitted
    assert parsed == [C4] and shell.user_ns["shop_view"].title == "Shop"


def test_flowchart_option_needs_c4_text(shell):
    (bundle,) = run(shell, "--flowchart", FLOW)
    assert "--flowchart draws C4 text as a flowchart, but this is a flowchart" in bundle["text/plain"]


def test_real_parser_and_linter_end_to_end(shell):
    for module in ("c4kit.mermaid.parse", "c4kit.mermaid.emit_c4", "c4kit.mermaid.emit_flowchart", "c4kit.linter"):
        pytest.importorskip(module)
    shell.user_ns.pop("real_shop", None)
    outputs = run(shell, "--flowchart --name real_shop", C4)
    assert MermaidText(outputs[-1][MERMAID_MIME]).diagram_type == "flowchart"
    assert shell.user_ns["real_shop"].to_mermaid().startswith("C4Context")
    broken = run(shell, "", 'C4Context\n  Person(c, "Customer")\n  Rel(c, ghost, "Uses")\n')
    assert "Not drawn" in broken[0]["text/plain"] and "rel-unknown-alias" in broken[0]["text/plain"]
