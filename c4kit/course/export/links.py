"""Links between notebooks, pointed at the pages they become.

Authors link notebooks the way JupyterLab follows them (``02_containers.ipynb``,
``../beginner/01_system_context.ipynb#example-3``).  In the exported site each
notebook is a flat ``.html`` page, so such a link would lead nowhere.  The
exporter rewrites every relative ``.ipynb`` link whose target is part of the
site to that page, keeping the ``#anchor``; links to notebooks outside the site
are left as they are (the offline check reports nothing for them: they are
local files, not the network).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping

_NOTEBOOK_HREF = re.compile(r'href="(?P<path>[^":#?]+\.ipynb)(?P<anchor>#[^"]*)?"')


def rewrite_notebook_links(html: str, page_rel: str, page_names: Mapping[str, str]) -> str:
    """``html`` of the notebook at ``page_rel`` with links to other course notebooks pointing at their pages.

    ``page_names`` maps each notebook's POSIX path relative to the course root
    (``notebooks/beginner/02_containers.ipynb``) to its page (``beginner-02_containers.html``).
    """
    here = posixpath.dirname(page_rel)

    def point(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(here, match.group("path")))
        page = page_names.get(target)
        if page is None:
            return match.group(0)
        return f'href="{page}{match.group("anchor") or ""}"'

    return _NOTEBOOK_HREF.sub(point, html)
