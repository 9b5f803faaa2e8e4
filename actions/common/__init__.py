"""Helpers the flows share: slot names and groups, tracker reading, form mixins, texts.

No module here imports a flow module (import-linter contract in pyproject.toml).
"""
