"""Shared test setup: browser tests run where a Chromium exists, and must run in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
ARTIFACTS = ROOT / "test-artifacts"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip browser tests on a machine without Chromium, except in CI where that is a failure."""
    from c4kit.render.browser import find_chromium

    if os.environ.get("CI") or find_chromium(use_managed=True) is not None:
        return
    skip = pytest.mark.skip(reason="no headless Chromium: see README (make setup)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where tests keep screenshots and pages for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The reference documents (read at test time, never copied into the repo)."""
    if not SEEDS.is_dir():
        pytest.skip("the reference documents in ../shared/seeds are not present")
    return SEEDS
