"""The booking answers in the family's language (slot `language`); German stays binding."""

from __future__ import annotations

import re

from rasa_sdk.events import SlotSet

from actions.booking import (
    ActionAskAppointmentSlot,
    ActionAskConsentJointCounselling,
    ActionBookAppointment,
    ValidateBookingForm,
)
from tests.actions.conftest import texts
from tests.actions.test_booking import DOMAIN, FAMILY, booking_slots


class TestArabic:
    async def test_slots_offered_in_arabic_with_arabic_dates(
        self, api_server, tracker_factory, dispatcher
    ):
        await ActionAskAppointmentSlot().run(
            dispatcher, tracker_factory({**FAMILY, "language": "ar"}), {}
        )
        message = dispatcher.messages[0]
        assert message["text"] == "هذه المواعيد المشتركة متاحة. أيها يناسبك؟"
        for button in message["buttons"]:
            assert "Uhr" not in button["title"]
            assert re.search(r"(الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة)", button["title"])

    async def test_summary_german_consent_then_arabic_consent(self, tracker_factory, dispatcher):
        slots = booking_slots("20261208T0900Z-1-3", consent_joint_counselling=None, language="ar")
        slots["offered_slots"] = [
            {"id": "20261208T0900Z-1-3", "start": "2026-12-08T09:00:00+00:00"}
        ]
        await ActionAskConsentJointCounselling().run(dispatcher, tracker_factory(slots), {})

        summary, german, consent = texts(dispatcher)
        assert summary.startswith("يُرجى التحقق من بياناتك:\nالموعد: الثلاثاء، 8 ديسمبر 2026، 10:00")
        assert "أعمار الأطفال: 4 و 7 سنوات" in summary
        # The binding German text comes first, introduced in Arabic and in German.
        version = "einwilligung-gemeinsame-beratung-2026-12-v2"
        assert german.startswith(
            f"النص الألماني هو الملزم (الإصدار {version}):\n"
            f"Verbindlich ist der deutsche Text (Version {version}):"
        )
        assert "Bevor wir buchen, brauchen wir Ihre Einwilligung." in german
        assert consent.startswith("قبل أن نحجز، نحتاج إلى موافقتك.")
        assert "(Jugendamt)" in consent and "Jobcenter" in consent
        assert [b["title"] for b in dispatcher.messages[2]["buttons"]] == [
            "نعم، أوافق",
            "لا",
            "تغيير البيانات",
        ]

    async def test_consent_records_the_language_of_the_text_shown(
        self, tracker_factory, dispatcher
    ):
        answered = booking_slots(
            "20261208T0900Z-1-3", consent_joint_counselling=None, language="ar"
        )
        del answered["consent_text_version"], answered["consent_given_at"]
        tracker = tracker_factory(
            {**answered, "requested_slot": "consent_joint_counselling"}, text="نعم", intent="affirm"
        )
        events = await ValidateBookingForm().run(dispatcher, tracker, DOMAIN)
        values = {e["name"]: e["value"] for e in events}
        assert values["consent_text_version"] == "einwilligung-gemeinsame-beratung-2026-12-v2"
        assert values["consent_text_language"] == "ar"

    async def test_booking_in_arabic_stores_the_language(
        self, api_server, tracker_factory, dispatcher
    ):
        events = await ActionAskAppointmentSlot().run(
            dispatcher, tracker_factory({**FAMILY, "language": "ar"}), {}
        )
        slot = events[0]["value"][0]
        dispatcher.messages.clear()
        slots = booking_slots(
            slot["id"], language="ar", consent_text_language="ar", contact_phone="05451 424242"
        )
        events = await ActionBookAppointment().run(dispatcher, tracker_factory(slots), {})

        [message] = texts(dispatcher)
        assert message.startswith("تم حجز موعدك المشترك.")
        assert "أين: Familienbüro der Stadt Ibbenbüren" in message
        assert "العنوان الدقيق غير مؤكد بعد." in message  # the API's note, in Arabic
        reference = re.search(r"رقم حجزك: (FL-\S+)", message).group(1)
        assert SlotSet("booking_reference", reference) in events
        [stored] = [b for b in api_server.staff_bookings() if b["reference"] == reference]
        assert stored["conversation_language"] == "ar"
        assert stored["consent"]["text_language"] == "ar"


async def test_german_is_unchanged_without_a_language(tracker_factory, dispatcher):
    slots = booking_slots("20261208T0900Z-1-3", consent_joint_counselling=None)
    await ActionAskConsentJointCounselling().run(dispatcher, tracker_factory(slots), {})
    assert len(texts(dispatcher)) == 2  # summary and consent, no German original twice
    assert texts(dispatcher)[0].startswith("Bitte prüfen Sie Ihre Angaben:")


async def test_an_interpreter_language_name_in_the_slot_means_german(tracker_factory, dispatcher):
    slots = booking_slots("20261208T0900Z-1-3", consent_joint_counselling=None, language="Arabisch")
    await ActionAskConsentJointCounselling().run(dispatcher, tracker_factory(slots), {})
    assert texts(dispatcher)[0].startswith("Bitte prüfen Sie Ihre Angaben:")


async def test_explanation_in_english_keeps_the_office_names(tracker_factory, dispatcher):
    from actions.support import ActionExplainSupport

    await ActionExplainSupport().run(dispatcher, tracker_factory({**FAMILY, "language": "en"}), {})
    messages = texts(dispatcher)
    # No "German only" note any more: the catalogue itself is translated.
    assert messages[0].startswith("The Jugendamt der Stadt Ibbenbüren")
    assert "(youth welfare office) helps families" in messages[0]
    assert "Kita" in messages[0] and "(as of March 2026, „Stand“)" in "\n".join(messages)
    assert "Das Jugendamt" not in "\n".join(messages)
    assert messages[-1].endswith("Would you like a joint appointment?")
    assert [b["title"] for b in dispatcher.messages[-1]["buttons"]] == [
        "Yes, book an appointment",
        "No, thank you",
    ]


async def test_german_explanation_stays_german(tracker_factory, dispatcher):
    from actions.support import ActionExplainSupport

    await ActionExplainSupport().run(dispatcher, tracker_factory(FAMILY), {})
    assert texts(dispatcher)[0].startswith("Das Jugendamt")
    assert texts(dispatcher)[-1].endswith("Möchten Sie einen gemeinsamen Termin?")
