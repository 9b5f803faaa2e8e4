"""Agencies, staff members, their weekly availability and their login accounts."""
