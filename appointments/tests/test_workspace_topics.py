"""Topic codes from the chat are shown to staff in German words."""

from appointments.workspace.topics import topic_list


def test_contract_codes_get_german_names_and_unknown_codes_stay() -> None:
    assert topic_list(["alleinerziehend", "buergergeld", "schulden", "neu_zugezogen"]) == (
        "alleinerziehend, Grundsicherungsgeld (früher Bürgergeld), Schulden, neu zugezogen"
    )
    assert topic_list(["kita"]) == "kita"
    assert topic_list(None) == ""
