"""Texts about offers: bullets with their "Stand", agency messages, contact lines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from babel.dates import format_date
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import content
from actions.common import slots
from actions.content import Offer
from actions.settings import get_settings
from runtime.translations import SOURCE_LANGUAGE, tr


def with_stand(text: str, stand: date | None) -> str:
    """Append the date amounts and rules were checked, e.g. "(Stand: Januar 2026)"."""
    if not stand:
        return text
    return f"{text} (Stand: {format_date(stand, 'MMMM y', locale=get_settings().locale)})"


def offer_line(offer: Offer, simple: bool = False, named: set[str] | None = None) -> str:
    """One bullet of an agency's offers, with its "Stand" when it has amounts or rules.

    The official name is shown once per message: `named` collects the names shown so far.
    """
    first = named is None or offer.official not in named
    if named is not None:
        named.add(offer.official)
    return with_stand(f"• {offer.wording(simple, official=first)}", offer.stand)


def rank(offers: Iterable[Offer]) -> list[Offer]:
    """Offers for a situation the family told first, the others in the order given."""
    return sorted(offers, key=lambda offer: not offer.told)


def hint_lines(offers: Iterable[Offer], simple: bool = False) -> tuple[list[str], list[Offer]]:
    """One "Wenn Sie …" sentence for each group of offers for a situation not told.

    Returns the sentences, with the "Stand" of the offers they stand for, and the offers
    no sentence covers (shown as bullets instead).
    """
    rest = {offer.id: offer for offer in offers}
    lines = []
    for hint in content.situation_hints():
        if rest and set(hint.offers) <= set(rest):
            covered = [rest.pop(offer_id) for offer_id in hint.offers]
            stand = max((offer.stand for offer in covered if offer.stand), default=None)
            lines.append(with_stand(hint.wording(simple), stand))
    return lines, list(rest.values())


def offer_details(offers: Iterable[Offer], simple: bool = False) -> str | None:
    """The detailed answer: the offers as bullets, then how to get the most important one.

    Offers for a situation the family has not told become one short "Wenn Sie …"
    sentence. "So geht es" and the contact are shown once, for the most important offer:
    the first one for a situation the family told, else the first one.
    """
    offers = rank(offers)
    hints, uncovered = hint_lines([offer for offer in offers if offer.conditional], simple)
    shown = [offer for offer in offers if not offer.conditional] + uncovered
    if not shown and not hints:
        return None
    named: set[str] = set()
    lines = [offer_line(offer, simple, named) for offer in shown] + hints
    if shown:
        first = shown[0]
        lines.append(f"So geht es: {first.how_to(simple)}")
        lines.append(f"Kontakt: {content.contact_text(first.kontakt)}")
    return "\n".join(lines)


def family_offers(
    ages: list[int],
    situation: list[str] | None,
    receives_sgb2: bool | None,
    strict: bool = True,
    overview_only: bool = True,
) -> list[Offer]:
    """The catalogue's offers for this family (children's ages, situation, SGB II).

    Offers for a situation the family told come first, marked `told`. Without `strict`,
    offers for a situation the family has not told yet are kept, marked `conditional`.
    """
    told = set(situation or ())
    return rank(
        replace(
            offer,
            told=bool(told & set(offer.relevant)),
            conditional=bool(offer.situation) and not told,
        )
        for offer in content.offers()
        if (offer.overview or not overview_only)
        and offer.applies(ages, situation, receives_sgb2, strict=strict)
    )


def agency_message(
    agency_name: str, offers: list[Offer], simple: bool = False, more_text: bool = True
) -> str | None:
    """The intro and the most important bullets of one agency's offers among `offers`.

    At most `overview_max` offers (support.yml), those for a situation the family told
    first; offers for a situation not told are left out. With `more_text`, when offers
    were left out, a sentence says what to ask for more (the explanation has buttons).
    """
    mine = rank(o for o in offers if o.agency == agency_name and not o.conditional)
    if not mine:
        return None
    catalogue = content.support()
    agency = catalogue["agencies"][agency_name]
    limit = catalogue["overview_max"]
    intro = agency.get("intro_simple") if simple else None
    named: set[str] = set()
    lines = [intro or agency["intro"], *(offer_line(o, simple, named) for o in mine[:limit])]
    if more_text and len(mine) > limit and agency.get("more_text"):
        lines.append(agency["more_text"])
    return "\n".join(lines)


def more_buttons(agency_name: str) -> list[dict[str, str]]:
    """ "Mehr dazu" buttons that ask the agency's detailed questions."""
    agency = content.support()["agencies"][agency_name]
    return [{"title": m["title"], "payload": f"/{m['intent']}"} for m in agency.get("more", [])]


def wants_simple(tracker: Tracker) -> bool:
    """True after the family asked for simpler words (Einfache Sprache)."""
    return bool(tracker.get_slot(slots.SIMPLE_LANGUAGE))


def not_target_group_message(gap: str) -> str:
    """Why the joint consultation does not fit, and who helps instead."""
    return f"{content.support()['not_target_group'][gap]}\n\n{contact_line()}"


def german_only_note(dispatcher: CollectingDispatcher, language: str) -> None:
    """Say so before the catalogue's texts, which exist only in German so far."""
    if language != SOURCE_LANGUAGE:
        dispatcher.utter_message(
            text=tr(
                "Diese Erklärung gibt es noch nicht in Ihrer Sprache. Hier steht sie auf "
                "Deutsch, mit den Namen, die Sie beim Amt brauchen.",
                language,
            )
        )


def contact_line() -> str:
    """The Familienbüro as the contact for everyone."""
    return content.contact_text("familienbuero")
