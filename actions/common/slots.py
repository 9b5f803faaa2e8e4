"""Slot names shared by the actions (the contract is in docs/conversation.md)."""

CHILD_AGES = "child_ages"
SITUATION = "situation"
RECEIVES_SGB2 = "receives_sgb2"
REPAIR_COUNT = "repair_count"
SKIPPED_SLOTS = "skipped_slots"
APPOINTMENT_SLOT = "appointment_slot"
APPOINTMENT_HOLD = "appointment_hold"
OFFERED_SLOTS = "offered_slots"
# True while slots shown by a validation answer need no second list from the ask action.
SLOTS_SHOWN_NOW = "slots_shown_now"
CONTACT_NAME = "contact_name"
CONTACT_PHONE = "contact_phone"
CONTACT_EMAIL = "contact_email"
CONSENT = "consent_joint_counselling"
CONSENT_VERSION = "consent_text_version"
# The language of the consent text shown (bot/domain/translation.yml).
CONSENT_LANGUAGE = "consent_text_language"
CONSENT_GIVEN_AT = "consent_given_at"
BOOKING_REFERENCE = "booking_reference"
SIMPLE_LANGUAGE = "simple_language"
# The conversation's language (ISO 639-1: de, en, ar, uk, ru, tr); empty means German.
LANGUAGE = "language"
# The language a family needs an interpreter for, in its German name (staff read it).
INTERPRETER_LANGUAGE = "interpreter_language"
INTERPRETER_NEEDED = "interpreter_needed"
ACCESSIBILITY_NEEDED = "accessibility_needed"
MANAGE_ACTION = "manage_action"
MANAGE_REFERENCE = "manage_reference"
MANAGE_CHECK = "manage_check"
MANAGE_BOOKING = "manage_booking"
MANAGE_NEW_SLOT = "manage_new_slot"
MANAGE_CONFIRM = "manage_confirm"
MANAGE_STOPPED = "manage_stopped"

PERSONAL_DATA = (CONTACT_NAME, CONTACT_PHONE, CONTACT_EMAIL)
# The waitlist form's own slots (actions/waitlist.py): a waitlist attempt starts from a
# booking, so ending the booking attempt ends it too and no earlier yes is reused.
WAITLIST_JOIN = "waitlist_join"
WAITLIST_WISHES = "waitlist_wishes"
CONSENT_WAITLIST = "consent_waitlist"
WAITLIST_SLOTS = (WAITLIST_JOIN, WAITLIST_WISHES, CONSENT_WAITLIST)
# Everything one booking attempt collects: cleared when it ends, so a second booking asks
# for date, contact and consent again and never reuses an earlier yes or no.
BOOKING_ATTEMPT = (
    *PERSONAL_DATA,
    APPOINTMENT_SLOT,
    APPOINTMENT_HOLD,
    OFFERED_SLOTS,
    CONSENT,
    CONSENT_VERSION,
    CONSENT_GIVEN_AT,
    *WAITLIST_SLOTS,
)

# Slots an extract_* method sets besides the requested one. The SDK keeps extracted
# values only for required slots and would drop these silently.
PASS_THROUGH_SLOTS = (
    REPAIR_COUNT,
    # One answer may give phone and e-mail; with an e-mail the phone is no longer required
    # and would be dropped although the family gave it.
    CONTACT_PHONE,
    CONTACT_EMAIL,
    OFFERED_SLOTS,
    SLOTS_SHOWN_NOW,
    CONSENT_VERSION,
    CONSENT_GIVEN_AT,
    CONSENT_LANGUAGE,
    # "Warteliste" at the slot question: the booking hands over to the waitlist.
    WAITLIST_JOIN,
)


# The family questions may stay open: the explanation then covers all ages. The booking
# asks them again, because staff need them.
SKIPPABLE = (CHILD_AGES, RECEIVES_SGB2)

# The callback form's own slots; everything one callback request collects (none of it
# stays in the conversation).
CONSENT_CALLBACK = "consent_callback"
CALLBACK_TIME = "callback_time"
CALLBACK_ATTEMPT = (
    *PERSONAL_DATA,
    CALLBACK_TIME,
    CONSENT_CALLBACK,
    CONSENT_VERSION,
    CONSENT_GIVEN_AT,
    CONSENT_LANGUAGE,
)

# Values of MANAGE_ACTION, and what changing a booking collects.
CANCEL, RESCHEDULE = "cancel", "reschedule"
MANAGE_SLOTS = (
    MANAGE_ACTION,
    MANAGE_REFERENCE,
    MANAGE_CHECK,
    MANAGE_BOOKING,
    MANAGE_NEW_SLOT,
    MANAGE_CONFIRM,
    MANAGE_STOPPED,
    APPOINTMENT_SLOT,
    OFFERED_SLOTS,
    REPAIR_COUNT,
)
