"""Links between notebooks lead to their exported pages."""

from __future__ import annotations

from c4kit.course.export.links import rewrite_notebook_links

PAGES = {
    "notebooks/beginner/01_system_context.ipynb": "beginner-01_system_context.html",
    "notebooks/beginner/02_containers.ipynb": "beginner-02_containers.html",
    "notebooks/00_welcome.ipynb": "00_welcome.html",
}


def test_relative_links_follow_the_notebook_to_its_page():
    html = ('<a href="02_containers.ipynb">next</a> <a href="../00_welcome.ipynb#one-model">tour</a> '
            '<a href="./02_containers.ipynb#example-12-web-app">12</a>')
    out = rewrite_notebook_links(html, "notebooks/beginner/01_system_context.ipynb", PAGES)
    assert out == ('<a href="beginner-02_containers.html">next</a> <a href="00_welcome.html#one-model">tour</a> '
                   '<a href="beginner-02_containers.html#example-12-web-app">12</a>')


def test_other_links_are_left_alone():
    html = ('<a href="../intermediate/31_modular.ipynb">later</a> <a href="https://c4model.com">c4</a> '
            '<a href="#recap">recap</a>')
    assert rewrite_notebook_links(html, "notebooks/beginner/03_components_and_views.ipynb", PAGES) == html
