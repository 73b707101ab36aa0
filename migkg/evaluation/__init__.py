"""Hand-read evaluation sets, scoring, competency questions."""
