"""Secret manage tokens for families: shown once, stored only as SHA-256."""

import base64
import hashlib
import hmac
import secrets

from appointments.config import Settings


def hash_token(token: str) -> str:
    """Return the hex SHA-256 of a token (tokens are random, so no salt/stretching is needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_manage_token(settings: Settings, scope: str, idempotency_key: str | None) -> str:
    """Return a random token, or with an Idempotency-Key one derived by HMAC from it.

    The derived form lets a retried request return the same token without storing it:
    recomputing it needs the server's secret key, which is not in the database.
    """
    if idempotency_key is None:
        return secrets.token_urlsafe(32)
    secret = settings.secret_key.get_secret_value().encode()
    digest = hmac.new(secret, f"manage\n{scope}\n{idempotency_key}".encode(), "sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def token_matches(token: str, stored_hash: str | None) -> bool:
    """Compare a presented token with the stored hash in constant time."""
    if not stored_hash or not token:
        return False
    return hmac.compare_digest(hash_token(token), stored_hash)
