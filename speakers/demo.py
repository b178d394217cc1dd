"""A small, realistic demo: the next Pre-session round, organisations, accounts and applications.

Idempotent: every row is looked up by a natural key first, so a second run changes nothing.
Organisations and people are fictional and marked "[Demo]"; States, the WG session and its Reviews
are the real reference data (run ``load_reference_data`` first).
"""

import datetime as dt
from dataclasses import dataclass, field, replace

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.contrib.auth import get_user_model
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from core.staffgroup import sync_staff_group
from presessions import services as round_services
from presessions.calls import is_call_open
from presessions.models import CallQuestion, Round
from presessions.timeline import RoundDates, evening_in_geneva, typical_round_dates
from upr.models import Issue, State, WorkingGroupSession
from upr.targeting import ordinal

from .applications import services
from .applications.models import Application
from .organisations.models import Organisation, OrganisationMembership
from .review.demo import seed_review_demo

Status = Application.Status


# Sent at the end of ``seed_demo`` with ``round``: apps above speakers (embassies, briefs) seed their own
# demo rows in a receiver connected in their AppConfig.ready() and return how many rows they created.
demo_seeded = Signal()


class DemoError(Exception):
    pass


@dataclass
class Account:
    role: str
    email: str
    password: str
    totp_secret: str = ""
    totp_url: str = ""


@dataclass
class DemoResult:
    round: Round
    accounts: list = field(default_factory=list)
    created: int = 0


ACCOUNTS = [
    # role, e-mail, password (demo only), full name, flags, organisation key
    (
        "staff",
        "staff@demo.example.org",
        "Demo-Staff-2026",
        "Sam Secretariat (demo)",
        {"is_staff": True},
        None,
    ),
    (
        "reviewer",
        "reviewer@demo.example.org",
        "Demo-Review-2026",
        "Rita Reviewer (demo)",
        {"is_reviewer": True},
        None,
    ),
    (
        "applicant A",
        "applicant-a@demo.example.org",
        "Demo-Apply-A-2026",
        "Akossiwa Mensah (demo)",
        {"is_applicant": True},
        "TGO",
    ),
    (
        "applicant B",
        "applicant-b@demo.example.org",
        "Demo-Apply-B-2026",
        "Olena Kovalenko (demo)",
        {"is_applicant": True},
        "UKR",
    ),
    (
        "applicant C",
        "applicant-c@demo.example.org",
        "Demo-Apply-C-2026",
        "Lucía Romero (demo)",
        {"is_applicant": True},
        "INT",
    ),
    (
        "applicant D",
        "applicant-d@demo.example.org",
        "Demo-Apply-D-2026",
        "Rudo Moyo (demo)",
        {"is_applicant": True},
        "ZWE",
    ),
]

ORGANISATIONS = {
    # key: (name, acronym, country ISO3, kind, ECOSOC status, founded)
    "TGO": ("[Demo] Togo Civic Voices", "TCV", "TGO", Organisation.Kind.NATIONAL_NGO, "none", 2009),
    "UKR": (
        "[Demo] Ukraine Rights Monitoring Network",
        "URMN",
        "UKR",
        Organisation.Kind.COALITION,
        "none",
        2014,
    ),
    "HTI": (
        "[Demo] Haiti Human Rights Commission (fictional NHRI)",
        "HHRC",
        "HTI",
        Organisation.Kind.NHRI,
        "none",
        1995,
    ),
    "INT": (
        "[Demo] Global Child Rights Initiative",
        "GCRI",
        "CHE",
        Organisation.Kind.INTERNATIONAL_NGO,
        "special",
        1989,
    ),
    "ZWE": (
        "[Demo] Zimbabwe Women's Legal Forum",
        "ZWLF",
        "ZWE",
        Organisation.Kind.NATIONAL_NGO,
        "roster",
        2002,
    ),
}

APPLICATIONS = [
    # organisation key, SuR ISO3, target status, speaker, gender, participation, issue slugs (first found)
    (
        "TGO",
        "TGO",
        Status.SUBMITTED,
        "Akossiwa Mensah",
        "woman",
        "in_person",
        ["freedom-of-opinion-and-expression", "human-rights-defenders"],
    ),
    (
        "UKR",
        "UKR",
        Status.SELECTED,
        "Olena Kovalenko",
        "woman",
        "online",
        ["detention", "torture-and-other-cid-treatment"],
    ),
    ("HTI", "HTI", Status.RESERVE, "Jean-Baptiste Pierre", "man", "in_person", ["justice", "impunity"]),
    ("INT", "TGO", Status.WITHDRAWN, "Maria Fernández", "woman", "online", ["rights-of-the-child"]),
    ("INT", "MMR", Status.DRAFT, "Thomas Keller", "man", "in_person", ["rights-of-the-child"]),
    ("ZWE", "ZWE", Status.CONFIRMED, "Rudo Moyo", "woman", "in_person", ["womens-rights"]),
    # The international NGO speaks at several panels, never two at once in the programme.
    (
        "INT",
        "HTI",
        Status.CONFIRMED,
        "Nadia Louis",
        "woman",
        "online",
        ["rights-of-the-child", "right-to-education"],
    ),
    ("INT", "SSD", Status.SELECTED, "Peter Garang", "man", "in_person", ["rights-of-the-child"]),
    ("INT", "UKR", Status.CONFIRMED, "Iryna Shevchuk", "woman", "in_person", ["rights-of-the-child"]),
]

PATHS = {
    Status.DRAFT: [],
    Status.SUBMITTED: [Status.SUBMITTED],
    Status.SELECTED: [Status.SUBMITTED, Status.SELECTED],
    Status.RESERVE: [Status.SUBMITTED, Status.RESERVE],
    Status.CONFIRMED: [Status.SUBMITTED, Status.SELECTED, Status.CONFIRMED],
    Status.WITHDRAWN: [Status.SUBMITTED, Status.WITHDRAWN],
}


# A demo round needs an open call (its applications are created through the services). When no WG
# session in the reference data is far enough ahead for the usual dates, the round is squeezed in
# before the next one: call open two more weeks, round five weeks ahead, at the latest two weeks
# before the WG session, so that it never falls after it.
SQUEEZED_CALL_DAYS = 14
SQUEEZED_ROUND_DAYS = 35
SQUEEZED_MARGIN_DAYS = 14


def demo_round_dates(session, now):
    """``RoundDates`` of the demo round for ``session``: the usual ones, or squeezed (see above)."""
    dates = typical_round_dates(session.start_date)
    if dates.call_closes_at > now:
        # The call opens now if its usual opening is still ahead: the demo shows it open.
        return replace(dates, call_opens_at=min(dates.call_opens_at, now - dt.timedelta(days=1)))
    today = timezone.localdate(now)
    start = min(
        today + dt.timedelta(days=SQUEEZED_ROUND_DAYS),
        session.start_date - dt.timedelta(days=SQUEEZED_MARGIN_DAYS),
    )
    closes = min(today + dt.timedelta(days=SQUEEZED_CALL_DAYS), start - dt.timedelta(days=7))
    return RoundDates(
        start=start,
        end=start + dt.timedelta(days=2),
        call_opens_at=evening_in_geneva(today - dt.timedelta(days=14)),
        call_closes_at=evening_in_geneva(closes),
        statement_deadline=evening_in_geneva(start - dt.timedelta(days=SQUEEZED_MARGIN_DAYS)),
    )


def next_session(now):
    """The WG session of the demo round: the first whose usual call has not closed yet, else the first
    with room for a squeezed round (three weeks ahead at least)."""
    sessions = list(
        WorkingGroupSession.objects.filter(start_date__isnull=False, reviews__isnull=False)
        .distinct()
        .order_by("start_date", "number")
    )
    if not sessions:
        raise DemoError("No Working Group session with Reviews: run `manage.py load_reference_data` first.")
    room = timezone.localdate(now) + dt.timedelta(days=SQUEEZED_MARGIN_DAYS + 8)
    session = next((s for s in sessions if typical_round_dates(s.start_date).call_closes_at > now), None)
    session = session or next((s for s in sessions if s.start_date >= room), None)
    if session is None:
        raise DemoError(
            "No Working Group session in the reference data is far enough ahead for a demo round: add the "
            "next sessions to upr/reference/sessions.csv and run `manage.py load_reference_data`."
        )
    return session


def seed_round(session, now):
    """The round, created once, on the usual dates before its WG session (``presessions.timeline``)."""
    round_ = Round.objects.filter(session=session).first()
    if round_ is not None:
        return round_, False
    dates = demo_round_dates(session, now)
    round_ = round_services.create_round(
        session=session,
        title=f"Pre-sessions {session.number}",
        start_date=dates.start,
        end_date=dates.end,
        venue="Palais des Nations, Geneva",
        format=Round.Format.HYBRID,
        languages=["en", "fr", "es"],
        call_opens_at=dates.call_opens_at,
        call_closes_at=dates.call_closes_at,
        statement_deadline=dates.statement_deadline,
        min_viable_applicants=3,
        call_intro_en=(
            f"Civil society organisations and NHRIs that made a UPR stakeholder submission for the "
            f"{ordinal(session.number, 'en')} session of the UPR Working Group may apply to speak at the "
            "Pre-sessions."
        ),
        call_intro_fr=(
            f"Les organisations de la société civile et les INDH ayant soumis une contribution pour la "
            f"{ordinal(session.number, 'fr')} session du Groupe de travail de l'EPU peuvent postuler pour "
            "intervenir."
        ),
        call_intro_es=(
            f"Las organizaciones de la sociedad civil y las INDH que presentaron una contribución para el "
            f"{ordinal(session.number, 'es')} período de sesiones del Grupo de Trabajo del EPU pueden "
            "postularse."
        ),
        call_eligibility_en=(
            "Your organisation made a stakeholder submission for this review, alone or jointly."
        ),
        call_eligibility_fr=(
            "Votre organisation a soumis une contribution pour cet examen, seule ou conjointement."
        ),
        call_eligibility_es=(
            "Su organización presentó una contribución para este examen, sola o conjuntamente."
        ),
        call_privacy_en=(
            "We use your data only to organise the Pre-sessions. At-risk speakers are never public."
        ),
        call_privacy_fr=(
            "Vos données servent uniquement à organiser les pré-sessions. Les "
            "intervenants à risque ne sont jamais rendus publics."
        ),
        call_privacy_es=(
            "Sus datos solo se usan para organizar las presesiones. Los "
            "oradores en riesgo nunca se hacen públicos."
        ),
    )
    round_services.add_question(
        round_=round_,
        label_en="Did you consult other organisations when preparing your submission?",
        label_fr="Avez-vous consulté d'autres organisations pour préparer votre contribution ?",
        label_es="¿Consultó a otras organizaciones para preparar su contribución?",
        kind=CallQuestion.Kind.YES_NO,
        required=True,
    )
    round_services.add_question(
        round_=round_,
        label_en="Describe your national consultations (optional).",
        label_fr="Décrivez vos consultations nationales (facultatif).",
        label_es="Describa sus consultas nacionales (opcional).",
        kind=CallQuestion.Kind.TEXT,
    )
    south_sudan = round_.presessions.filter(review__state__iso3="SSD").first()
    if south_sudan is not None:
        round_services.extend_deadline(
            round_=round_,
            review=south_sudan.review,
            closes_at=dates.call_closes_at + dt.timedelta(days=7),
            reason="Few applicants so far",
        )
    round_ = round_services.open_call(round_)
    return round_, True


def seed_account(role, email, password, full_name, flags):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    created = user is None
    if created:
        user = User.objects.create_user(email=email, password=password, full_name=full_name, **flags)
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    if user.is_staff and not user.is_superuser:
        user.groups.add(sync_staff_group()[0])  # Admin shows staff the models they manage
    account = Account(role=role, email=email, password=password)
    if user.is_staff or user.is_reviewer:
        authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if authenticator is None:
            secret = generate_totp_secret()
            TOTP.activate(user, secret)
        else:
            secret = decrypt(authenticator.data["secret"])
        account.totp_secret = secret
        account.totp_url = get_mfa_adapter().build_totp_url(user, secret)
    return user, account, created


def seed_organisation(key):
    name, acronym, iso3, kind, ecosoc, founded = ORGANISATIONS[key]
    organisation, created = Organisation.objects.get_or_create(
        name=name,
        defaults={
            "acronym": acronym,
            "country": State.objects.get(iso3=iso3),
            "kind": kind,
            "ecosoc_status": ecosoc,
            "founded_year": founded,
            "website": "https://example.org/",
            "aims": "A fictional organisation for the demonstration of this software.",
        },
    )
    return organisation, created


def seed_application(round_, organisation, row, applicant, staff):
    _key, sur, target, speaker, gender, participation, slugs = row
    presession = round_.presessions.filter(review__state__iso3=sur).first()
    if (
        presession is None
        or Application.objects.filter(organisation=organisation, presession=presession).exists()
    ):
        return False
    issues = list(Issue.objects.filter(slug__in=slugs)) or list(Issue.objects.order_by("pk")[:1])
    if not is_call_open(presession):
        return False  # a demo seeded earlier, re-run after its call closed: no new applications
    application = services.create_draft_application(
        presession=presession,
        organisation=organisation,
        user=applicant,
        submission_reference=f"Joint submission {organisation.acronym}",
        speaker_name=speaker,
        speaker_position="Programme coordinator",
        speaker_email=f"{speaker.split()[0].lower()}@demo.example.org",
        speaker_gender=gender,
        speaker_languages=["en", "fr"],
        participation=participation,
        consent_publish_name=True,
        consent_publish_organisation=True,
        issues=issues,
    )
    answers = {q: True if q.kind == CallQuestion.Kind.YES_NO else "" for q in round_.questions.all()}
    services.save_answers(application, answers)
    # Straight through the state machine, without mails: the demo should not spam anyone.
    for status in PATHS[target]:
        actor = applicant if status in (Status.SUBMITTED, Status.CONFIRMED, Status.WITHDRAWN) else staff
        extra = (
            {"withdrawal_reason": "Our speaker could not get a visa in time."}
            if status == Status.WITHDRAWN
            else {}
        )
        application = services.transition_application(
            application, status, actor=actor, note=extra.get("withdrawal_reason", ""), **extra
        )
    return True


@transaction.atomic
def seed_demo(now=None):
    now = now or timezone.now()
    session = next_session(now)
    round_, round_created = seed_round(session, now)
    result = DemoResult(round=round_, created=int(round_created))
    users = {}
    for role, email, password, full_name, flags, org_key in ACCOUNTS:
        user, account, created = seed_account(role, email, password, full_name, flags)
        result.accounts.append(account)
        result.created += int(created)
        users[role] = (user, org_key)
    organisations = {}
    for key in ORGANISATIONS:
        organisations[key], created = seed_organisation(key)
        result.created += int(created)
    for user, org_key in users.values():
        if org_key:
            OrganisationMembership.objects.get_or_create(
                user=user,
                organisation=organisations[org_key],
                defaults={"role": OrganisationMembership.Role.ADMIN},
            )
    staff = users["staff"][0]
    members = {org_key: user for user, org_key in users.values() if org_key}
    for row in APPLICATIONS:
        applicant = members.get(row[0], staff)
        result.created += int(seed_application(round_, organisations[row[0]], row, applicant, staff))
    # Review: criteria, the demo reviewer's assignments and scores.
    result.created += seed_review_demo(round_, staff=staff, reviewer=users["reviewer"][0])
    for _receiver, created in demo_seeded.send(sender=DemoResult, round=round_):
        result.created += int(created or 0)
    return result
