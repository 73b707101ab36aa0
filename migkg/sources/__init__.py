"""The corpus: its manifest and the build's inputs."""
