"""``c4kit course ...``: wiring into the main CLI, arguments, exit codes."""

from __future__ import annotations

import argparse
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from c4kit.course import cli as course_cli
from c4kit.course.discover import discover


def test_configure_adds_course_with_a_func_per_action():
    parser = argparse.ArgumentParser()
    course_cli.configure(parser.add_subparsers(dest="command"))
    cases = {
        "execute": course_cli.run_execute, "check-outputs": course_cli.run_check_outputs,
        "validate": course_cli.run_validate, "build": course_cli.run_build,
    }
    for action, func in cases.items():
        args = parser.parse_args(["course", action])
        assert args.func is func and args._run is course_cli.run
    args = parser.parse_args(["course", "execute", "nb.ipynb", "--inplace", "-p", "n", "3", "-p", "flag", "False"])
    assert args.paths == ["nb.ipynb"] and args.inplace and args.parameter == [["n", "3"], ["flag", "False"]]
    args = parser.parse_args(["course", "validate", "--max-overlaps", "2", "--report", "r.json"])
    assert (args.max_overlaps, args.report, args.no_overlaps) == (2, "r.json", False)
    args = parser.parse_args(["course", "build", "--include", "notebooks", "exercises", "--executed"])
    assert args.include == ["notebooks", "exercises"] and args.executed
    assert parser.parse_args(["course"]).func(None) == 2  # no action: usage, exit 2


def test_parameter_values_read_as_python_literals():
    assert course_cli.parse_value("3") == 3
    assert course_cli.parse_value("False") is False
    assert course_cli.parse_value("[1, 'a']") == [1, "a"]
    assert course_cli.parse_value("canary") == "canary"
    assert course_cli.parse_value("'quoted'") == "quoted"


def test_main_cli_runs_course_actions(tmp_path, capsys):
    from c4kit.cli import main

    assert main(["course", "validate", "--root", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "error: no notebooks found in notebooks/, solutions/, exercises/ under" in err and "hint:" in err

    path = tmp_path / "notebooks" / "01_n.ipynb"
    path.parent.mkdir()
    nb = new_notebook(cells=[new_code_cell("n = 1", metadata={"tags": ["parameters"]}), new_code_cell("print(n * 2)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    assert main(["course", "execute", "--root", str(tmp_path), "--no-progress", "-p", "n", "21"]) == 0
    out = capsys.readouterr().out
    assert "notebooks/01_n.ipynb  ok" in out and "1 notebook(s), 0 failed" in out
    executed = tmp_path / "_build" / "executed" / "notebooks" / "01_n.ipynb"
    ran = nbformat.read(str(executed), as_version=4)
    assert ran.cells[-1].outputs[0].text == "42\n"

    copies = course_cli._executed_copies(discover(tmp_path), tmp_path)
    assert copies[0].path == executed.resolve() and copies[0].rel == "notebooks/01_n.ipynb"
    assert course_cli._executed_copies(discover(tmp_path), Path(tmp_path / "elsewhere"))[0].path == path.resolve()
