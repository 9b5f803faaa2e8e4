"""E-mail notifications with calendar files (ICS) for staff and families."""
