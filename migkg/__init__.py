"""migkg: a knowledge graph of the EU's external cooperation on migration."""

__version__ = "0.1.0"
