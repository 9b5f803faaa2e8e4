"""Phone numbers and e-mail addresses as the API accepts them."""

from __future__ import annotations

import pytest

from actions.common.contact import clean_name, find_email, find_phone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("maria.muster@web.de", "maria.muster@web.de", id="plain"),
        pytest.param("Mail: m@example.de bitte", "m@example.de", id="in-sentence"),
        pytest.param("maria..muster@web.de", None, id="double-dot"),
        pytest.param(".maria@web.de", None, id="leading-dot"),
        pytest.param("a@b", None, id="no-domain"),
    ],
)
def test_find_email(text: str, expected: str | None) -> None:
    assert find_email(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("0171 2345678", "0171 2345678", id="mobile"),
        pytest.param("Tel. 05451/98765", "05451/98765", id="slash"),
        pytest.param("+49 151 12345678", "+49 151 12345678", id="international"),
        pytest.param("0171\n2345678", "0171 2345678", id="line-break-joined"),
        pytest.param("12", None, id="too-short"),
    ],
)
def test_find_phone(text: str, expected: str | None) -> None:
    assert find_phone(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Mira Beispiel", "Mira Beispiel", id="plain"),
        pytest.param("  Mira Beispiel \n", "Mira Beispiel", id="trailing-newline"),
        pytest.param("Mira\nBeispiel", None, id="newline"),
        pytest.param("Mira\r\nBcc: alle@example.org", None, id="crlf-header"),
        pytest.param("Mira\u2028Beispiel", None, id="line-separator"),
    ],
)
def test_clean_name_refuses_line_breaks(text: str, expected: str | None) -> None:
    # The API refuses names with line breaks (e-mail headers, CSV rows); so does the chat.
    assert clean_name(text) == expected
