"""Review inbox: what the chat did not understand, redacted, for maintainers to annotate."""
