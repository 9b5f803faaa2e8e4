"""Rate limits per client address with the `limits` library (memory or Redis storage).

One process (`make run`) counts in memory; several processes share Redis
(`APPOINTMENTS_RATE_LIMIT_STORAGE=redis://…`). Holds, bookings and callbacks come from the
action server, which counts as one client: its limits are the total of all chats, while
the chat itself limits messages per session and address.
"""

import hashlib
import logging
import math
import time
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import Depends, Request
from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from redis.exceptions import RedisError

from appointments.config import Settings
from appointments.errors import AppointmentsError

logger = logging.getLogger(__name__)

Scope = Literal["holds", "bookings", "callbacks", "checks", "sign_in"]
SCOPES: tuple[Scope, ...] = ("holds", "bookings", "callbacks", "checks", "sign_in")


class RateLimitedError(AppointmentsError):
    """Too many requests from one client address in a short time."""

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(
            "Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment und versuchen "
            "Sie es dann noch einmal.",
            429,
            "too_many_requests",
            headers={"Retry-After": str(retry_after_seconds)},
        )


def client_address(request: Request) -> str:
    """The client's address (uvicorn's --proxy-headers puts the real one here behind a proxy)."""
    return request.client.host if request.client else "unknown"


class RateLimiter:
    """Counts hits per scope and client address; raises RateLimitedError over the limit."""

    def __init__(self, settings: Settings) -> None:
        options: dict[str, str] = {}
        if not settings.rate_limit_storage.startswith("memory://"):
            options["key_prefix"] = settings.rate_limit_prefix
        self._storage = storage_from_string(settings.rate_limit_storage, **options)
        self._limiter = MovingWindowRateLimiter(self._storage)
        self._prefix = settings.rate_limit_prefix
        self._limits: dict[str, list[RateLimitItem]] = {
            scope: parse_many(getattr(settings, f"rate_limit_{scope}")) for scope in SCOPES
        }

    def _identity(self, address: str) -> str:
        # Addresses are personal data: the store keeps only a hash.
        return hashlib.sha256(f"{self._prefix}:{address}".encode()).hexdigest()[:32]

    def check(self, scope: Scope, address: str) -> None:
        """Raise if the address is over a limit of the scope (without counting)."""
        self._apply(scope, address, self._limiter.test)

    def hit(self, scope: Scope, address: str) -> None:
        """Count one request of the address; raise if it is over a limit of the scope."""
        self._apply(scope, address, self._limiter.hit)

    def _apply(self, scope: Scope, address: str, step: Callable[..., bool]) -> None:
        identity = self._identity(address)
        for item in self._limits[scope]:
            try:
                allowed = step(item, scope, identity)
            except (RedisError, OSError) as exc:
                # The limits are a second line (locks and the database stay in force): a
                # Redis outage must not stop families from booking. Logged for operators.
                logger.error("rate_limit.storage_unavailable error_type=%s", type(exc).__name__)
                return
            if not allowed:
                self._refuse(scope, item, identity)

    def _refuse(self, scope: str, item: RateLimitItem, identity: str) -> None:
        stats = self._limiter.get_window_stats(item, scope, identity)
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        logger.info("rate_limit.exceeded scope=%s", scope)
        raise RateLimitedError(retry_after)

    def reset(self) -> None:
        """Forget all counts (tests)."""
        self._storage.reset()


def rate_limited(scope: Scope) -> Any:  # FastAPI types Depends() as Any
    """A dependency that counts one request of the scope per client address."""

    def dependency(request: Request) -> None:
        limiter: RateLimiter = request.app.state.rate_limiter
        limiter.hit(scope, client_address(request))

    return Depends(dependency)


HoldsLimit = Annotated[None, rate_limited("holds")]
BookingsLimit = Annotated[None, rate_limited("bookings")]
CallbacksLimit = Annotated[None, rate_limited("callbacks")]
ChecksLimit = Annotated[None, rate_limited("checks")]
SignInLimit = Annotated[None, rate_limited("sign_in")]
