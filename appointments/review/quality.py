"""Quality over time: weekly unsure rate, helpful share, top confusions, NLU gate per model.

The same figures feed the page /arbeitsplatz/pruefen/qualitaet and `var/reports/quality.md`
(`python -m appointments.review.quality`, `make quality-report`). Only counts and the
maintainers' annotations are used, never a family's text.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from appointments.config import Settings
from appointments.db import make_engine, make_session_factory
from appointments.review.models import STATUS_ANNOTATED, AnswerRating, ReviewItem, WeekCount

REPO = Path(__file__).resolve().parents[2]
GATE_LOG = REPO / "var" / "reports" / "nlu_gates.jsonl"
REPORT = REPO / "var" / "reports" / "quality.md"


@dataclass(frozen=True)
class WeekQuality:
    """One week's figures."""

    week: str
    messages: int
    unsure: int
    helpful: int
    rated: int

    @property
    def unsure_rate(self) -> float | None:
        """Share of messages the chat was unsure about (None without a count)."""
        return self.unsure / self.messages if self.messages else None

    @property
    def helpful_share(self) -> float | None:
        """Share of "Ja" among the ratings (None without ratings)."""
        return self.helpful / self.rated if self.rated else None


def weekly(session: Session, weeks: int = 12) -> list[WeekQuality]:
    """Return the last `weeks` weeks with data, newest first."""
    counts = {row.week: row for row in session.scalars(select(WeekCount))}
    ratings = {
        week: (int(helpful or 0), int(unhelpful or 0))
        for week, helpful, unhelpful in session.execute(
            select(
                AnswerRating.week, func.sum(AnswerRating.helpful), func.sum(AnswerRating.unhelpful)
            ).group_by(AnswerRating.week)
        )
    }
    result = []
    for week in sorted(set(counts) | set(ratings), reverse=True)[:weeks]:
        count = counts.get(week)
        helpful, unhelpful = ratings.get(week, (0, 0))
        result.append(
            WeekQuality(
                week=week,
                messages=count.messages if count else 0,
                unsure=count.unsure if count else 0,
                helpful=helpful,
                rated=helpful + unhelpful,
            )
        )
    return result


def top_confusions(session: Session, limit: int = 10) -> list[tuple[str, str, int]]:
    """(guessed, right, count) from the maintainers' annotations, most frequent first."""
    rows = session.execute(
        select(ReviewItem.predicted_intent, ReviewItem.annotated_intent, func.count())
        .where(
            ReviewItem.status == STATUS_ANNOTATED,
            ReviewItem.predicted_intent.is_not(None),
            ReviewItem.predicted_intent != ReviewItem.annotated_intent,
        )
        .group_by(ReviewItem.predicted_intent, ReviewItem.annotated_intent)
        .order_by(func.count().desc(), ReviewItem.predicted_intent)
        .limit(limit)
    ).all()
    return [(str(guess), str(right), int(count)) for guess, right, count in rows]


def gate_results(path: Path | None = None, limit: int = 10) -> list[dict[str, object]]:
    """The NLU gate per evaluated model (scripts/nlu_report.py), newest first."""
    path = path or GATE_LOG
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return list(reversed(entries))[:limit]


def percent(value: float | None) -> str:
    """Return "12,5 %" or "–"."""
    return "–" if value is None else f"{value * 100:.1f} %".replace(".", ",")


def render_markdown(
    weeks: Sequence[WeekQuality],
    confusions: Sequence[tuple[str, str, int]],
    gates: Sequence[dict[str, object]],
) -> str:
    """Return var/reports/quality.md."""
    lines = [
        "# Qualität des Familienlotsen",
        "",
        "## Je Woche",
        "",
        "| Woche | Nachrichten | nicht sicher verstanden | Quote | Bewertungen | hilfreich |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {w.week} | {w.messages} | {w.unsure} | {percent(w.unsure_rate)} | {w.rated} "
        f"| {percent(w.helpful_share)} |"
        for w in weeks
    ] or ["| – | – | – | – | – | – |"]
    lines += ["", "## Häufigste Verwechslungen (aus den Annotationen)", ""]
    lines += [f"- {guess} → {right}: {count}" for guess, right, count in confusions] or [
        "Noch keine."
    ]
    lines += [
        "",
        "## NLU-Grenzen je Modell (make test-nlu)",
        "",
        "| Modell | Datum | Entwicklung | eingefroren | Beinahe-Treffer | Ergebnis |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {g.get('model')} | {g.get('date')} | {g.get('dev_macro_f1')} "
        f"| {g.get('frozen_macro_f1')} | {g.get('near_miss_share')} "
        f"| {'bestanden' if g.get('passed') else 'NICHT bestanden'} |"
        for g in gates
    ] or ["| – | – | – | – | – | – |"]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None, settings: Settings | None = None) -> int:
    """Write var/reports/quality.md from the review database and the gate log."""
    settings = settings or Settings()
    report = Path(argv[0]) if argv else REPORT
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            text = render_markdown(weekly(session), top_confusions(session), gate_results())
    finally:
        engine.dispose()
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(text, encoding="utf-8")
    print(f"Bericht: {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
