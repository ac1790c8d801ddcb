"""``python -m connect_mock`` is the ``connect-mock`` command."""

from .cli import main

raise SystemExit(main())
