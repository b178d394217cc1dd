import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_admin_theme_uses_brand_stylesheet_and_no_inline_styles(client, make_user, with_totp):
    user = make_user(is_staff=True, is_superuser=True)
    with_totp(user)
    client.force_login(user)

    html = client.get(reverse("admin:index")).content.decode()

    assert "/static/css/admin.css" in html
    assert "UPR Pre-sessions administration" in html
    assert f'href="{reverse("core:dashboard")}"' in html
    assert "style=" not in html


@pytest.mark.django_db
def test_admin_user_changelist_lists_roles(client, make_user, with_totp):
    user = make_user(is_staff=True, is_superuser=True, full_name="Staff Person")
    with_totp(user)
    make_user(is_reviewer=True, full_name="Rita Reviewer")
    client.force_login(user)

    response = client.get(reverse("admin:core_user_changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == 2
    assert "Rita Reviewer" in response.content.decode()


@pytest.mark.django_db
def test_admin_password_change_goes_to_allauth(client, make_user, with_totp):
    user = make_user(is_staff=True)
    with_totp(user)
    client.force_login(user)

    response = client.get(reverse("admin:password_change"))

    assert response.status_code == 302
    assert response["Location"] == reverse("account_change_password")


@pytest.mark.django_db
def test_admin_header_links_to_allauth_account_pages(client, make_user, with_totp):
    user = make_user(is_staff=True, is_superuser=True)
    with_totp(user)
    client.force_login(user)

    html = client.get(reverse("admin:index")).content.decode()

    assert f'href="{reverse("account_change_password")}"' in html
    assert f'href="{reverse("mfa_index")}"' in html
    assert f'href="{reverse("admin:password_change")}"' not in html
