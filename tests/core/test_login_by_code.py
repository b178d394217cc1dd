import re

import pytest
from django.core import mail
from django.urls import reverse


def _request_code(client, capture, email):
    with capture(execute=True):
        response = client.post(reverse("account_request_login_code"), {"email": email})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    return re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[-1].body, re.M).group(1)


@pytest.mark.django_db
def test_login_by_code_signs_in_with_the_mailed_code(client, make_user, django_capture_on_commit_callbacks):
    user = make_user(is_applicant=True)
    code = _request_code(client, django_capture_on_commit_callbacks, user.email)

    assert mail.outbox[-1].to == [user.email]
    assert "<label" in client.get(reverse("account_confirm_login_code")).content.decode()
    response = client.post(reverse("account_confirm_login_code"), {"code": code})

    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_login_by_code_wrong_code_is_refused(client, make_user, django_capture_on_commit_callbacks):
    user = make_user()
    _request_code(client, django_capture_on_commit_callbacks, user.email)

    response = client.post(reverse("account_confirm_login_code"), {"code": "WRONG1"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert 'aria-invalid="true"' in response.content.decode()


@pytest.mark.django_db
def test_login_by_code_still_asks_staff_for_their_second_factor(
    client, make_user, with_totp, totp_code, django_capture_on_commit_callbacks
):
    user = make_user(is_staff=True)
    secret = with_totp(user)
    code = _request_code(client, django_capture_on_commit_callbacks, user.email)

    response = client.post(reverse("account_confirm_login_code"), {"code": code})

    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_password_reset_mails_a_link_that_sets_a_new_password(
    client, make_user, django_capture_on_commit_callbacks
):
    user = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response["Location"] == reverse("account_reset_password_done")
    path = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[-1].body).group(1)

    response = client.get(path, follow=True)  # allauth moves the key into the session, then shows the form
    form_path = response.redirect_chain[-1][0]
    new_password = "another long passphrase 7"
    response = client.post(form_path, {"password1": new_password, "password2": new_password})

    assert response["Location"] == reverse("account_reset_password_from_key_done")
    user.refresh_from_db()
    assert user.check_password(new_password)
