"""Staff-facing names of the topics a family named in the chat (the contract's codes)."""

from appointments.i18n import N_, _

# The `situation` values of the conversation contract; unknown codes are shown as they are.
_LABELS = {
    "buergergeld": N_("basic income support (Bürgergeld)"),
    "alleinerziehend": N_("single parent"),
    "arbeitssuchend": N_("looking for work"),
    "erwerbstaetig": N_("in work"),
    "ausbildung": N_("in training"),
    "sprache": N_("language"),
    "neu_zugezogen": N_("newly moved here"),
    "schulden": N_("debts"),
    "wohnen": N_("housing"),
    "gesundheit": N_("health"),
    "trennung": N_("separation"),
    "erziehung": N_("parenting"),
}


def topic_label(code: str) -> str:
    """The German name of one topic code."""
    label = _LABELS.get(code)
    return _(label) if label else code


def topic_list(codes: list[str] | None) -> str:
    """Topic names joined for a table cell."""
    return ", ".join(topic_label(code) for code in codes or [])
