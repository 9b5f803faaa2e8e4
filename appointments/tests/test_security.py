"""Password hashing."""

from appointments.security import hash_password, verify_password


def test_hash_is_salted_and_verifies() -> None:
    first, second = hash_password("demo-passwort"), hash_password("demo-passwort")
    assert first != second
    assert first.startswith("scrypt$")
    assert "demo-passwort" not in first
    assert verify_password("demo-passwort", first)
    assert not verify_password("Demo-passwort", first)


def test_malformed_hash_never_verifies() -> None:
    assert not verify_password("x", "")
    assert not verify_password("x", "md5$abc")
    assert not verify_password("x", "scrypt$1$2$3$!!$??")
