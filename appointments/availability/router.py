"""HTTP endpoint for joint free slots."""

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from appointments.availability.schemas import SlotList, SlotPublic
from appointments.availability.service import list_joint_slots
from appointments.deps import NowDep, SessionDep, SettingsDep

router = APIRouter(tags=["Termine"])


@router.get("/slots", response_model=SlotList, summary="Freie gemeinsame Termine")
def get_slots(
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    limit: Annotated[int, Query(ge=1, le=20, description="Anzahl der Termine (1 bis 20)")] = 5,
    start_from: Annotated[
        datetime | None,
        Query(alias="from", description="Frühester Beginn (ISO 8601; ohne Zeitzone: Ortszeit)"),
    ] = None,
    kind: Annotated[
        Literal["in_person", "phone", "video"],
        Query(description="Art des Termins: in_person (vor Ort), phone, video"),
    ] = "in_person",
) -> SlotList:
    """List joint slots (one person of each agency), ordered by start."""
    if start_from is not None and start_from.tzinfo is None:
        start_from = start_from.replace(tzinfo=settings.zone)
    slots = list_joint_slots(session, settings, now, limit, start_from, kind)
    return SlotList(slots=[SlotPublic.of(slot) for slot in slots])
