"""Server-rendered German HTML pages for families: view, reschedule and cancel a booking."""
