"""Compiling a panel's brief: speakers by consent, the risk flag, counts, staff editing and preview."""

import pytest
from django.urls import reverse

from briefs.compilation import services
from briefs.compilation.models import Brief
from briefs.compilation.selectors import compile_brief
from core.errors import DomainError
from tests.factories.presessions import PresessionFactory
from tests.factories.statements import approved_statement, speaker_setup


@pytest.mark.django_db
def test_compile_brief_shows_consenting_speakers_and_leaves_out_the_one_at_risk(panel):
    compiled = compile_brief(panel.presession)
    shown = [(s.name, s.organisation, s.anonymous_label) for s in compiled.speakers]
    assert shown == [
        ("Zoë Ñandú-Łódź", panel.public.organisation.name, "A national organisation"),
        ("", "", "A national organisation"),
    ]
    texts = [rec.text for block in compiled.issues for rec in block.suggested]
    assert "Release Hidden Prisoner by 2027." not in texts
    assert "Adopt a law on the press by 2027." in texts


@pytest.mark.django_db
def test_compile_brief_counts_earlier_recommendations_by_issue_and_response(panel):
    compiled = compile_brief(panel.presession)
    counts = {block.issue: (block.counts.supported, block.counts.noted) for block in compiled.issues}
    assert counts == {panel.public.issue: (0, 1), panel.anonymous.issue: (1, 0)}
    assert [rec.pk for rec in compiled.issues[0].earlier + compiled.issues[1].earlier] != []


@pytest.mark.django_db
def test_compile_brief_follows_the_staff_order(panel, world):
    public, anonymous, _risky = panel.statements
    services.update_brief(
        panel.presession,
        actor=world.staff,
        summary="",
        contacts="",
        statement_order=[anonymous.pk, public.pk],
    )
    assert [s.statement.pk for s in compile_brief(panel.presession).speakers] == [anonymous.pk, public.pk]


@pytest.mark.django_db
def test_update_brief_refuses_a_statement_of_another_panel(panel, world):
    other = approved_statement(speaker_setup(presession=PresessionFactory(round=world.round)), world.staff)
    with pytest.raises(DomainError):
        services.update_brief(
            panel.presession, actor=world.staff, summary="", contacts="", statement_order=[other.pk]
        )
    assert Brief.objects.count() == 0


@pytest.mark.django_db
def test_brief_edit_page_saves_summary_and_order(client, panel, world):
    public, anonymous, _risky = panel.statements
    client.force_login(world.staff)
    url = reverse("briefs:edit", args=[panel.presession.token])
    page = client.get(url).content.decode()
    assert "Hidden Defender" not in page
    response = client.post(
        url,
        {
            "summary": "Key: press freedom.",
            "contacts": "team@example.org",
            f"position_{public.pk}": "2",
            f"position_{anonymous.pk}": "1",
        },
    )
    assert response.status_code == 302
    brief = Brief.objects.get()
    assert (brief.summary, brief.statement_order) == ("Key: press freedom.", [anonymous.pk, public.pk])


@pytest.mark.django_db
def test_brief_pages_refuse_reviewers_and_speakers(client, panel, world):
    for user in (world.reviewer, panel.public.applicant):
        client.force_login(user)
        assert client.get(reverse("briefs:edit", args=[panel.presession.token])).status_code == 403
        assert client.get(reverse("briefs:round", args=[world.round.number])).status_code == 403


@pytest.mark.django_db
def test_brief_preview_escapes_statement_text_in_the_chosen_language(client, panel, world):
    services.update_brief(
        panel.presession,
        actor=world.staff,
        summary='<img src="file:///etc/passwd">',
        contacts="",
        statement_order=[],
    )
    client.force_login(world.staff)
    html = client.get(
        reverse("briefs:preview", args=[panel.presession.token, "fr", "brief"])
    ).content.decode()
    assert '<html lang="fr">' in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert "Recommandations proposées" in html
    assert "Hidden Defender" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 5])
def test_round_briefs_query_count(client, world, django_assert_num_queries, count):
    for _ in range(count - 1):
        PresessionFactory(round=world.round)
    client.force_login(world.staff)
    url = reverse("briefs:round", args=[world.round.number])
    client.get(url)
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.content.decode().count('href="/staff/briefs/') == count + 1  # world has two panels
