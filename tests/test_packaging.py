"""A built wheel carries the pinned Mermaid and the course assets, so `pip install` users need no Node."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.xdist_group("packaging")
def test_the_wheel_ships_mermaid_and_the_course_assets(tmp_path):
    if not (ROOT / "c4kit" / "_assets" / "mermaid.min.js").exists():
        pytest.skip("Mermaid is not installed into the package yet (make setup)")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q",
                    "-w", str(tmp_path)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("c4kit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "c4kit/_assets/mermaid.min.js" in names
    assert "c4kit/py.typed" in names
    assert {"c4kit/course/static/course.css", "c4kit/course/static/player.js"} <= names
    assert any(n.startswith("c4kit/course/export/templates/c4kit/") for n in names)
    pinned = (ROOT / "c4kit" / "_assets" / "mermaid.version").read_text().strip()
    assert zipfile.ZipFile(wheel).read("c4kit/_assets/mermaid.version").decode().strip() == pinned
