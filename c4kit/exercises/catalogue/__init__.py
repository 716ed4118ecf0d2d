"""The course's own exercise tasks, registered on import (one module per level or section).

Every module in this package is imported, so a new exercise set only adds its
own module: no list to keep in step here.
"""

from __future__ import annotations

import importlib
import pkgutil

for _module in sorted(info.name for info in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")  # importing registers the tasks
