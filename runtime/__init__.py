"""Code every process runs, in all three Python environments: start-up checks, log privacy,
crisis patterns, text redaction and the translation catalogue (standard library and PyYAML only)."""
