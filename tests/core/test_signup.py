import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from core.models import User

PASSWORD = "a-long enough passphrase 42"


def _sign_up(client, capture, **overrides):
    data = {
        "email": "amina@example.org",
        "full_name": "  Amina   Diallo ",
        "language": "fr",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    with capture(execute=True):
        return client.post(reverse("account_signup"), data)


@pytest.mark.django_db
def test_signup_page_labels_every_field(client):
    response = client.get(reverse("account_signup"))
    html = response.content.decode()
    assert response.status_code == 200
    for field_id in ("id_email", "id_full_name", "id_language", "id_password1", "id_password2"):
        assert f'<label for="{field_id}">' in html
    assert "style=" not in html
    assert "<script>" not in html


@pytest.mark.django_db
def test_signup_stores_full_name_language_and_applicant_role(client, django_capture_on_commit_callbacks):
    response = _sign_up(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="amina@example.org")
    assert (user.full_name, user.language) == ("Amina Diallo", "fr")
    roles = (user.is_applicant, user.is_staff, user.is_reviewer, user.is_diplomat)
    assert roles == (True, False, False, False)
    assert EmailAddress.objects.get(user=user).verified is False


@pytest.mark.django_db
def test_signup_requires_verification_before_login(client, django_capture_on_commit_callbacks):
    _sign_up(client, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amina@example.org"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_login"), {"login": "amina@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_signup_confirmation_link_verifies_and_signs_in(client, django_capture_on_commit_callbacks):
    _sign_up(client, django_capture_on_commit_callbacks)
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s/]+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]

    assert client.get(path).status_code == 200
    response = client.post(path)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="amina@example.org").verified is True
    assert int(client.session["_auth_user_id"]) == User.objects.get(email="amina@example.org").pk


@pytest.mark.django_db
def test_signup_without_full_name_shows_associated_error(client, django_capture_on_commit_callbacks):
    response = _sign_up(client, django_capture_on_commit_callbacks, full_name="   ")
    html = response.content.decode()

    assert response.status_code == 200
    assert User.objects.count() == 0
    assert 'id="id_full_name-error"' in html
    assert 'aria-describedby="id_full_name-error"' in html
    assert 'aria-invalid="true"' in html
    assert '<a href="#id_full_name">' in html  # error summary links to the field


@pytest.mark.django_db
def test_signup_defaults_language_to_the_active_one(client):
    client.cookies["django_language"] = "es"
    html = client.get(reverse("account_signup")).content.decode()
    assert '<option value="es" selected>' in html


@pytest.mark.django_db
def test_signup_closed_when_operator_disables_it(client, settings):
    settings.ACCOUNT_ALLOW_SIGNUP = False
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert "account/signup_closed.html" in [t.name for t in response.templates]


@pytest.mark.django_db
def test_signup_marks_no_field_optional(client):
    # The language select always carries a value, so "(optional)" would mislead.
    html = client.get(reverse("account_signup")).content.decode()
    assert 'class="optional"' not in html


@pytest.mark.django_db
def test_signup_createsuperuser_account_verifies_its_address_at_first_login(
    client, django_capture_on_commit_callbacks
):
    User.objects.create_superuser("root@example.org", PASSWORD, full_name="Root Admin")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_login"), {"login": "root@example.org", "password": PASSWORD})

    assert response["Location"] == reverse("account_email_verification_sent")
    assert [m.to for m in mail.outbox] == [["root@example.org"]]
    assert "_auth_user_id" not in client.session
