"""Bookings of joint consultations and the occupancy rows that prevent double booking."""
