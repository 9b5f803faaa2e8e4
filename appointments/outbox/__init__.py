"""Outbox: every mail is a row written in the transaction of the change that causes it."""
