import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_home_page_renders_in_english(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert b"UPR Pre-sessions" in response.content


@pytest.mark.django_db
def test_dashboard_redirects_anonymous_to_login(client):
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
