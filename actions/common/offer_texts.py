"""Texts about offers: bullets with their "Stand", agency messages, contact lines.

Each function takes the family's language: the catalogue comes translated from
`content.support(language)`, the words added here go through `tr`, and the "Stand" date
is formatted by Babel in that language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from babel.dates import format_date
from rasa_sdk import Tracker

from actions import content
from actions.common import slots
from actions.content import Offer
from actions.settings import get_settings
from runtime.translations import SOURCE_LANGUAGE, babel_locale, tr


def with_stand(text: str, stand: date | None, language: str = SOURCE_LANGUAGE) -> str:
    """Append the date amounts and rules were checked, e.g. "(Stand: Januar 2026)"."""
    if not stand:
        return text
    if language == SOURCE_LANGUAGE:
        return f"{text} (Stand: {format_date(stand, 'MMMM y', locale=get_settings().locale)})"
    month = format_date(stand, "LLLL y", locale=babel_locale(language))
    return f"{text} " + tr("(Stand: {month})", language).format(month=month)


def offer_line(
    offer: Offer,
    simple: bool = False,
    named: set[str] | None = None,
    language: str = SOURCE_LANGUAGE,
) -> str:
    """One bullet of an agency's offers, with its "Stand" when it has amounts or rules.

    The official name is shown once per message: `named` collects the names shown so far.
    """
    first = named is None or offer.official not in named
    if named is not None:
        named.add(offer.official)
    return with_stand(f"• {offer.wording(simple, official=first)}", offer.stand, language)


def rank(offers: Iterable[Offer]) -> list[Offer]:
    """Offers for a situation the family told first, the others in the order given."""
    return sorted(offers, key=lambda offer: not offer.told)


def hint_lines(
    offers: Iterable[Offer], simple: bool = False, language: str = SOURCE_LANGUAGE
) -> tuple[list[str], list[Offer]]:
    """One "Wenn Sie …" sentence for each group of offers for a situation not told.

    Returns the sentences, with the "Stand" of the offers they stand for, and the offers
    no sentence covers (shown as bullets instead).
    """
    rest = {offer.id: offer for offer in offers}
    lines = []
    for hint in content.situation_hints(language):
        if rest and set(hint.offers) <= set(rest):
            covered = [rest.pop(offer_id) for offer_id in hint.offers]
            stand = max((offer.stand for offer in covered if offer.stand), default=None)
            lines.append(with_stand(hint.wording(simple), stand, language))
    return lines, list(rest.values())


def offer_details(
    offers: Iterable[Offer], simple: bool = False, language: str = SOURCE_LANGUAGE
) -> str | None:
    """The detailed answer: the offers as bullets, then how to get the most important one.

    Offers for a situation the family has not told become one short "Wenn Sie …"
    sentence. "So geht es" and the contact are shown once, for the most important offer:
    the first one for a situation the family told, else the first one.
    """
    offers = rank(offers)
    conditional = [offer for offer in offers if offer.conditional]
    hints, uncovered = hint_lines(conditional, simple, language)
    shown = [offer for offer in offers if not offer.conditional] + uncovered
    if not shown and not hints:
        return None
    named: set[str] = set()
    lines = [offer_line(offer, simple, named, language) for offer in shown] + hints
    if shown:
        first = shown[0]
        lines.append(how_to_line(first.how_to(simple), language))
        lines.append(contact_of(first.kontakt, language))
    return "\n".join(lines)


def family_offers(
    ages: list[int],
    situation: list[str] | None,
    receives_sgb2: bool | None,
    strict: bool = True,
    overview_only: bool = True,
    language: str = SOURCE_LANGUAGE,
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
        for offer in content.offers(language)
        if (offer.overview or not overview_only)
        and offer.applies(ages, situation, receives_sgb2, strict=strict)
    )


def agency_message(
    agency_name: str,
    offers: list[Offer],
    simple: bool = False,
    more_text: bool = True,
    language: str = SOURCE_LANGUAGE,
) -> str | None:
    """The intro and the most important bullets of one agency's offers among `offers`.

    At most `overview_max` offers (support.yml), those for a situation the family told
    first; offers for a situation not told are left out. With `more_text`, when offers
    were left out, a sentence says what to ask for more (the explanation has buttons).
    """
    mine = rank(o for o in offers if o.agency == agency_name and not o.conditional)
    if not mine:
        return None
    catalogue = content.support(language)
    agency = catalogue["agencies"][agency_name]
    limit = catalogue["overview_max"]
    # Einfache Sprache is German only: another language shows the standard intro.
    intro = agency.get("intro_simple") if simple and language == SOURCE_LANGUAGE else None
    named: set[str] = set()
    bullets = (offer_line(o, simple, named, language) for o in mine[:limit])
    lines = [intro or agency["intro"], *bullets]
    if more_text and len(mine) > limit and agency.get("more_text"):
        lines.append(agency["more_text"])
    return "\n".join(lines)


def more_buttons(agency_name: str, language: str = SOURCE_LANGUAGE) -> list[dict[str, str]]:
    """ "Mehr dazu" buttons that ask the agency's detailed questions."""
    agency = content.support(language)["agencies"][agency_name]
    return [{"title": m["title"], "payload": f"/{m['intent']}"} for m in agency.get("more", [])]


def wants_simple(tracker: Tracker) -> bool:
    """True after the family asked for simpler words (Einfache Sprache)."""
    return bool(tracker.get_slot(slots.SIMPLE_LANGUAGE))


def not_target_group_message(gap: str, language: str = SOURCE_LANGUAGE) -> str:
    """Why the joint consultation does not fit, and who helps instead."""
    why = content.support(language)["not_target_group"][gap]
    return f"{why}\n\n{contact_line(language)}"


def how_to_line(how_to: str, language: str = SOURCE_LANGUAGE) -> str:
    """ "So geht es: …" in the family's language."""
    return tr("So geht es: {how_to}", language).format(how_to=how_to)


def contact_of(contact_id: str, language: str = SOURCE_LANGUAGE) -> str:
    """ "Kontakt: …" with the contact's (German) name and confirmed details."""
    contact = content.contact_text(contact_id, language)
    return tr("Kontakt: {contact}", language).format(contact=contact)


def contact_line(language: str = SOURCE_LANGUAGE) -> str:
    """The Familienbüro as the contact for everyone."""
    return content.contact_text("familienbuero", language)
