"""Short, human-friendly booking references such as `FL-7KQ3-M9TX`."""

import secrets

# No 0/O, 1/I/L: families read references out on the phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference(prefix: str = "FL") -> str:
    """Return a random reference (31^8 ≈ 8.5e11 possibilities; uniqueness is a DB constraint).

    `prefix` tells on the phone what a reference is for (FL = booking, RR = callback).
    """
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{prefix}-{chars[:4]}-{chars[4:]}"
