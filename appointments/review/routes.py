"""Review inbox pages for the role "maintainer": list, filter, annotate, bulk, unhelpful answers.

Same sign-in, session cookie, CSRF token and error pages as the workspace
(`WorkspaceRoute`). Maintainers see no bookings; staff and admins do not see the inbox.
"""

from __future__ import annotations

import json
from typing import Annotated
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from appointments.deps import SessionDep
from appointments.review import quality, service
from appointments.review.domain_names import domain_names
from appointments.review.models import (
    REASONS,
    STATUS_ANNOTATED,
    STATUS_IGNORED,
    STATUS_NEW,
    ReviewItem,
)
from appointments.review.pages import render
from appointments.staff import authentication as auth
from appointments.staff.models import ROLE_MAINTAINER
from appointments.workspace.deps import PREFIX, User, UserDep
from appointments.workspace.errors import CsrfError, ForbiddenError, PageNotFoundError
from appointments.workspace.pages import HEADERS
from appointments.workspace.route_class import WorkspaceRoute

BASE = "/pruefen"
MAX_FORM_BYTES = 65536
# A bulk form carries one field per selected item.
MAX_FORM_FIELDS = 260
MAX_ENTITIES = 3
STATUS_LABELS = {STATUS_NEW: "Neu", STATUS_ANNOTATED: "Annotiert", STATUS_IGNORED: "Ignoriert"}

router = APIRouter(prefix=PREFIX + BASE, route_class=WorkspaceRoute, include_in_schema=False)


def maintainer(user: UserDep) -> User:
    """Return the user if the account has the role "maintainer"."""
    if user.account.role != ROLE_MAINTAINER:
        raise ForbiddenError()
    return user


MaintainerDep = Annotated[User, Depends(maintainer)]


async def read_multi_form(request: Request) -> dict[str, list[str]]:
    """Parse a urlencoded form keeping every value (check boxes of the bulk form)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return {}
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return {}
    try:
        return parse_qs(body.decode("utf-8", errors="replace"), max_num_fields=MAX_FORM_FIELDS)
    except ValueError:
        return {}


MultiFormDep = Annotated[dict[str, list[str]], Depends(read_multi_form)]


def checked_maintainer(user: MaintainerDep, form: MultiFormDep) -> User:
    """Return the maintainer of a POST whose form carries the session's CSRF token."""
    if not auth.csrf_matches(user.csrf_token, (form.get("csrf_token") or [""])[0]):
        raise CsrfError()
    return user


CheckedMaintainerDep = Annotated[User, Depends(checked_maintainer)]


def _first(form: dict[str, list[str]], name: str) -> str:
    return (form.get(name) or [""])[0].strip()


def _filters(absicht: str, sprache: str, grund: str, woche: str, status: str) -> service.ItemFilter:
    return service.ItemFilter(
        predicted_intent=absicht or None,
        language=sprache or None,
        reason=grund or None,
        week=woche or None,
        status=status if status in STATUS_LABELS else (None if status == "alle" else STATUS_NEW),
    )


@router.get("", response_class=HTMLResponse)
def inbox(
    user: MaintainerDep,
    session: SessionDep,
    absicht: str = "",
    sprache: str = "",
    grund: str = "",
    woche: str = "",
    status: str = "",
    meldung: str = "",
) -> HTMLResponse:
    """List inbox items with filters; select several for a bulk action."""
    chosen = _filters(absicht, sprache, grund, woche, status)
    items = service.list_items(session, chosen)
    intents, _entities = domain_names()
    query = urlencode(
        {"absicht": absicht, "sprache": sprache, "grund": grund, "woche": woche, "status": status}
    )
    return render(
        "review_inbox.html",
        user,
        active=BASE,
        title="Prüfeingang",
        items=items,
        choices=service.filter_choices(session),
        reasons=REASONS,
        statuses=STATUS_LABELS,
        intents=intents,
        chosen={
            "absicht": absicht,
            "sprache": sprache,
            "grund": grund,
            "woche": woche,
            "status": status or STATUS_NEW,
        },
        query=query,
        notice=meldung[:200] or None,
    )


@router.post("/sammel")
def bulk(user: CheckedMaintainerDep, session: SessionDep, form: MultiFormDep) -> Response:
    """Ignore, reset or annotate all selected items at once."""
    ids = [value for value in form.get("eintrag", []) if value.isalnum()][:250]
    action = _first(form, "aktion")
    intent = _first(form, "absicht")
    back = _first(form, "zurueck")
    if not ids:
        notice = "Bitte wählen Sie mindestens einen Eintrag aus."
    elif action == "ignorieren":
        notice = f"{service.set_status(session, ids, STATUS_IGNORED)} Eintrag/Einträge ignoriert."
    elif action == "zuruecksetzen":
        notice = f"{service.set_status(session, ids, STATUS_NEW)} Eintrag/Einträge zurückgesetzt."
    elif action == "annotieren" and intent in domain_names()[0]:
        count = service.annotate_many(session, ids, intent)
        notice = f"{count} Eintrag/Einträge als „{intent}“ annotiert."
    elif action == "annotieren":
        notice = "Bitte wählen Sie die richtige Absicht aus der Liste."
    else:
        notice = "Bitte wählen Sie eine Aktion."
    separator = "&" if back else ""
    target = f"{PREFIX}{BASE}?{back if _safe_query(back) else ''}{separator}" + urlencode(
        {"meldung": notice}
    )
    return RedirectResponse(target, status_code=303, headers=HEADERS)


def _safe_query(query: str) -> bool:
    return all(c.isalnum() or c in "=&_-%+." for c in query) and len(query) < 400


@router.get("/antworten", response_class=HTMLResponse)
def unhelpful(user: MaintainerDep, session: SessionDep) -> HTMLResponse:
    """Answers most often rated "Nein" by families."""
    return render(
        "review_answers.html",
        user,
        active=f"{BASE}/antworten",
        title="Nicht hilfreiche Antworten",
        answers=service.unhelpful_answers(session),
    )


@router.get("/qualitaet", response_class=HTMLResponse)
def quality_page(user: MaintainerDep, session: SessionDep) -> HTMLResponse:
    """Weekly figures, top confusions and the NLU gate per model version."""
    return render(
        "review_quality.html",
        user,
        active=f"{BASE}/qualitaet",
        title="Qualität",
        weeks=quality.weekly(session),
        confusions=quality.top_confusions(session),
        gates=quality.gate_results(),
        percent=quality.percent,
    )


def _entities_from_form(
    form: dict[str, list[str]], text: str, names: tuple[str, ...]
) -> tuple[list[dict[str, object]], list[dict[str, str]]]:
    entities: list[dict[str, object]] = []
    errors: list[dict[str, str]] = []
    for number in range(1, MAX_ENTITIES + 1):
        name = _first(form, f"entity_{number}")
        value = _first(form, f"wert_{number}")
        if not name and not value:
            continue
        if name not in names:
            errors.append(
                {"field": f"entity_{number}", "text": f"Entity {number}: Bitte einen Namen wählen."}
            )
            continue
        start = text.find(value) if value else -1
        if start < 0:
            errors.append(
                {
                    "field": f"wert_{number}",
                    "text": f"Entity {number}: Der Wert muss genau so im Text stehen.",
                }
            )
            continue
        entities.append({"entity": name, "value": value, "start": start, "end": start + len(value)})
    return entities, errors


def _item_page(
    user: User, item: ReviewItem, errors: list[dict[str, str]] | None = None
) -> HTMLResponse:
    intents, entities = domain_names()
    annotated = json.loads(item.annotated_entities) if item.annotated_entities else []
    return render(
        "review_item.html",
        user,
        active=BASE,
        status_code=400 if errors else 200,
        title="Eintrag annotieren",
        item=item,
        reasons=REASONS,
        statuses=STATUS_LABELS,
        intents=intents,
        entity_names=entities,
        annotated=annotated,
        slots=range(1, MAX_ENTITIES + 1),
        errors=errors or [],
    )


@router.get("/{item_id}", response_class=HTMLResponse)
def item_page(item_id: str, user: MaintainerDep, session: SessionDep) -> HTMLResponse:
    """One item with the annotation form."""
    item = service.get_item(session, item_id)
    if item is None:
        raise PageNotFoundError()
    return _item_page(user, item)


@router.post("/{item_id}")
def item_save(
    item_id: str, user: CheckedMaintainerDep, session: SessionDep, form: MultiFormDep
) -> Response:
    """Save the right intent (and entities) or ignore the item."""
    item = service.get_item(session, item_id)
    if item is None:
        raise PageNotFoundError()
    intents, entity_names = domain_names()
    if _first(form, "aktion") == "ignorieren":
        service.set_status(session, [item.id], STATUS_IGNORED)
        notice = "Der Eintrag wird ignoriert."
    else:
        intent = _first(form, "absicht")
        errors = []
        if intent not in intents:
            errors.append({"field": "absicht", "text": "Bitte wählen Sie die richtige Absicht."})
        entities, entity_errors = _entities_from_form(form, item.text, entity_names)
        errors += entity_errors
        if errors:
            return _item_page(user, item, errors)
        service.annotate(session, item, intent, entities)
        notice = f"Gespeichert: „{intent}“."
    target = f"{PREFIX}{BASE}?" + urlencode({"meldung": notice})
    return RedirectResponse(target, status_code=303, headers=HEADERS)
