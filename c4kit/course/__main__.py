"""``python -m c4kit.course ACTION``: the course pipeline without the rest of the CLI."""

import sys

from c4kit.course.cli import main

sys.exit(main())
