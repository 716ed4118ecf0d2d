"""environment.yml (Binder, JupyterHub, conda) must list what pyproject.toml installs."""

from __future__ import annotations

import re
from pathlib import Path

import tomllib
import yaml

ROOT = Path(__file__).resolve().parents[1]
# Requirements that exist only on one side on purpose: the Python interpreter, Node for npm,
# pip itself, and c4kit installed from the checkout.
CONDA_ONLY = {"python", "nodejs", "pip"}


def _split(requirement: str) -> tuple[str, str]:
    requirement = requirement.split(";")[0].strip()
    match = re.match(r"^([A-Za-z0-9_.\-\[\]]+)\s*(.*)$", requirement)
    assert match, requirement
    name = re.sub(r"\[.*\]", "", match.group(1)).lower().replace("_", "-")
    return name, match.group(2).replace(" ", "")


def test_environment_yml_mirrors_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_split(r) for r in project["dependencies"] + project["optional-dependencies"]["course"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = dict(_split(d) for d in env["dependencies"] if isinstance(d, str))
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_section, "environment.yml must install c4kit itself from the checkout"
    listed = {name: spec for name, spec in conda.items() if name not in CONDA_ONLY}
    assert listed == wanted, "environment.yml and pyproject.toml disagree: update both together"
