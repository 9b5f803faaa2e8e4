"""Seed configuration (agencies, staff, windows, accounts) loaded from YAML."""
