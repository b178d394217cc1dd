"""Admin of review models: criteria changes recompute totals; assessments are read-only there."""

from decimal import Decimal

from django.urls import reverse

from speakers.review.models import Assessment
from speakers.review.services import save_assessment


def test_changing_a_weight_in_the_admin_recomputes_totals(client, review_world):
    review_world.staff.is_superuser = True
    review_world.staff.save()
    first, *rest = review_world.criteria
    values = {first.pk: 5} | {c.pk: 0 for c in rest}
    save_assessment(
        reviewer=review_world.reviewer, application=review_world.app_a, values=values, submit=True
    )
    assert Assessment.objects.get().total == Decimal("33.33")
    client.force_login(review_world.staff)
    url = reverse("admin:speakers_reviewcriterion_change", args=[first.pk])
    data = {
        "round": review_world.round.pk,
        "name_en": first.name_en,
        "weight": "4.0",
        "scale_min": 0,
        "scale_max": 5,
        "order": first.order,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert Assessment.objects.get().total == Decimal("50.00")


def test_assessments_cannot_be_changed_in_the_admin(client, review_world):
    review_world.staff.is_superuser = True
    review_world.staff.save()
    client.force_login(review_world.staff)
    assert client.get(reverse("admin:speakers_assessment_add")).status_code == 403
