"""Appointments API of Familienlotse: joint consultations of Jugendamt and Jobcenter."""
