"""Tests of the appointments API (SQLite always, PostgreSQL when TEST_DATABASE_URL is set)."""
