"""The staff JSON API (HTTP Basic): booking lists, status changes, CSV, feeds, admin."""
