"""Waitlist endpoints: join (action server), the family's offer page, the staff list."""

from datetime import datetime, timedelta

from fastapi import APIRouter, status
from fastapi.responses import HTMLResponse

from appointments.config import Settings
from appointments.deps import NowDep, ServiceCall, SessionDep, SettingsDep
from appointments.errors import AppointmentsError
from appointments.family import pages as family_pages
from appointments.family.router import LanguageQuery
from appointments.i18n import LANGUAGE, _, family_texts
from appointments.languages import family_language
from appointments.notify.formatting import long_datetime, time_of_day
from appointments.rate_limits import CallbacksLimit
from appointments.waitlist import service
from appointments.waitlist.schemas import WaitlistCreate, WaitlistPublic
from appointments.workspace import pages
from appointments.workspace.deps import PREFIX, UserDep
from appointments.workspace.route_class import WorkspaceRoute

router = APIRouter(tags=["Warteliste"])
workspace_router = APIRouter(prefix=PREFIX, route_class=WorkspaceRoute, include_in_schema=False)
OFFER_PATH = "/warteliste/angebot"
WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr")
TIMES = {"morning": "vormittags", "afternoon": "nachmittags"}


@router.post(
    "/waitlist",
    response_model=WaitlistPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Auf die Warteliste",
)
def post_waitlist(
    _service: ServiceCall,
    _limit: CallbacksLimit,
    data: WaitlistCreate,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> WaitlistPublic:
    """Put a family on the waitlist (its own consent); offers come by e-mail."""
    entry = service.join(session, settings, data, now)
    return WaitlistPublic(
        reference=entry.reference, status=entry.status, expires_at=entry.expires_at
    )


def _offer_page(token: str, when: str, until: str) -> HTMLResponse:
    return family_pages.render(
        "waitlist_offer.html",
        title=_("A free appointment for you"),
        german_url=f"{OFFER_PATH}/{token}?sprache=de",
        when=when,
        until=until,
        action=f"{OFFER_PATH}/{token}",
    )


def _failed(error: AppointmentsError) -> HTMLResponse:
    return family_pages.render(
        "result.html",
        error.status,
        title=_("Appointment from the waitlist"),
        error=error.message,
        lines=[],
    )


@router.get(f"{OFFER_PATH}/{{token}}", response_class=HTMLResponse, include_in_schema=False)
def get_offer(
    token: str,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    sprache: LanguageQuery = None,
) -> HTMLResponse:
    """Show the offered slot with one button to book it (?sprache=de: in German)."""
    try:
        offer = service.get_open_offer(session, token, now)
    except AppointmentsError as error:
        return _failed(error)
    zone = settings.zone
    start = offer.slot_start_utc
    end = start + timedelta(minutes=settings.appointment_minutes)
    # The page in the language the family chatted in when it joined the waitlist.
    language = LANGUAGE if sprache == LANGUAGE else offer.entry.conversation_language
    with family_texts(family_language(language)):
        return _offer_page(
            token,
            f"{long_datetime(start, zone)} {_('to')} {time_of_day(end, zone)}",
            long_datetime(offer.expires_at, zone),
        )


@router.post(f"{OFFER_PATH}/{{token}}", response_class=HTMLResponse, include_in_schema=False)
def post_offer(token: str, session: SessionDep, settings: SettingsDep, now: NowDep) -> HTMLResponse:
    """Book the offered slot; the first family to accept gets it."""
    try:
        booking = service.accept(session, settings, token, now)
    except AppointmentsError as error:
        return _failed(error)
    zone = settings.zone
    with family_texts(family_language(booking.conversation_language)):
        start = long_datetime(booking.start_utc, zone)
        end = time_of_day(booking.end_utc, zone)
        lines = [
            _("Your joint appointment is booked."),
            _("When: {start} to {end}").format(start=start, end=end),
            _("Your booking number: {reference}").format(reference=booking.reference),
            _("You will also get an e-mail with the link to your appointment."),
        ]
        return family_pages.render("result.html", title=_("Appointment booked"), lines=lines)


def _wishes(weekdays: list[int], times: list[str]) -> str:
    days = ", ".join(WEEKDAYS[day] for day in weekdays if 0 <= day < len(WEEKDAYS))
    parts = ", ".join(TIMES.get(time, time) for time in times)
    return " · ".join(part for part in (days, parts) if part) or _("any time")


def _day(value: datetime, settings: Settings) -> str:
    return pages.date_time(value, settings.zone)


@workspace_router.get("/warteliste", response_class=HTMLResponse)
def waitlist_page(user: UserDep, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    """The waiting families, oldest first: ages, wishes and state (no contact data)."""
    rows = [
        {
            "reference": entry.reference,
            "since": _day(entry.created_at, settings),
            "ages": ", ".join(str(age) for age in entry.children_ages),
            "wishes": _wishes(entry.preferred_weekdays, entry.preferred_times),
            "offered": entry.status == "offered",
            "until": _day(entry.expires_at, settings),
        }
        for entry in service.list_entries(session)
    ]
    return pages.render("waitlist.html", user, title=_("Waitlist"), rows=rows)
