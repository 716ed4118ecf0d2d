"""The course's own exercise tasks, registered on import (one module per level)."""

from c4kit.exercises.catalogue import beginner  # noqa: F401  (importing registers the tasks)
