"""``python -m c4kit``: the same command line as the ``c4kit`` script."""

from c4kit.cli import main

raise SystemExit(main())
