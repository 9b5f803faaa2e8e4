"""Reminders to the family before the meeting and the staff's opt-in daily agenda."""
