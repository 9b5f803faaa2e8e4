"""Waitlist: families wait for a joint slot; a freed or new slot is offered to them by mail."""
