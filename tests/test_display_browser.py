"""The "html" renderer's output in a real headless Chromium, with the network shut.

What a VS Code user (or an exported page) gets: the first output carries the
pinned Mermaid, later outputs reuse it, labels survive escaping, nothing runs
that a label smuggled in, and no request leaves the page.
"""

from __future__ import annotations

import pytest

from c4kit.display import builtin_renderers, mimebundle, renderers

pytestmark = pytest.mark.browser

C4 = (
    "C4Context\n  title Bookshop\n"
    '  Person(customer, "Customer", "Buys <br/> books & more")\n'
    '  System(shop, "Bookshop", "Sells </pre><script>window.pwned=1</script> ✓ 日本語 😀")\n'
    '  Rel(customer, shop, "Orders \'books\'")\n'
)
CLASSES = (
    "classDiagram\n  class Repository {\n    <<interface>>\n    +find(id) Order\n  }\n"
    "  Repository <|.. SqlRepository\n"
)
SEQUENCE = 'sequenceDiagram\n  Alice->>Bob: hi "there" & <you>\n'

ALL_DRAWN = """() => {
  const boxes = document.querySelectorAll('.c4kit-mermaid');
  return boxes.length > 0 && Array.from(boxes).every(
    b => ['done', 'error'].includes(b.getAttribute('data-c4kit-state')));
}"""


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from c4kit.render.browser import LAUNCH_ARGS, find_chromium

    executable = find_chromium(use_managed=False)
    if executable is None:
        pytest.skip("no headless Chromium")
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=executable, args=list(LAUNCH_ARGS))
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture()
def html_outputs():
    """A fresh session's "html" outputs for the given texts, in display order."""
    renderers.reset()
    builtin_renderers.session.mermaid_embedded = False

    def render(*texts: str) -> list[str]:
        with renderers.enable("html"):
            return [mimebundle(text, title=f"diagram {i}")["text/html"] for i, text in enumerate(texts)]

    yield render
    renderers.reset()


def open_page(browser, outputs: list[str]):
    page = browser.new_page()
    requests: list[str] = []

    def refuse(route) -> None:
        requests.append(route.request.url)
        route.abort()

    page.route("**/*", refuse)
    cells = "".join(f'<div class="cell">{html}</div>' for html in outputs)
    page.set_content(f"<!doctype html><html><head><meta charset='utf-8'></head><body>{cells}</body></html>")
    page.wait_for_function(ALL_DRAWN, timeout=60_000)
    return page, requests


def states(page) -> list[str]:
    return page.eval_on_selector_all(".c4kit-mermaid", "bs => bs.map(b => b.getAttribute('data-c4kit-state'))")


def svg_text(page, index: int) -> str:
    return page.eval_on_selector_all(".c4kit-mermaid", f"bs => bs[{index}].querySelector('svg').textContent")


def test_html_renderer_draws_offline_and_later_outputs_reuse_the_bundle(browser, html_outputs):
    outputs = html_outputs(C4, CLASSES, SEQUENCE)
    assert sum("__esbuild_esm_mermaid_nm" in html for html in outputs) == 1
    page, requests = open_page(browser, outputs)
    try:
        assert states(page) == ["done", "done", "done"]
        assert page.eval_on_selector_all(".c4kit-mermaid svg", "svgs => svgs.length") == 3
        c4_labels = svg_text(page, 0)
        for label in ("Customer", "Bookshop", "Buys", "books & more", "Sells", "✓", "😀", "Orders 'books'"):
            assert label in c4_labels
        assert "Repository" in svg_text(page, 1) and "interface" in svg_text(page, 1)
        assert 'hi "there" & <you>' in svg_text(page, 2)
        assert page.evaluate("window.pwned") is None  # the label's <script> never ran
        assert page.eval_on_selector_all(".c4kit-mermaid-source", "ps => ps.every(p => p.style.display === 'none')")
        assert requests == []
    finally:
        page.close()


def test_outputs_shown_before_the_one_carrying_mermaid_wait_for_it(browser, html_outputs):
    first, second = html_outputs(CLASSES, SEQUENCE)
    page, requests = open_page(browser, [second, first])  # e.g. a reopened notebook rendered out of order
    try:
        assert states(page) == ["done", "done"]
        assert "Alice" in svg_text(page, 0)
        assert requests == []
    finally:
        page.close()


def test_without_mermaid_the_source_and_note_stay_readable(browser, html_outputs):
    _, later = html_outputs(CLASSES, C4)
    page = browser.new_page()
    try:
        page.set_content(f"<!doctype html><meta charset='utf-8'><body>{later}</body>")
        assert states(page) == ["pending"]
        assert page.text_content(".c4kit-mermaid-source") == C4  # exactly, hostile label included
        assert 'c4kit.renderers.enable("html")' in page.inner_text(".c4kit-mermaid-note")
    finally:
        page.close()


def test_mermaid_errors_are_shown_next_to_the_source(browser, html_outputs):
    (output,) = html_outputs("flowchart LR\n  a --> (\n")
    page, requests = open_page(browser, [output])
    try:
        assert states(page) == ["error"]
        assert "Mermaid could not draw this diagram" in page.inner_text(".c4kit-mermaid-note")
        assert page.is_visible(".c4kit-mermaid-source")
        assert requests == []
    finally:
        page.close()


def test_code_diagram_builders_draw_hostile_labels_as_typed(browser, html_outputs):
    from c4kit.display.code_diagrams import ClassDiagram, SequenceDiagram, StateDiagram

    hostile = 'Pay: 50% off; "now" <b>&</b> #1 {x} ✓'
    sd = SequenceDiagram(hostile)
    user, api = sd.participant("Customer", actor=True), sd.participant(hostile)
    with sd.block("loop", hostile):
        sd.message(user, api, hostile)
    sd.note(api, hostile, side="right of")
    st = StateDiagram(title="Orders: 50% & more")
    state = st.state(hostile, description=hostile)
    st.transition(st.START, state, hostile)
    st.note(state, hostile)
    cd = ClassDiagram(title='Model "v2"; #1')
    a = cd.add_class("Order", label=hostile, members=[hostile])
    cd.relate(a, cd.add_class("Line"), "composition", text=hostile, cardinality=("1", "0..*"))
    page, requests = open_page(browser, html_outputs(sd.to_mermaid(), st.to_mermaid(), cd.to_mermaid()))
    try:
        assert states(page) == ["done", "done", "done"]
        # every label drawn exactly as typed: sequence (title, participant twice, loop, message, note),
        # state (name, description, event, note), class (label, member, relation)
        assert [svg_text(page, i).count(hostile) for i in range(3)] == [6, 4, 3]
        assert "Orders: 50% & more" in svg_text(page, 1) and 'Model "v2"; #1' in svg_text(page, 2)
        assert requests == []
    finally:
        page.close()


# How VS Code's built-in notebook renderer shows a text/html output: innerHTML into a fresh div,
# then every script re-created and appended at the end of that div (its `domEval`).
_VSCODE_INSERT = """(outputs) => {
  for (const html of outputs) {
    const element = document.createElement('div');
    element.innerHTML = html;
    document.body.appendChild(element);
    for (const node of Array.from(element.getElementsByTagName('script'))) {
      const script = document.createElement('script');
      script.text = node.innerText;
      element.appendChild(script).parentNode.removeChild(script);
    }
  }
}"""


def test_outputs_inserted_the_way_vscode_does_are_drawn(browser, html_outputs):
    outputs = html_outputs(CLASSES, SEQUENCE)
    page = browser.new_page()
    requests: list[str] = []
    page.route("**/*", lambda route: (requests.append(route.request.url), route.abort()))
    try:
        page.set_content("<!doctype html><meta charset='utf-8'><body></body>")
        page.evaluate(_VSCODE_INSERT, outputs)
        page.wait_for_function(ALL_DRAWN, timeout=60_000)
        assert states(page) == ["done", "done"]
        assert "Repository" in svg_text(page, 0) and "Alice" in svg_text(page, 1)
        assert requests == []
    finally:
        page.close()
