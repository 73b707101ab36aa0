"""The HTTP service. Installed as ``migkg.api`` (docs/decisions/0008-layout.md)."""
