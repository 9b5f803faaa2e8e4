"""Quality over time: weekly rate, helpful share, confusions, gate per model; page and report."""

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.config import Settings
from appointments.review import quality
from appointments.review.models import ReviewItem
from appointments.tests.factories import create_account
from appointments.tests.workspace_support import PASSWORD, browser, sign_in


def _traffic(client: TestClient) -> None:
    assert client.post("/review/messages", json={"messages": 40}).status_code == 204
    for text in ("eins", "zwei"):
        body = {"text": text, "reason": "unsicher", "predicted_intent": "ask_costs"}
        client.post("/review/items", json=body)
    for helpful in (True, True, True, False):
        client.post("/review/ratings", json={"answer_id": "antwort/ask_costs", "helpful": helpful})


def test_weekly_rate_helpful_share_and_confusions(client: TestClient, session: Session) -> None:
    _traffic(client)
    for item in session.scalars(select(ReviewItem).where(ReviewItem.reason == "unsicher")):
        item.status, item.annotated_intent = "annotiert", "ask_childcare"
    session.commit()
    [week] = quality.weekly(session)
    assert (week.week, week.messages, week.unsure, week.rated) == ("2026-W50", 40, 2, 4)
    assert quality.percent(week.unsure_rate) == "5,0 %"
    assert quality.percent(week.helpful_share) == "75,0 %"
    assert quality.top_confusions(session) == [("ask_costs", "ask_childcare", 2)]


def test_message_counts_need_the_service_token(app: Any) -> None:
    with TestClient(app, raise_server_exceptions=False) as anonymous:
        assert anonymous.post("/review/messages", json={"messages": 5}).status_code == 401


def test_report_lists_gates_per_model(
    client: TestClient, session: Session, settings: Settings, tmp_path: Path, monkeypatch: Any
) -> None:
    _traffic(client)
    log = tmp_path / "nlu_gates.jsonl"
    entries = [
        {"model": "familienlotse-aaa.tar.gz", "date": "2026-12-01", "dev_macro_f1": 0.91,
         "frozen_macro_f1": 0.85, "near_miss_share": 0.7, "passed": True},
        {"model": "familienlotse-bbb.tar.gz", "date": "2026-12-06", "dev_macro_f1": 0.88,
         "frozen_macro_f1": 0.79, "near_miss_share": 0.6, "passed": False},
    ]  # fmt: skip
    log.write_text("".join(json.dumps(e) + "\n" for e in entries) + "kaputt\n", encoding="utf-8")
    monkeypatch.setattr(quality, "GATE_LOG", log)
    report = tmp_path / "quality.md"
    assert quality.main([str(report)], settings=settings) == 0
    text = report.read_text(encoding="utf-8")
    assert "| 2026-W50 | 40 | 2 | 5,0 % | 4 | 75,0 % |" in text
    # Newest model first, each with its gate.
    assert text.index("familienlotse-bbb") < text.index("familienlotse-aaa")
    assert "| familienlotse-bbb.tar.gz | 2026-12-06 | 0.88 | 0.79 | 0.6 | NICHT bestanden |" in text


def test_quality_page_for_maintainers(app: Any, client: TestClient, session: Session) -> None:
    create_account(session, "redaktion", PASSWORD, None, role="maintainer")
    session.commit()
    _traffic(client)
    with browser(app) as web:
        sign_in(web, "redaktion")
        page = web.get("/arbeitsplatz/pruefen/qualitaet")
    assert page.status_code == 200
    assert "<h1>Qualität</h1>" in page.text
    assert "5,0 %" in page.text and "75,0 %" in page.text
