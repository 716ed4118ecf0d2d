"""The static course site: nbconvert as a library, our template and preprocessors, pre-rendered diagrams.

Start at :func:`c4kit.course.export.site.build_site`.
"""
