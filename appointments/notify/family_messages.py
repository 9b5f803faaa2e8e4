"""The catalogue messages a family reads (its e-mails and pages), by English msgid.

Every language with a family catalogue (appointments/locale/<code>/LC_MESSAGES/messages.po)
must translate exactly these; tests/i18n-like checks live in
appointments/tests/test_family_translations.py. Staff texts are not here: staff read German.
"""

from appointments.i18n import N_

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

# The reminder before the appointment (appointments/reminders/texts.py).
REMINDER_MESSAGES = (
    N_("Reminder: your appointment on {when}"),
    N_("This is a reminder of your joint appointment with the Jugendamt and the Jobcenter."),
    N_("What to bring:"),
    N_("letters and notices from the offices that you have questions about"),
    N_("if you like, a person who translates for you"),
    N_("If you cannot come, please cancel or move the appointment with this link:"),
)

# The waitlist's mails to waiting families (appointments/waitlist/texts.py).
WAITLIST_MESSAGES = (
    N_("A free appointment for you: {when}"),
    N_("a joint appointment with the Jugendamt and the Jobcenter has become free:"),
    N_("If you want this appointment, please confirm it with this link by {until}:"),
    N_("We may offer this appointment to other families too. The first to confirm gets it."),
    N_("The offered appointment is taken"),
    N_("the appointment we offered you has been booked by another family."),
    N_("You stay on the waitlist. We will write to you when another appointment is free."),
    # The offer page behind the link, and the page after booking (appointments/waitlist/).
    N_("A free appointment for you"),
    N_("A joint appointment with the Jugendamt and the Jobcenter has become free."),
    N_("Offer valid until"),
    N_(
        "If you want the appointment, book it here. We book it with the details you gave "
        "for the waitlist. The first to book gets the appointment."
    ),
    N_("Book the appointment bindingly"),
    N_("Appointment booked"),
    N_("Appointment from the waitlist"),
    N_("Your joint appointment is booked."),
    N_("Your booking number: {reference}"),
    N_("You will also get an e-mail with the link to your appointment."),
)

# The pages for cancelling and moving (appointments/family/).
PAGE_MESSAGES = (
    N_("Error:"),
    N_("Familienlotse · Appointments of the Jugendamt and Jobcenter"),
    N_(
        "This page is a translation that has not been checked by a person yet. The German "
        "text is binding."
    ),
    N_("Familienlotse – joint counselling of the Jugendamt and the Jobcenter"),
    N_("to"),
    N_("{jugendamt} (Jugendamt) and {jobcenter} (Jobcenter)"),
    N_("Your appointment"),
    N_("Back to your appointment"),
    N_("Move the appointment"),
    N_(
        "You can move the appointment to another free time. Then, too, one member of "
        "staff each from the Jugendamt and the Jobcenter will be there."
    ),
    N_("Choose a new time"),
    N_("with {jugendamt} (Jugendamt) and {jobcenter} (Jobcenter)"),
    N_("Place: {location}"),
    N_("Move the appointment to this time"),
    N_("There is no other free time at the moment. Please look here again later."),
    N_("Cancel the appointment"),
    N_(
        "If you cannot come, please cancel the appointment. Then the time is free for "
        "another family."
    ),
    N_("Yes, I want to cancel this appointment."),
    N_(
        "Please do not pass on the link to this page. Anyone with the link can change "
        "your appointment."
    ),
    N_("Not attended"),
    N_(
        "This appointment is cancelled. It can no longer be moved. You can book a new "
        "appointment in the chat at any time."
    ),
    N_(
        "This appointment has already started or is over. It can no longer be moved or "
        "cancelled here."
    ),
    N_("Booked, the appointment has started or is over"),
    N_("Please tick the box if you really want to cancel the appointment."),
    N_("Please choose a new time from the list."),
    N_(
        "Sorry, this time has just been taken. Your appointment is unchanged. Please "
        "choose another time."
    ),
    N_(
        "This time can no longer be booked. Your appointment is unchanged. Please choose "
        "another time."
    ),
    N_("Your appointment has not been changed."),
    N_("You will also get an e-mail about this."),
    N_("We have cancelled your appointment. The Jugendamt and the Jobcenter know about it."),
    N_("Your appointment has a new time. The Jugendamt and the Jobcenter know about it."),
    N_("The old time is now free."),
    N_("Your appointment is cancelled"),
    N_("Your appointment has been moved"),
    N_("When"),
    N_("Where"),
    N_("With"),
    N_("Status"),
    N_("Booking number"),
    N_("Booked"),
    N_("Cancelled"),
    N_("Attended"),
)

FAMILY_MESSAGES = MAIL_MESSAGES + REMINDER_MESSAGES + WAITLIST_MESSAGES + PAGE_MESSAGES
