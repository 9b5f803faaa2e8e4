"""German messages for pydantic validation errors; no English pydantic text reaches a family."""

from collections.abc import Sequence
from typing import Any

# Own validators raise PydanticCustomError with these types; their German text lives here.
CUSTOM_MESSAGES = {
    "phone_invalid": (
        "Bitte geben Sie eine gültige Telefonnummer an (6 bis 20 Ziffern, "
        "erlaubt sind auch +, Leerzeichen, / und -)."
    ),
    "email_invalid": "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de.",
    "contact_missing": (
        "Bitte geben Sie eine Telefonnummer oder eine E-Mail-Adresse an, "
        "damit wir Sie erreichen können."
    ),
    "blank": "Bitte füllen Sie dieses Feld aus.",
    "line_break": "Bitte schreiben Sie diese Angabe in eine Zeile, ohne Zeilenumbruch.",
    "window_order": "Das Zeitfenster muss nach seinem Beginn enden.",
    "period_order": "Der Zeitraum muss nach seinem Beginn enden.",
}

_MESSAGES = {
    "missing": "Diese Angabe fehlt.",
    "string_type": "Bitte geben Sie hier einen Text an.",
    "string_too_short": "Bitte geben Sie mindestens {min_length} Zeichen ein.",
    "string_too_long": "Bitte geben Sie höchstens {max_length} Zeichen ein.",
    "int_type": "Bitte geben Sie eine ganze Zahl an.",
    "int_parsing": "Bitte geben Sie eine ganze Zahl an.",
    "int_from_float": "Bitte geben Sie eine ganze Zahl an.",
    "greater_than_equal": "Der Wert muss mindestens {ge} sein.",
    "less_than_equal": "Der Wert darf höchstens {le} sein.",
    "greater_than": "Der Wert muss größer als {gt} sein.",
    "less_than": "Der Wert muss kleiner als {lt} sein.",
    "bool_type": "Bitte geben Sie hier ja oder nein an (true oder false).",
    "bool_parsing": "Bitte geben Sie hier ja oder nein an (true oder false).",
    "list_type": "Bitte geben Sie hier eine Liste an.",
    "too_short": "Bitte geben Sie mindestens {min_length} Eintrag/Einträge an.",
    "too_long": "Bitte geben Sie höchstens {max_length} Einträge an.",
    "datetime_type": "Bitte geben Sie Datum und Uhrzeit an (ISO 8601).",
    "datetime_parsing": "Bitte geben Sie Datum und Uhrzeit an (ISO 8601).",
    "datetime_from_date_parsing": "Bitte geben Sie Datum und Uhrzeit an (ISO 8601).",
    "timezone_aware": "Bitte geben Sie Datum und Uhrzeit mit Zeitzone an.",
    "literal_error": "Dieser Wert ist hier nicht zulässig.",
    "time_type": "Bitte geben Sie eine Uhrzeit an (HH:MM).",
    "time_parsing": "Bitte geben Sie eine Uhrzeit an (HH:MM).",
    "date_type": "Bitte geben Sie ein Datum an (JJJJ-MM-TT).",
    "date_parsing": "Bitte geben Sie ein Datum an (JJJJ-MM-TT).",
    "date_from_datetime_parsing": "Bitte geben Sie ein Datum an (JJJJ-MM-TT).",
    "model_attributes_type": "Diese Angabe hat ein ungültiges Format.",
    "dict_type": "Diese Angabe hat ein ungültiges Format.",
    "model_type": "Diese Angabe hat ein ungültiges Format.",
    "json_invalid": "Die Anfrage enthält kein gültiges JSON.",
    "json_type": "Die Anfrage enthält kein gültiges JSON.",
}
_AGE_MESSAGE = "Bitte geben Sie für jedes Kind ein Alter von 0 bis 17 Jahren an."
_FALLBACK = "Diese Angabe ist ungültig."
# Where fields sit in the request; leaving them out gives "contact.phone", not "body.contact...".
_LOCATION_ROOTS = {"body", "query", "path", "header"}


def _field_name(loc: Sequence[int | str]) -> str:
    parts = list(loc)
    if parts and parts[0] in _LOCATION_ROOTS:
        parts = parts[1:]
    return ".".join(str(part) for part in parts) or "body"


def german_message(error: dict[str, Any]) -> str:
    """Return the German message for one pydantic error dict."""
    kind = str(error.get("type", ""))
    loc = [str(part) for part in error.get("loc", ())]
    if "children_ages" in loc and kind in {"greater_than_equal", "less_than_equal"}:
        return _AGE_MESSAGE
    if kind in CUSTOM_MESSAGES:
        return CUSTOM_MESSAGES[kind]
    template = _MESSAGES.get(kind)
    if template is None:
        return _FALLBACK
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError):
        return _FALLBACK


def field_errors(errors: Sequence[Any]) -> list[dict[str, str]]:
    """Map pydantic errors to `[{"field": "contact.phone", "message": "<German>"}]`."""
    result: list[dict[str, str]] = []
    for error in errors:
        item = {"field": _field_name(error.get("loc", ())), "message": german_message(error)}
        if item not in result:
            result.append(item)
    return result
