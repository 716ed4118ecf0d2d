"""The ``c4kit`` command line, run in-process through ``main([...])`` (and once as the real script)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import c4kit
from c4kit import cli
from c4kit.cli import Command, main, register

SHOP = (
    "C4Context\n  title Bookshop\n"
    '  Person(customer, "Customer", "Buys books")\n'
    '  System(shop, "Bookshop", "Sells books")\n'
    '  Rel(customer, shop, "Orders books", "HTTPS")\n'
)
# Line 3 has an unquoted argument holding a quote: a syntax error at column 12.
BROKEN = 'C4Context\n  title Broken\n  Person(c "x")\n'
# Parses, but the relationship names an alias nothing declares: an error finding on line 4.
UNKNOWN_ALIAS = 'C4Context\n  title Bad arrow\n  Person(c, "Customer", "Buys")\n  Rel(c, nobody, "Uses")\n'
FLOW = "flowchart LR\n  A[Reader] --> B[Book]\n"
NOTES = (
    "# Notes\n\nSome prose.\n\n"       # lines 1-4
    "```mermaid\n" + UNKNOWN_ALIAS +   # fence on line 5, diagram lines 6-9
    "```\n\nMore prose.\n\n"           # lines 10-13
    "```mermaid\n" + FLOW + "```\n"    # fence on line 14, flowchart on 15-16
)


@pytest.fixture()
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "shop.mmd").write_text(SHOP)
    (tmp_path / "broken.mmd").write_text(BROKEN)
    (tmp_path / "arrow.mmd").write_text(UNKNOWN_ALIAS)
    (tmp_path / "flow.mmd").write_text(FLOW)
    (tmp_path / "notes.md").write_text(NOTES)
    return tmp_path


# ----------------------------------------------------------------- general
def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"c4kit {c4kit.__version__}") and "Mermaid" in out
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in ("render", "lint", "convert", "info"):
        assert name in out


def test_no_command_prints_usage_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: c4kit" in capsys.readouterr().err


def test_usage_errors_exit_2_without_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", "x.mmd", "--to", "pdf"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice" in err and "Traceback" not in err


def test_info_reports_versions_and_the_browser(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.setattr("c4kit.render.browser.find_chromium", lambda **_: None)
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    from c4kit.assets import mermaid_version

    assert f"c4kit       {c4kit.__version__}" in out
    assert mermaid_version() in out
    assert "none found" in out and "playwright install chromium" in out


def test_subcommands_can_be_added_from_elsewhere(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.setattr(cli, "COMMANDS", dict(cli.COMMANDS))

    def configure(p: argparse.ArgumentParser) -> None:
        p.add_argument("--name", default="world")

    def run(args: argparse.Namespace) -> int:
        print(f"hello {args.name}")
        return 0

    register(Command("hello", "say hello", configure, run))
    assert main(["hello", "--name", "course"]) == 0
    assert capsys.readouterr().out == "hello course\n"


def test_a_missing_extension_module_is_skipped_but_a_broken_one_is_not(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cli, "EXTENSIONS", ("c4kit.no_such_extension.cli",))
    cli._load_extensions()  # not written yet: skipped
    (tmp_path / "c4kit_test_broken_extension.py").write_text("import c4kit_test_missing_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(cli, "EXTENSIONS", ("c4kit_test_broken_extension",))
    with pytest.raises(ModuleNotFoundError, match="c4kit_test_missing_dependency"):
        cli._load_extensions()  # written but broken: shown, not hidden


# -------------------------------------------------------------------- lint
def test_lint_clean_file_exits_0(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "shop.mmd"]) == 0
    out = capsys.readouterr().out
    assert all(line.startswith("shop.mmd:") for line in out.splitlines())


def test_lint_errors_are_findings_with_positions_and_exit_1(files: Path, capsys) -> None:
    assert main(["lint", "broken.mmd", "arrow.mmd"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert "broken.mmd:3:12: syntax-error " in "\n".join(lines)
    assert any(line.startswith("arrow.mmd:4:") and " rel-unknown-alias " in line for line in lines)


def test_lint_strict_fails_on_warnings(files: Path, capsys) -> None:
    from c4kit.linter import lint_text

    severities = {f.severity.value for f in lint_text(SHOP)}
    assert "error" not in severities
    expected = 1 if "warning" in severities else 0
    assert main(["lint", "--strict", "shop.mmd"]) == expected


def test_lint_markdown_reports_lines_of_the_markdown_file(files: Path, capsys) -> None:
    assert main(["lint", "notes.md"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("notes.md:9:") and "rel-unknown-alias" in line for line in lines)
    assert any(line.startswith("notes.md:15:") and "not-c4" in line for line in lines)


def test_lint_missing_file_is_a_clear_error(files: Path, capsys) -> None:
    assert main(["lint", "nope.mmd"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: nope.mmd: no such file") and "Traceback" not in err


def test_lint_markdown_without_diagrams_says_so(files: Path, capsys) -> None:
    (files / "empty.md").write_text("# Nothing here\n")
    assert main(["lint", "empty.md"]) == 2
    assert "no ```mermaid blocks" in capsys.readouterr().err


# ----------------------------------------------------------------- convert
def test_convert_to_json_c4_and_flowchart(files: Path, capsys) -> None:
    assert main(["convert", "shop.mmd", "--to", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "C4Context" and data["title"] == "Bookshop"
    assert main(["convert", "shop.mmd", "--to", "c4"]) == 0
    c4_text = capsys.readouterr().out
    assert c4_text.startswith("C4Context") and 'Rel(customer, shop, "Orders books", "HTTPS")' in c4_text
    assert main(["convert", "shop.mmd", "--to", "flowchart"]) == 0
    assert "flowchart" in capsys.readouterr().out


def test_convert_syntax_error_names_file_line_and_column(files: Path, capsys) -> None:
    assert main(["convert", "broken.mmd", "--to", "json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: broken.mmd:line 3, column 12:")
    assert "hint:" in err and "Traceback" not in err


# ------------------------------------------------------------------ render
def test_render_without_browser_still_writes_mmd_and_html(files: Path, capsys, monkeypatch) -> None:
    import c4kit.render.engine as engine_mod

    monkeypatch.setattr("c4kit.render.browser.find_chromium", lambda **_: None)
    monkeypatch.setattr(engine_mod, "_engine", None)
    monkeypatch.setattr(engine_mod.atexit, "register", lambda fn: fn)
    assert main(["render", "shop.mmd", "-o", "out/shop.html"]) == 0
    assert "<pre class=\"mermaid\"" in (files / "out" / "shop.html").read_text()
    assert main(["render", "shop.mmd", "flow.mmd", "-o", "text", "--format", "mmd"]) == 0
    assert (files / "text" / "flow.mmd").read_text() == FLOW
    assert main(["render", "shop.mmd", "-o", "out/shop.svg"]) == 2
    err = capsys.readouterr().err
    assert "no headless Chromium" in err and "playwright install chromium" in err
    if engine_mod._engine is not None:
        engine_mod._engine.close()


def test_render_output_rules(files: Path, capsys) -> None:
    assert main(["render", "shop.mmd", "-o", "shop.pdf"]) == 2
    assert "end the file name with one of" in capsys.readouterr().err
    (files / "taken").write_text("a file")
    assert main(["render", "shop.mmd", "flow.mmd", "-o", "taken", "--format", "mmd"]) == 2
    assert "need a folder" in capsys.readouterr().err
    (files / "sub").mkdir()
    (files / "sub" / "shop.mmd").write_text(SHOP)
    assert main(["render", "shop.mmd", "sub/shop.mmd", "-o", "out", "--format", "mmd"]) == 2
    assert "same file: shop.mmd" in capsys.readouterr().err


@pytest.mark.browser
def test_render_one_file_and_a_folder_in_one_batch(files: Path, capsys, monkeypatch) -> None:
    import c4kit.render.engine as engine_mod

    calls: list[int] = []
    real = engine_mod.Engine.render_many

    def counting(self, texts, **kwargs):
        calls.append(len(list(texts)))
        return real(self, texts, **kwargs)

    monkeypatch.setattr(engine_mod.Engine, "render_many", counting)
    assert main(["render", "shop.mmd", "-o", "one/shop.svg"]) == 0
    assert ET.parse(files / "one" / "shop.svg").getroot().tag.endswith("svg")
    assert main(["render", "shop.mmd", "notes.md", "flow.mmd", "-o", "many"]) == 2  # notes.md block 1 fails
    out, err = capsys.readouterr()
    assert calls == [1, 4]  # one batch for all four diagrams
    assert sorted(p.name for p in (files / "many").iterdir()) == ["flow.svg", "notes-2.svg", "shop.svg"]
    assert "wrote many/shop.svg" in out.replace("\\", "/")
    assert err.startswith("error: notes.md (mermaid block 1): Mermaid could not render")


@pytest.mark.browser
def test_render_png_and_flowchart_conversion(files: Path) -> None:
    assert main(["render", "shop.mmd", "-o", "shop.png", "--scale", "1"]) == 0
    assert (files / "shop.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["render", "shop.mmd", "--flowchart", "-o", "flow.svg"]) == 0
    root = ET.parse(files / "flow.svg").getroot()
    assert root.get("aria-roledescription", "").startswith("flowchart")


def test_render_flowchart_conversion_reports_c4_syntax_errors(files: Path, capsys) -> None:
    assert main(["render", "broken.mmd", "--flowchart", "-o", "x.mmd"]) == 2
    assert "broken.mmd:line 3, column 12" in capsys.readouterr().err


# -------------------------------------------------------------- real script
def test_console_script_and_python_m_run_main(files: Path) -> None:
    script = Path(sys.executable).with_name("c4kit")
    commands = [[str(script)]] if script.exists() else []
    commands.append([sys.executable, "-m", "c4kit"])
    for command in commands:
        done = subprocess.run([*command, "lint", "arrow.mmd"], capture_output=True, text=True, timeout=120)
        assert done.returncode == 1, done.stderr
        assert "arrow.mmd:4:" in done.stdout and "rel-unknown-alias" in done.stdout
        done = subprocess.run([*command, "lint", "missing.mmd"], capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and done.stderr.startswith("error: missing.mmd: no such file")
        assert "Traceback" not in done.stderr
