"""Staff workspace: German server-rendered pages (sign-in, overview, bookings, availability)."""
