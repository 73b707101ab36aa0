"""The corpus: its manifest, the build's inputs, and adding a document."""
