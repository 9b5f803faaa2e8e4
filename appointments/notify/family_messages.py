"""The catalogue messages a family reads (its e-mails and pages), by English msgid.

Every language with a family catalogue (appointments/locale/<code>/LC_MESSAGES/messages.po)
must translate exactly these; tests/i18n-like checks live in
appointments/tests/test_family_translations.py. Staff texts are not here: staff read German.
"""

from appointments.notify.i18n import N_

MAIL_MESSAGES = (
    N_("Your appointment with the Jugendamt and Jobcenter: {when}"),
    N_("Your appointment on {when} is cancelled"),
    N_("Your appointment has been moved: {when}"),
    N_("Your joint appointment with the Jugendamt and the Jobcenter is booked."),
    N_("Your joint appointment with the Jugendamt and the Jobcenter is cancelled."),
    N_("Your joint appointment has a new time. This is the new appointment:"),
    N_("When: {start} to {end}"),
    N_("Where: {location}"),
    N_("With: {jugendamt} (Jugendamt) and {jobcenter} (Jobcenter)"),
    N_("Booking number: {reference}"),
    N_("Reason: {reason}"),
    N_("Hello {name},"),
    N_("Kind regards"),
    N_("Your Familienlotse"),
    N_(
        "With this link you can see your appointment. Until it starts, you can also "
        "move it there to another free time or cancel it:"
    ),
    N_("Please do not pass this link on. Anyone with the link can change your appointment."),
    N_("You can book a new appointment in the chat at any time."),
    N_("The appointment is attached as a calendar file."),
    N_("Another joint appointment has been booked with your phone number or e-mail address."),
    N_("Your appointment stays as it is:"),
    N_(
        "If you need only one appointment or did not book the other one, please tell us. "
        "The team will contact you if necessary."
    ),
    N_("Another appointment with your contact details"),
    N_(
        "The exact address is not confirmed yet. The staff will send it to you before the "
        "appointment by e-mail, or tell you by phone."
    ),
    # Before the German original of a translated mail (the German text is binding).
    N_("This text is a translation. The German text is binding:"),
)

FAMILY_MESSAGES = MAIL_MESSAGES
