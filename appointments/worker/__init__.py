"""The background worker: delivers the outbox and runs the scheduled jobs (Huey)."""
