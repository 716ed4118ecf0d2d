"""Discovery: which notebooks make the course, where each sits, its title and its example anchors."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from c4kit.course.diagrams import diagrams_in, fences, is_c4, mermaid_fences
from c4kit.course.discover import (
    START_LEVEL,
    anchor_slug,
    anchors_in,
    describe,
    discover,
    duplicate_anchors,
    find_notebooks,
)
from c4kit.course.errors import CourseError, NotebookReadError

FIXTURE = Path(__file__).parent / "fixtures" / "course"


def write(path: Path, *cells: nbformat.NotebookNode, metadata: dict | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nb = new_notebook(cells=list(cells))
    nb.metadata.update(metadata or {})
    nbformat.write(nb, str(path))
    return path


def test_fixture_course_in_course_order():
    notebooks = discover(FIXTURE)
    assert [nb.rel for nb in notebooks] == [
        "notebooks/00_welcome.ipynb",
        "notebooks/01_beginner/01_context.ipynb",
        "exercises/01_first_diagram.ipynb",
        "solutions/01_first_diagram.ipynb",
        "notebooks/02_intermediate/34_circuit_breaker.ipynb",
        "notebooks/03_patterns/01_patterns.ipynb",
    ]
    by_rel = {nb.rel: nb for nb in notebooks}
    context = by_rel["notebooks/01_beginner/01_context.ipynb"]
    assert (context.level, context.level_order, context.title) == ("Beginner", 1, "System context")
    assert [a.heading for a in context.anchors] == ["Example 1: First diagram", "Example 2: External systems"]
    assert [a.slug for a in context.anchors] == ["example-1", "example-2"]
    assert context.page_name == "01_beginner-01_context.html"
    assert by_rel["notebooks/00_welcome.ipynb"].level == START_LEVEL
    assert by_rel["exercises/01_first_diagram.ipynb"].is_exercise
    assert not by_rel["solutions/01_first_diagram.ipynb"].is_exercise
    patterns = by_rel["notebooks/03_patterns/01_patterns.ipynb"]
    assert [(a.label, a.slug, a.title) for a in patterns.anchors] == [
        ("P1", "p1", "Microservices"), ("L1", "l1", "System context"), ("D1", "d1", "Microservices in depth")]


def test_only_given_folders(tmp_path):
    only = discover(FIXTURE, dirs=("notebooks",))
    assert only[0].rel == "notebooks/00_welcome.ipynb" and len(only) == 4
    assert all(nb.kind == "notebooks" for nb in only)


def test_anchor_headings_and_their_variants():
    nb = new_notebook(cells=[
        new_markdown_cell("# Title\n\n## Example 12: Web app, **API** and database\n\ntext"),
        new_markdown_cell("### Example 3 - Dashes work too\n## P10: Sagas ##\n## D2. Events"),
        new_markdown_cell("```markdown\n## Example 99: inside a code fence\n```\n## Not an example"),
        new_code_cell("## Example 98: a comment in code"),
        new_markdown_cell("## Examples 4: plural is not an anchor\n## L1 Missing colon is not one either"),
    ])
    anchors = anchors_in(nb)
    assert [(a.label, a.title, a.cell) for a in anchors] == [
        ("Example 12", "Web app, API and database", 0),
        ("Example 3", "Dashes work too", 1),
        ("P10", "Sagas", 1),
        ("D2", "Events", 1),
    ]
    assert anchor_slug("Example 7: x") == "example-7"
    assert anchor_slug("L3: Components") == "l3"
    assert anchor_slug("Summary") is None


def test_level_rules_metadata_folders_and_course_map(tmp_path):
    flat = write(tmp_path / "notebooks" / "05_queues.ipynb", new_markdown_cell("# Queues\n\n## Example 44: Serverless"))
    assert describe(flat, tmp_path).level == "Intermediate"  # from the course map: 31-60
    track = write(tmp_path / "notebooks" / "zoom.ipynb", new_markdown_cell("## L2: Containers"))
    assert describe(track, tmp_path).level == "Zoom walkthrough"
    foldered = write(tmp_path / "notebooks" / "3_advanced" / "2_security" / "07_zero_trust.ipynb",
                     new_markdown_cell("# Zero trust\n\n## Example 82: Zero-trust network"))
    info = describe(foldered, tmp_path)
    assert (info.level, info.level_order, info.section, info.section_order, info.order) == (
        "Advanced", 3, "Security", 2, 7)
    chosen = write(tmp_path / "notebooks" / "misc.ipynb", new_markdown_cell("no heading"),
                   metadata={"c4kit": {"course": {"level": "Beginner", "section": "Extras", "order": 9,
                                                  "title": "Odds and ends"}}})
    info = describe(chosen, tmp_path)
    assert (info.level, info.level_order, info.section, info.order, info.title) == (
        "Beginner", 1, "Extras", 9, "Odds and ends")
    untitled = write(tmp_path / "notebooks" / "12_common-mistakes.ipynb", new_markdown_cell("text only"))
    assert describe(untitled, tmp_path).title == "Common mistakes"


def test_checkpoints_and_build_output_are_skipped(tmp_path):
    write(tmp_path / "notebooks" / "a.ipynb")
    write(tmp_path / "notebooks" / ".ipynb_checkpoints" / "a-checkpoint.ipynb")
    write(tmp_path / "notebooks" / "_build" / "executed" / "a.ipynb")
    assert [p.name for p in find_notebooks(tmp_path)] == ["a.ipynb"]


def test_bad_paths_and_broken_notebooks_say_what_to_do(tmp_path):
    with pytest.raises(CourseError, match="no such file"):
        find_notebooks(tmp_path, [tmp_path / "missing"])
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(CourseError, match=r"not a notebook \(\.ipynb\)"):
        find_notebooks(tmp_path, [tmp_path / "notes.txt"])
    broken = tmp_path / "notebooks" / "broken.ipynb"
    broken.parent.mkdir()
    broken.write_text("{not json")
    with pytest.raises(NotebookReadError) as err:
        discover(tmp_path)
    assert "broken.ipynb" in str(err.value) and err.value.hint


def test_duplicate_example_headings_are_found(tmp_path):
    write(tmp_path / "notebooks" / "a.ipynb", new_markdown_cell("## Example 1: One"))
    write(tmp_path / "notebooks" / "b.ipynb", new_markdown_cell("## Example 1: One again"))
    write(tmp_path / "exercises" / "a.ipynb", new_markdown_cell("## Example 1: exercises repeat it on purpose"))
    assert duplicate_anchors(discover(tmp_path)) == {"example-1": ["notebooks/a.ipynb", "notebooks/b.ipynb"]}


def test_fences_follow_commonmark():
    text = "intro\n````md\n```mermaid\nnot this\n```\n````\n\n~~~ mermaid\nflowchart LR\n  a-->b\n~~~\n"
    assert [f.info for f in fences(text)] == ["md", "mermaid"]
    (block,) = mermaid_fences(text)
    assert block.body == "flowchart LR\n  a-->b"
    assert (block.start, block.end) == (7, 10)


def test_every_kind_of_diagram_is_collected():
    nb = nbformat.read(str(FIXTURE / "notebooks" / "02_intermediate" / "34_circuit_breaker.ipynb"), as_version=4)
    refs = diagrams_in(nb, "x.ipynb")
    assert [r.source for r in refs] == ["frame"] * 10
    assert refs[0].where == "x.ipynb, cell 3, output 1, frame down=none, breaker=off"
    welcome = nbformat.read(str(FIXTURE / "notebooks" / "00_welcome.ipynb"), as_version=4)
    (fence,) = diagrams_in(welcome, "w.ipynb")
    assert fence.source == "markdown" and fence.where == "w.ipynb, cell 1, mermaid block 1"
    assert "<br/>" in fence.text
    context = nbformat.read(str(FIXTURE / "notebooks" / "01_beginner" / "01_context.ipynb"), as_version=4)
    kinds = [(r.source, r.is_c4) for r in diagrams_in(context, "c.ipynb")]
    assert kinds == [("output", True), ("output", True), ("output", False)]
    assert is_c4("%% comment\n\nC4Deployment\n") and not is_c4("flowchart LR\n")
