"""Loaders: one per document shape, each turning a file's text into passages and events.

Installed as ``migkg.loaders`` (docs/decisions/0008-layout.md).
"""
