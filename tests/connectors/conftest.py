"""Connector tests that forward to the appointments API use the same real API as the actions."""

from tests.api_server import api_server

__all__ = ["api_server"]
