"""Who hears about an application, in which language, and what every mail about it says.

One rule for the applicant side (``applicant_recipients``, ``applicant_language``): the person acting
(by default the one who created the application), then the speaker; in that person's language, else
the application's. One base context (``application_context``) that each mail kind extends; links come
from ``core.links.absolute_url``. Staff mails go to ``core.selectors.staff_recipients``.
"""

from django.conf import settings

from core.links import absolute_url
from core.mail import one_line, queue_templated_mail
from core.selectors import staff_recipients


def applicant_recipients(application, actor=None):
    """E-mail addresses on the applicant side: the person acting (default: the creator), then the speaker."""
    person = actor if actor is not None else application.created_by
    emails = []
    if person is not None and person.email:
        emails.append(person.email.lower())
    if application.speaker_email and application.speaker_email.lower() not in emails:
        emails.append(application.speaker_email.lower())
    return emails


def applicant_language(application, actor=None):
    """The acting person's language (default: the creator's), else the application's, else English."""
    codes = {code for code, _name in settings.LANGUAGES}
    person = actor if actor is not None else application.created_by
    language = person.language if person is not None and person.language in codes else application.language
    return language if language in codes else "en"


def application_context(application):
    """What every mail about an application may show (user text kept on one line)."""
    presession = application.presession
    state = presession.review.state
    return {
        "organisation_name": one_line(application.organisation.name),
        "state": state,
        "state_name_en": state.name_en,
        "state_name_fr": state.name_fr,
        "state_name_es": state.name_es,
        "round_title": one_line(presession.round),
        "speaker_name": one_line(application.speaker_name),
        "status": application.status,
        "reason": application.withdrawal_reason,
        "link": absolute_url("applications:application_detail", token=application.token),
        "staff_link": absolute_url("presessions:round_detail", number=presession.round.number),
    }


def queue_applicant_mail(application, *, template_prefix, context, key, actor=None):
    """One mail per applicant-side recipient; ``key`` plus the address is the idempotency key."""
    language = applicant_language(application, actor)
    for email in applicant_recipients(application, actor):
        queue_templated_mail(
            to=email,
            template_prefix=template_prefix,
            context=context,
            language=language,
            idempotency_key=f"{key}:{email}",
        )


def queue_staff_mail(*, template_prefix, context, key):
    """One mail per staff recipient, each in their own language; ``key`` plus the user id is the key."""
    for user in staff_recipients():
        queue_templated_mail(
            to=user.email,
            template_prefix=template_prefix,
            context=context,
            language=user.language or "en",
            idempotency_key=f"{key}:{user.pk}",
        )
