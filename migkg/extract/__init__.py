"""From sentences to drafts of facts: phrases, the gazetteer, the named rules."""
