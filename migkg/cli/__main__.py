"""`python -m migkg.cli`: the same as the `migkg` command."""

from migkg.cli import main

raise SystemExit(main())
