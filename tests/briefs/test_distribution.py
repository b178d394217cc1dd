"""Distribution: personal links to the Missions that accepted (or all invited) and the speakers."""

import pytest
from django.urls import reverse

from briefs.distribution import services
from briefs.distribution.models import BriefRecipient
from briefs.pdf import build as pdf_build
from briefs.pdf import services as pdf_services
from briefs.pdf.models import BriefDocument
from core.errors import DomainError
from core.models import OutboundMail
from embassies.invitations.models import Invitation
from tests.factories.embassies import MissionFactory

Response = Invitation.Response


def invite(
    presession, response, *, email="mission@example.org", language="fr", status=Invitation.Status.SENT
):
    mission = MissionFactory(email=email, language=language)
    return Invitation.objects.create(presession=presession, mission=mission, status=status, response=response)


@pytest.fixture
def built(panel):
    for language in ("en", "fr"):
        document = pdf_services.request_document(
            kind=BriefDocument.Kind.BRIEF, language=language, presession=panel.presession, queue=False
        )
        pdf_build.build_document(document.pk)
    return panel


@pytest.mark.django_db
def test_distribute_refuses_before_the_pdf_is_built(panel, world):
    invite(panel.presession, Response.YES)
    with pytest.raises(DomainError):
        services.distribute_brief(panel.presession, actor=world.staff)
    assert BriefRecipient.objects.count() == 0


@pytest.mark.django_db
def test_distribute_to_missions_that_accepted_and_speakers_once(built, world):
    accepted = invite(built.presession, Response.YES, email="yes@example.org")
    invite(built.presession, Response.NO, email="no@example.org")
    invite(built.presession, Response.PENDING, email="pending@example.org")
    invite(built.presession, Response.YES, email="withdrawn@example.org", status=Invitation.Status.CANCELLED)
    before = OutboundMail.objects.count()  # the approval mails of the statements
    queued = services.distribute_brief(built.presession, actor=world.staff, speakers=True)
    speaker_addresses = 2 * 3  # applicant and speaker of each of the three speakers (the one at risk too)
    assert queued == 1 + speaker_addresses
    mission_mail = OutboundMail.objects.get(recipient="yes@example.org")
    link = BriefRecipient.objects.get(mission=accepted.mission)
    assert mission_mail.language == "fr"
    assert f"/b/{link.token}/" in mission_mail.text_body
    assert "attachment" not in mission_mail.text_body.lower() and not mission_mail.attachments.exists()
    services.distribute_brief(built.presession, actor=world.staff, speakers=True)
    assert OutboundMail.objects.count() == before + 1 + speaker_addresses


@pytest.mark.django_db
def test_distribute_to_every_mission_invited(built, world):
    for response, email in [
        (Response.YES, "a@example.org"),
        (Response.NO, "b@example.org"),
        (Response.PENDING, "c@example.org"),
    ]:
        invite(built.presession, response, email=email)
    assert (
        services.distribute_brief(built.presession, actor=world.staff, audience="invited", speakers=False)
        == 3
    )


@pytest.mark.django_db
def test_brief_link_opens_without_login_in_the_mission_language_and_counts_downloads(client, built, world):
    invitation = invite(built.presession, Response.YES, language="fr")
    services.distribute_brief(built.presession, actor=world.staff, speakers=False)
    link = BriefRecipient.objects.get(mission=invitation.mission)
    for _ in range(2):
        response = client.get(reverse("briefs:brief_link", args=[link.token]))
        assert response["Content-Disposition"].startswith("inline;")
        assert b"".join(response.streaming_content)[:5] == b"%PDF-"
        response.close()
    link.refresh_from_db()
    french = BriefDocument.objects.get(language="fr", kind="brief")
    assert (
        response["Content-Disposition"]
        == f'inline; filename="brief-{built.presession.review.state.iso3}-fr.pdf"'
    )
    assert (link.downloads, french.language) == (2, "fr")


@pytest.mark.django_db
def test_revoked_or_unknown_link_is_not_found(client, built, world):
    invite(built.presession, Response.YES)
    services.distribute_brief(built.presession, actor=world.staff, speakers=False)
    link = BriefRecipient.objects.get()
    services.revoke_link(link, actor=world.staff)
    assert client.get(reverse("briefs:brief_link", args=[link.token])).status_code == 404
    assert client.get(reverse("briefs:brief_link", args=["not-a-token"])).status_code == 404
    assert BriefRecipient.objects.get().downloads == 0


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 5])
def test_recipients_page_query_count(client, built, world, django_assert_num_queries, count):
    for index in range(count):
        invite(built.presession, Response.YES, email=f"m{index}@example.org")
    services.distribute_brief(built.presession, actor=world.staff, speakers=False)
    client.force_login(world.staff)
    url = reverse("briefs:recipients", args=[built.presession.token])
    client.get(url)
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.content.decode().count("@example.org</td>") == count
