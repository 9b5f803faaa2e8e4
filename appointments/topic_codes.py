"""The topic codes a booking or callback may carry: the conversation's `situation` values.

Anything else is refused at the door, so free text can never reach staff lists or the CSV
export through the topics.
"""

TOPIC_CODES = frozenset(
    {
        "buergergeld",
        "alleinerziehend",
        "arbeitssuchend",
        "erwerbstaetig",
        "ausbildung",
        "sprache",
        "neu_zugezogen",
        "schulden",
        "wohnen",
        "gesundheit",
        "trennung",
        "erziehung",
    }
)
