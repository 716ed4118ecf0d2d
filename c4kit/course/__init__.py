"""The course pipeline: prove every notebook runs and every diagram renders, then publish an offline site.

::

    discover ──► execute (papermill, in parallel) ──► check-outputs (committed outputs reproduce)
        └──────► validate (every diagram through real Mermaid, one batch; overlap counts)
        └──────► export (nbconvert as a library, own template, SVG pre-rendered, frame players,
                          search index, light/dark themes) ──► _build/course/index.html

Modules, one job each: :mod:`~c4kit.course.discover` (which notebooks, where
they sit in the course, their example anchors), :mod:`~c4kit.course.diagrams`
(every diagram a notebook shows), :mod:`~c4kit.course.rendering` (one browser
batch), :mod:`~c4kit.course.execute`, :mod:`~c4kit.course.outputs`,
:mod:`~c4kit.course.validate`, :mod:`~c4kit.course.a11y` (text alternatives),
:mod:`~c4kit.course.search`, :mod:`~c4kit.course.export` and
:mod:`~c4kit.course.cli` (``c4kit course ...``).
"""
