"""The frame-set contract between widgets and the static export."""

from __future__ import annotations

import pytest

from c4kit.errors import C4Error
from c4kit.frames import Control, Frame, FrameSet, Option


def two_by_two() -> FrameSet:
    controls = [
        Control("down", "Element down", "select", (Option("none", "Nothing"), Option("db", "Database")), "none"),
        Control("breaker", "Circuit breaker", "toggle", (Option("off", "Off"), Option("on", "On")), "off"),
    ]
    frames = [Frame({"down": d, "breaker": b}, f"flowchart TD\n  a[{d} {b}]", caption=f"{d}/{b}",
                    details=(("Web", "healthy", "nothing failed"),))
              for d in ("none", "db") for b in ("off", "on")]
    return FrameSet("failure-lab", "Demo", controls, frames, legend=[("#DE8F05", "down")],
                    detail_headings=("Element", "Status", "Why"))


def test_round_trip_and_lookup():
    fs = two_by_two().validate()
    again = FrameSet.from_json(fs.to_json())
    assert again == fs
    assert again.frame_for({"down": "db", "breaker": "on"}).caption == "db/on"


def test_missing_and_duplicate_frames_are_caught():
    fs = two_by_two()
    fs.frames.pop()
    with pytest.raises(C4Error, match="1 missing"):
        fs.validate()
    fs = two_by_two()
    fs.frames.append(fs.frames[0])
    with pytest.raises(C4Error, match="1 duplicated"):
        fs.validate()


def test_bad_controls_are_caught():
    fs = two_by_two()
    fs.controls[0] = Control("down", "x", "dial", fs.controls[0].options, "none")
    with pytest.raises(C4Error, match="unknown type"):
        fs.validate()
    fs = two_by_two()
    fs.controls[0] = Control("down", "x", "select", fs.controls[0].options, "web")
    with pytest.raises(C4Error, match="default"):
        fs.validate()
    with pytest.raises(C4Error, match="version"):
        FrameSet.from_json({"version": 99})
    with pytest.raises(C4Error, match="no frame"):
        two_by_two().frame_for({"down": "web", "breaker": "on"})
