"""Errors of the staff domain that each face renders its own way (HTML page or JSON)."""


class NotVisibleError(Exception):
    """Unknown, or not visible to this account: both look the same, so nothing leaks."""
