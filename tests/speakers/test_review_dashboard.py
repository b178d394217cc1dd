"""The Round dashboard: figures per SuR and server-rendered SVG charts."""

import pytest
from django.urls import reverse

from speakers.models import Application, Organisation
from tests.factories.presessions import PresessionFactory
from tests.factories.speakers import ApplicationFactory, OrganisationFactory


def dashboard_url(w):
    return reverse("selection:dashboard", kwargs={"number": w.round.number})


def test_dashboard_figures(client, review_world):
    nhri = OrganisationFactory(kind=Organisation.Kind.NHRI)
    ApplicationFactory(presession=review_world.presession, organisation=nhri, status="selected")
    Application.objects.filter(pk=review_world.app_b.pk).update(status="confirmed")
    ApplicationFactory(presession=review_world.presession, status="draft")
    client.force_login(review_world.staff)
    response = client.get(dashboard_url(review_world))
    totals = response.context["totals"]
    assert (totals["applications"], totals["selected"]) == (3, 2)
    assert (totals["women_percent"], totals["national_percent"], totals["nhri_panels"]) == (50, 50, 1)
    assert [p.presession.pk for p in totals["below_minimum"]] == [review_world.other_presession.pk]
    panels = {p.presession.pk: (p.applications, p.selected) for p in response.context["panels"]}
    assert panels == {review_world.presession.pk: (3, 2), review_world.other_presession.pk: (0, 0)}


def test_dashboard_charts_are_accessible_svg_without_script(client, review_world):
    client.force_login(review_world.staff)
    body = client.get(dashboard_url(review_world)).content.decode()
    assert body.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 2
    assert '<title id="chart-1-title">Applications per State under Review</title>' in body
    assert "<script>" not in body
    assert "style=" not in body


@pytest.mark.parametrize("panels", [1, 14])
def test_dashboard_query_count_is_constant(client, review_world, django_assert_num_queries, panels):
    for _ in range(panels):
        presession = PresessionFactory(round=review_world.round)
        ApplicationFactory.create_batch(3, presession=presession, status="submitted")
    client.force_login(review_world.staff)
    with django_assert_num_queries(7):
        client.get(dashboard_url(review_world))
