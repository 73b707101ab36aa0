"""The build pipeline and its stages: link, claims, evidence, curation, dumps."""
