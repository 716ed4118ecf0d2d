"""Notebook display: bundles per renderer, HTML escaping, the registry, front-end detection,
MermaidText validation and ``show``."""

from __future__ import annotations

import re
import sys
import types
from html.parser import HTMLParser

import pytest

import c4kit
from c4kit.display import (
    MERMAID_MIME,
    MermaidText,
    RendererOptionError,
    UnknownRendererError,
    builtin_renderers,
    detect_frontend,
    diagram_type,
    in_vscode,
    mimebundle,
    mimebundle_for,
    renderers,
    show,
)
from c4kit.display.html import diagram_html, inline_script, source_details_html
from c4kit.errors import BrowserNotFoundError, C4EmitError, C4Error, C4SyntaxError

FLOW = "flowchart LR\n  a[Shop] --> b[(Orders)]\n"
HOSTILE = (
    'flowchart LR\n  a["</pre><script>alert(1)</script>"] -->|"a & b <br/> c"| b["<<interface>> \'q\' \\"dq\\""]\n'
    "  c[\"😀 日本語 Ελληνικά\"] --> d[\"</script><!-- x -->\"]\n"
)


@pytest.fixture(autouse=True)
def clean_display_state(monkeypatch: pytest.MonkeyPatch):
    """Each test starts outside VS Code, with the automatic renderer and a fresh session."""
    for var in (*c4kit.display.frontend.VSCODE_ENV_VARS, "TERM_PROGRAM", builtin_renderers.RENDERER_ENV_VAR):
        monkeypatch.delenv(var, raising=False)
    renderers.reset()
    builtin_renderers.session.mermaid_embedded = False
    builtin_renderers.session.notes_shown.clear()
    yield
    renderers.reset()


class _Tags(HTMLParser):
    """Collects start tags and the text inside <pre> elements, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.pre_text: list[str] = []
        self._in_pre = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "pre":
            self._in_pre += 1
            self.pre_text.append("")

    def handle_endtag(self, tag):
        if tag == "pre":
            self._in_pre -= 1

    def handle_data(self, data):
        if self._in_pre:
            self.pre_text[-1] += data


def parse_html(markup: str) -> _Tags:
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser


# ------------------------------------------------------------------- bundles per renderer
def test_default_bundle_is_native_mermaid_and_plain_text_without_html():
    bundle = mimebundle(FLOW, title="Shop")
    assert bundle == {MERMAID_MIME: FLOW, "text/plain": FLOW}
    # text/html would outrank JupyterLab's Mermaid renderer (50 < 61) and hide the native drawing.
    assert "text/html" not in bundle


def test_text_renderer_gives_plain_source_only():
    with renderers.enable("text"):
        assert mimebundle(FLOW) == {"text/plain": FLOW}


def test_html_renderer_embeds_mermaid_once_per_session_then_reuses_it():
    from c4kit.assets import mermaid_js

    with renderers.enable("html"):
        first = mimebundle(FLOW, title="one")
        second = mimebundle(FLOW, title="two")
    assert set(first) == {"text/html", MERMAID_MIME, "text/plain"}
    assert first[MERMAID_MIME] == first["text/plain"] == FLOW
    js = mermaid_js()
    assert js in first["text/html"]
    assert js not in second["text/html"]
    assert len(second["text/html"]) < 10_000  # no 3.5 MB per diagram
    assert "c4kit-mermaid-ready" in second["text/html"]  # waits for the first output's bundle
    assert "http://" not in second["text/html"] and "https://" not in second["text/html"]


def test_html_renderer_embed_options_and_enabling_again_re_embeds():
    from c4kit.assets import mermaid_js

    js = mermaid_js()
    renderers.enable("html", embed="always")
    assert js in mimebundle(FLOW)["text/html"] and js in mimebundle(FLOW)["text/html"]
    renderers.enable("html", embed="never")
    assert js not in mimebundle(FLOW)["text/html"]
    renderers.enable("html")  # already active: the documented way to embed again
    assert js in mimebundle(FLOW)["text/html"]
    assert js not in mimebundle(FLOW)["text/html"]


def test_html_renderer_without_installed_mermaid_shows_source_and_how_to_fix(monkeypatch):
    import c4kit.assets

    def missing():
        raise C4Error("Mermaid's JavaScript is not installed", hint="run `make setup`")

    monkeypatch.setattr(c4kit.assets, "mermaid_js", missing)
    with renderers.enable("html"):
        html = mimebundle(FLOW)["text/html"]
    assert "not installed" in html and "make setup" in html
    assert parse_html(html).pre_text == [FLOW]


def test_svg_renderer_uses_render_svg(monkeypatch):
    calls = []
    fake = types.ModuleType("c4kit.render")
    fake.render_svg = lambda text, theme="default": calls.append((text, theme)) or "<svg>ok</svg>"
    monkeypatch.setitem(sys.modules, "c4kit.render", fake)
    with renderers.enable("svg", theme="dark"):
        bundle = mimebundle(FLOW)
    assert bundle == {"image/svg+xml": "<svg>ok</svg>", "text/plain": FLOW}
    assert calls == [(FLOW, "dark")]


def test_svg_renderer_without_browser_falls_back_with_one_note(monkeypatch, capsys):
    def no_browser(text, theme="default"):
        raise BrowserNotFoundError("no headless Chromium found", hint="apt-get install chromium")

    fake = types.ModuleType("c4kit.render")
    fake.render_svg = no_browser
    monkeypatch.setitem(sys.modules, "c4kit.render", fake)
    with renderers.enable("svg"):
        first, second = mimebundle(FLOW), mimebundle(FLOW)
    assert first == second == {MERMAID_MIME: FLOW, "text/plain": FLOW}
    err = capsys.readouterr().err
    assert err.count("c4kit:") == 1 and "apt-get install chromium" in err


def test_svg_renderer_reports_mermaid_errors_kindly(monkeypatch):
    from c4kit.errors import RenderError

    def rejects(text, theme="default"):
        raise RenderError("Mermaid could not render this diagram: Parse error on line 2", hint="lint it")

    fake = types.ModuleType("c4kit.render")
    fake.render_svg = rejects
    monkeypatch.setitem(sys.modules, "c4kit.render", fake)
    with renderers.enable("svg"):
        bundle = mimebundle(FLOW)
    assert bundle["text/plain"].startswith("RenderError: Mermaid could not render")
    assert "Parse error on line 2" in bundle["text/html"] and "lint it" in bundle["text/html"]


# ------------------------------------------------------------------------ HTML escaping
def test_hostile_source_is_escaped_and_round_trips_through_an_html_parser():
    html = diagram_html(HOSTILE, title='x" onmouseover="alert(1)')
    parsed = parse_html(html)
    assert parsed.pre_text == [HOSTILE]  # exactly what Mermaid will read via textContent
    assert [t for t, _ in parsed.tags].count("script") == 1  # only the loader
    (figure,) = [attrs for tag, attrs in parsed.tags if attrs.get("role") == "figure"]
    assert figure["aria-label"] == 'x" onmouseover="alert(1)'
    assert "onmouseover" not in {k for _, attrs in parsed.tags for k in attrs}
    inside_pre = html.split("<pre", 1)[1].split(">", 1)[1].split("</pre>", 1)[0]
    for raw in ("<", ">", '"', "'"):
        assert raw not in inside_pre
    assert re.fullmatch(r"(?:[^&]|&(?:amp|lt|gt|quot|#x27);)*", inside_pre, flags=re.DOTALL)


def test_source_details_escape_and_number_lines_without_copying_numbers():
    html = source_details_html(HOSTILE)
    parsed = parse_html(html)
    assert [t for t, _ in parsed.tags][:2] == ["details", "summary"]
    assert "script" not in [t for t, _ in parsed.tags]
    lines = parsed.pre_text[0].split("\n")
    assert lines[0] == "1flowchart LR" and lines[1].startswith("2  a[")
    assert "user-select:none" in html
    assert "Mermaid source (3 lines)" in html


def test_inline_script_cannot_be_closed_by_its_content():
    tricky = "var s = '</script><script>alert(1)</script>';"
    markup = inline_script(tricky)
    assert markup.count("<script>") == 1 and markup.count("</script>") == 1
    assert inline_script("var a = 1 < 2;") == "<script>var a = 1 < 2;</script>"


def test_pinned_mermaid_is_inlined_verbatim():
    from c4kit.assets import mermaid_js

    js = mermaid_js()
    assert inline_script(js) == f"<script>{js}</script>"


# ---------------------------------------------------------------------------- registry
def test_registry_names_active_and_enable():
    assert renderers.names() == ["html", "mermaid", "svg", "text"]
    assert renderers.active == "mermaid"
    renderers.enable("text")
    assert renderers.active == "text"
    renderers.reset()
    assert renderers.active == "mermaid"


def test_enable_as_context_manager_restores_previous_renderer_and_options():
    renderers.enable("html", embed="never")
    with renderers.enable("text") as registry:
        assert registry is renderers and renderers.active == "text"
        assert mimebundle(FLOW) == {"text/plain": FLOW}
    assert renderers.active == "html" and renderers.options == {"embed": "never"}


def test_context_manager_restores_even_when_the_block_raises():
    with pytest.raises(ZeroDivisionError), renderers.enable("text"):
        1 / 0  # noqa: B018
    assert renderers.active == "mermaid"


def test_unknown_renderer_names_the_choices():
    with pytest.raises(UnknownRendererError) as info:
        renderers.enable("htlm")
    assert isinstance(info.value, C4Error)
    assert "did you mean 'html'" in info.value.hint
    assert "html, mermaid, svg, text" in info.value.hint
    assert renderers.active == "mermaid"


def test_unknown_option_is_refused_at_enable_time():
    with pytest.raises(RendererOptionError, match="no option 'colour'") as info:
        renderers.enable("html", colour="red")
    assert "embed" in info.value.hint


def test_register_custom_renderer_and_remove_it():
    def upper(text: str, *, title: str = "", shout: bool = False) -> dict:
        return {"text/plain": text.upper() if shout else text}

    try:
        renderers.register("upper", upper)
        assert "upper" in renderers.names()
        with renderers.enable("upper", shout=True):
            assert mimebundle("flowchart LR\n a") == {"text/plain": "FLOWCHART LR\n A"}
    finally:
        assert renderers.register("upper", None) is upper
    assert "upper" not in renderers.names()


def test_a_renderer_returning_garbage_is_reported_not_raised():
    try:
        renderers.register("broken", lambda text, *, title="": "not a dict")
        with renderers.enable("broken"):
            bundle = mimebundle(FLOW)
    finally:
        renderers.register("broken", None)
    assert "not a MIME bundle" in bundle["text/plain"]


def test_env_var_picks_renderer_until_one_is_enabled(monkeypatch, capsys):
    monkeypatch.setenv("C4KIT_RENDERER", "text")
    assert renderers.active == "text"
    renderers.enable("mermaid")
    assert renderers.active == "mermaid"
    renderers.reset()
    monkeypatch.setenv("C4KIT_RENDERER", "nope")
    assert renderers.active == "mermaid"
    assert "C4KIT_RENDERER='nope' is not a renderer" in capsys.readouterr().err


def test_lazy_top_level_access():
    assert c4kit.renderers is renderers
    assert c4kit.MermaidText is MermaidText and c4kit.show is show


# ------------------------------------------------------------------- VS Code detection
def test_vscode_is_detected_from_its_environment(monkeypatch):
    assert not in_vscode(user_ns={})
    monkeypatch.setenv("VSCODE_PID", "4242")
    assert in_vscode(user_ns={})
    assert detect_frontend(user_ns={}) == "vscode"
    assert renderers.active == "html"  # chosen automatically
    renderers.enable("mermaid")
    assert renderers.active == "mermaid"  # an explicit choice wins


def test_jupyter_started_from_vscode_terminal_is_not_vscode(monkeypatch):
    monkeypatch.setenv("VSCODE_CWD", "/home/me")
    monkeypatch.setenv("TERM_PROGRAM", "vscode")
    assert not in_vscode(user_ns={})
    assert detect_frontend(environ={"TERM_PROGRAM": "vscode", "JPY_SESSION_NAME": "x.ipynb"}, user_ns={}) == "jupyter"


def test_vscode_is_detected_from_its_kernel_variable_even_remote():
    assert in_vscode(environ={}, user_ns={"__vsc_ipynb_file__": "/w/course.ipynb"})
    assert detect_frontend(environ={}, user_ns={}) == "other"


# ------------------------------------------------------------------------- MermaidText
@pytest.mark.parametrize("text, keyword", [
    ("flowchart TD\n a-->b", "flowchart"),
    ("graph LR\n a-->b", "graph"),
    ("classDiagram\n class A", "classDiagram"),
    ("stateDiagram-v2\n [*] --> A", "stateDiagram-v2"),
    ("sequenceDiagram\n A->>B: hi", "sequenceDiagram"),
    ("\n%% a comment\n%%{init: {'theme': 'dark'}}%%\nerDiagram\n A ||--o{ B : has", "erDiagram"),
    ("---\ntitle: Orders\n---\nflowchart LR\n a-->b", "flowchart"),
    ("%%{\n  init: {'theme': 'forest'}\n}%%\nsequenceDiagram\n A->>B: x", "sequenceDiagram"),
])
def test_diagram_type_skips_front_matter_directives_and_comments(text, keyword):
    assert diagram_type(text)[0] == keyword
    assert MermaidText(text).diagram_type == keyword


def test_unknown_diagram_type_is_a_located_error_with_a_suggestion():
    with pytest.raises(C4SyntaxError) as info:
        MermaidText("\n\nsequencediagram\n  A->>B: hi")
    err = info.value
    assert err.line == 3 and err.column == 1 and err.text == "sequencediagram"
    assert "`sequenceDiagram`" in err.hint
    with pytest.raises(C4SyntaxError, match="'Flowchart' is not a Mermaid diagram type"):
        MermaidText("Flowchart LR\n a-->b")


@pytest.mark.parametrize("text, hint", [
    ("architecture\n group g(cloud)[G]", "architecture-beta"),
    ("zenuml\n A.b()", "plugin"),
    ("", "start with a diagram type"),
    ("%% only a comment\n", "start with a diagram type"),
])
def test_near_misses_and_empty_text(text, hint):
    with pytest.raises(C4SyntaxError) as info:
        MermaidText(text)
    assert hint in info.value.hint


def test_unclosed_front_matter():
    with pytest.raises(C4SyntaxError, match="never closed") as info:
        MermaidText("---\ntitle: x\nflowchart LR\n a-->b")
    assert info.value.line == 1


def test_non_string_input():
    with pytest.raises(C4Error, match="got int"):
        MermaidText(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("line, keyword", [
    ("  style Alice fill:#f9f", "style"),
    ("    classDef hot fill:#f00", "classDef"),
    ("  class Alice hot", "class"),
    ("  linkStyle 0 stroke:#f00", "linkStyle"),
])
def test_sequence_diagram_styling_trap_names_the_line(line, keyword):
    text = f"sequenceDiagram\n  participant Alice\n  Alice->>Bob: hi\n{line}\n  Bob-->>Alice: ok\n"
    with pytest.raises(C4SyntaxError) as info:
        MermaidText(text)
    err = info.value
    assert err.line == 4 and err.text == line
    assert f"no `{keyword}` statement" in err.message
    assert err.column == line.index(keyword) + 1
    assert "rect rgb" in err.hint


def test_participants_called_style_or_class_are_not_the_trap():
    text = "sequenceDiagram\n  participant style\n  participant class\n  style ->> class: hi\n  class-->>style: ok\n"
    assert MermaidText(text).family == "sequence"


def test_styling_is_fine_outside_sequence_diagrams():
    assert MermaidText("flowchart LR\n a-->b\n style a fill:#f9f\n classDef x fill:#fff\n class b x").findings == []


def test_mermaidtext_basics():
    text = MermaidText(FLOW, title="Shop")
    assert text.to_mermaid() == str(text) == FLOW
    assert text._repr_mimebundle_() == {MERMAID_MIME: FLOW, "text/plain": FLOW}
    assert repr(text) == "MermaidText(flowchart, 2 lines, title='Shop')"
    assert text == MermaidText(FLOW, title="Shop") and hash(text) == hash(MermaidText(FLOW, title="Shop"))
    assert not text.is_c4


def test_mermaidtext_save_delegates(monkeypatch, tmp_path):
    calls = []
    fake = types.ModuleType("c4kit.render.save")
    fake.save = lambda text, path, **kw: calls.append((text, path, kw))
    monkeypatch.setitem(sys.modules, "c4kit.render.save", fake)
    MermaidText(FLOW, title="Shop").save(tmp_path / "x.svg", theme="dark")
    assert calls == [(FLOW, tmp_path / "x.svg", {"title": "Shop", "theme": "dark"})]


C4_TEXT = 'C4Context\n  title Shop\n  Person(c, "Customer")\n  System(s, "Shop")\n  Rel(c, s, "Uses")\n'


def test_c4_text_is_linted_and_findings_kept(monkeypatch):
    seen = []
    fake = types.ModuleType("c4kit.linter")
    fake.lint_text = lambda text: seen.append(text) or ["finding"]
    monkeypatch.setitem(sys.modules, "c4kit.linter", fake)
    text = MermaidText(C4_TEXT)
    assert text.is_c4 and text.findings == ["finding"] and seen == [C4_TEXT]
    assert MermaidText(C4_TEXT, lint=False).findings == []
    assert MermaidText(FLOW).findings == [] and len(seen) == 1


def test_missing_linter_is_tolerated_and_said_once(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "c4kit.linter", None)
    assert MermaidText(C4_TEXT).findings == []
    assert MermaidText(C4_TEXT).findings == []
    assert capsys.readouterr().err.count("C4 text is shown without linting") == 1


def test_a_missing_third_party_module_inside_the_linter_is_not_hidden(monkeypatch):
    fake = types.ModuleType("c4kit.linter")

    def lint_text(text):
        raise ModuleNotFoundError("No module named 'yaml'", name="yaml")

    fake.lint_text = lint_text
    monkeypatch.setitem(sys.modules, "c4kit.linter", fake)
    with pytest.raises(ModuleNotFoundError):
        MermaidText(C4_TEXT)


def test_real_linter_findings_for_c4_text():
    pytest.importorskip("c4kit.linter")
    pytest.importorskip("c4kit.mermaid.parse")
    findings = MermaidText('C4Context\n  title Shop\n  Person(c, "Customer")\n  Rel(c, ghost, "Uses")\n').findings
    assert "rel-unknown-alias" in [f.rule_id for f in findings]
    assert any(f.severity == "error" for f in findings)


# -------------------------------------------------------------------- errors in display
def test_c4error_while_building_a_bundle_is_displayed_not_raised():
    def failing(text, *, title=""):
        raise C4Error("this diagram cannot be shown", hint="fix the label")

    try:
        renderers.register("failing", failing)
        with renderers.enable("failing"):
            bundle = mimebundle(HOSTILE)
    finally:
        renderers.register("failing", None)
    assert bundle["text/plain"] == "C4Error: this diagram cannot be shown\n  hint: fix the label"
    html = bundle["text/html"]
    assert 'role="alert"' in html and "How to fix it:</em> fix the label" in html
    assert "<script>alert(1)</script>" not in html  # the source is shown escaped
    assert parse_html(html).pre_text[-1].endswith("\n".join(f"{n}{line}" for n, line in
                                                            enumerate(HOSTILE.rstrip().split("\n"), 1))[-20:])


def test_mimebundle_for_catches_errors_while_writing_the_text():
    class Broken:
        title = "Broken"

        def to_mermaid(self):
            raise C4EmitError("boundary 'b' is empty", hint="add an element to it or remove it")

    bundle = mimebundle_for(Broken())
    assert bundle["text/plain"].startswith("C4EmitError: boundary 'b' is empty")
    assert mimebundle_for(MermaidText(FLOW)) == {MERMAID_MIME: FLOW, "text/plain": FLOW}


def test_non_text_is_reported():
    assert "expected Mermaid text (a str), got NoneType" in mimebundle(None)["text/plain"]  # type: ignore[arg-type]


def test_syntax_error_keeps_its_caret_in_html():
    err = C4SyntaxError("unexpected ')'", line=2, column=5, text="  a)b", hint="close the bracket")
    html = c4kit.display.error_bundle(err)["text/html"]
    assert "line 2, column 5" in html and "    ^" in html and "close the bracket" in html
    assert "hint:" not in html  # the hint has its own line


# --------------------------------------------------------------------------------- show
def test_show_outside_ipython_prints_diagram_then_source(capsys):
    show(FLOW)
    assert capsys.readouterr().out == FLOW + "\n" + FLOW + "\n"


def test_show_in_ipython_publishes_diagram_and_collapsed_source():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    InteractiveShell.instance()
    with capture_output() as captured:
        show(MermaidText(FLOW, title="Shop"))
    diagram, source = (output.data for output in captured.outputs)
    assert diagram == {MERMAID_MIME: FLOW, "text/plain": FLOW}
    assert source["text/plain"] == FLOW
    assert source["text/html"].startswith('<details class="c4kit-source-details"')
    with capture_output() as captured:
        show(FLOW, source=False)
    assert len(captured.outputs) == 1


def test_show_errors_are_friendly(capsys):
    show(42)
    assert "cannot show a int as a diagram" in capsys.readouterr().out
    show("sequenceDiagram\n  A->>B: hi\n  style A fill:#f00")
    assert "no `style` statement" in capsys.readouterr().out
    show(MermaidText(FLOW), flowchart=True)
    assert "has no flowchart rendering" in capsys.readouterr().out


def test_show_flowchart_of_a_view_uses_to_flowchart(capsys):
    class View:
        title = "V"

        def to_mermaid(self):
            return C4_TEXT

        def to_flowchart(self):
            return FLOW

    show(View(), flowchart=True, source=False)
    assert capsys.readouterr().out == FLOW + "\n"
