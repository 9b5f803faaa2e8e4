"""Review pages: only maintainers, same sign-in and CSRF as the workspace, German texts."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.review.models import ReviewItem
from appointments.tests.factories import create_account, create_team
from appointments.tests.workspace_support import PASSWORD, browser, hidden, sign_in

INBOX = "/arbeitsplatz/pruefen"


@pytest.fixture
def accounts(session: Session) -> None:
    team = create_team(session)
    create_account(session, "redaktion", PASSWORD, None, role="maintainer")
    create_account(session, "anna", PASSWORD, team.ja_a)
    create_account(session, "chefin", PASSWORD, None, role="admin")
    session.commit()


def _capture(client: TestClient, text: str, **extra: Any) -> None:
    body = {"text": text, "reason": "unsicher", "predicted_intent": "ask_costs", **extra}
    assert client.post("/review/items", json=body).status_code == 201


def _items(session: Session) -> dict[str, ReviewItem]:
    session.expire_all()
    return {item.text: item for item in session.scalars(select(ReviewItem))}


def test_only_maintainers_see_the_inbox(app: Any, client: TestClient, accounts: None) -> None:
    _capture(client, "was kostet das, Tel 0171 2345678")
    with browser(app) as web:
        assert web.get(INBOX).status_code == 303  # not signed in: to the sign-in page
        sign_in(web, "anna")
        assert web.get(INBOX).status_code == 403
    with browser(app) as web:
        sign_in(web, "chefin")
        assert web.get(INBOX).status_code == 403
    with browser(app) as web:
        sign_in(web, "redaktion")
        page = web.get(INBOX)
        assert page.status_code == 200
        assert "Prüfeingang" in page.text and "was kostet das, Tel [TELEFON]" in page.text
        assert "2345678" not in page.text
        # The menu shows the inbox only, not bookings.
        assert 'href="/arbeitsplatz/pruefen"' in page.text
        assert ">Termine<" not in page.text


def test_annotate_with_entities_and_ignore(
    app: Any, client: TestClient, session: Session, accounts: None
) -> None:
    _capture(client, "mein kind ist vier und was kostet kita")
    _capture(client, "blabla")
    items = _items(session)
    kita, noise = items["mein kind ist vier und was kostet kita"], items["blabla"]
    with browser(app) as web:
        sign_in(web, "redaktion")
        page = web.get(f"{INBOX}/{kita.id}")
        token = hidden(page.text, "csrf_token")
        wrong = web.post(
            f"{INBOX}/{kita.id}",
            data={
                "csrf_token": token,
                "absicht": "ask_childcare",
                "entity_1": "child_age",
                "wert_1": "fünf",
            },
        )
        assert wrong.status_code == 400
        assert "Der Wert muss genau so im Text stehen." in wrong.text
        saved = web.post(
            f"{INBOX}/{kita.id}",
            data={
                "csrf_token": token,
                "absicht": "ask_childcare",
                "entity_1": "child_age",
                "wert_1": "vier",
            },
        )
        assert saved.status_code == 303
        web.post(f"{INBOX}/{noise.id}", data={"csrf_token": token, "aktion": "ignorieren"})
        forged = web.post(f"{INBOX}/{noise.id}", data={"absicht": "ask_childcare"})
        assert forged.status_code == 400  # no CSRF token: nothing changes
    items = _items(session)
    kita, noise = items["mein kind ist vier und was kostet kita"], items["blabla"]
    assert (kita.status, kita.annotated_intent) == ("annotiert", "ask_childcare")
    assert '"entity": "child_age"' in (kita.annotated_entities or "")
    assert '"start": 14' in (kita.annotated_entities or "")
    assert noise.status == "ignoriert"


def test_bulk_actions_and_filters(
    app: Any, client: TestClient, session: Session, accounts: None
) -> None:
    _capture(client, "eins", language="uk")
    _capture(client, "zwei", language="de")
    _capture(client, "drei", language="de", reason="reparatur")
    items = _items(session)
    with browser(app) as web:
        sign_in(web, "redaktion")
        filtered = web.get(INBOX, params={"sprache": "de", "grund": "reparatur"})
        assert "drei" in filtered.text and ">zwei<" not in filtered.text
        token = hidden(filtered.text, "csrf_token")
        done = web.post(
            f"{INBOX}/sammel",
            data={
                "csrf_token": token,
                "aktion": "annotieren",
                "absicht": "ask_costs",
                "eintrag": [items["eins"].id, items["zwei"].id],
            },
        )
        assert done.status_code == 303
        assert "2+Eintr" in done.headers["location"]
    items = _items(session)
    assert [items[t].status for t in ("eins", "zwei", "drei")] == ["annotiert", "annotiert", "neu"]


def test_unhelpful_answers_view(app: Any, client: TestClient, accounts: None) -> None:
    for helpful in (False, False, True):
        client.post("/review/ratings", json={"answer_id": "antwort/ask_costs", "helpful": helpful})
    client.post("/review/ratings", json={"answer_id": "antwort/ask_kita", "helpful": False})
    with browser(app) as web:
        sign_in(web, "redaktion")
        page = web.get(f"{INBOX}/antworten")
    assert page.status_code == 200
    assert page.text.index("antwort/ask_costs") < page.text.index("antwort/ask_kita")
    assert "67 %" in page.text
