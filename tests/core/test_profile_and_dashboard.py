import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from core.navigation import links_of


@pytest.mark.django_db
def test_profile_page_shows_labelled_fields(client, make_user):
    client.force_login(make_user(full_name="Ana Pérez"))
    html = client.get(reverse("core:profile")).content.decode()
    assert '<label for="id_full_name">' in html
    assert '<label for="id_language">' in html
    assert 'value="Ana Pérez"' in html


@pytest.mark.django_db
def test_profile_requires_full_name(client, make_user):
    user = make_user(full_name="Ana")
    client.force_login(user)
    response = client.post(reverse("core:profile"), {"full_name": "  ", "language": "en"})
    assert response.status_code == 200
    assert 'id="id_full_name-error"' in response.content.decode()
    user.refresh_from_db()
    assert user.full_name == "Ana"


@pytest.mark.django_db
def test_profile_refuses_anonymous(client):
    response = client.get(reverse("core:profile"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/my/profile/"


def _sign_in(client, make_user, **roles):
    """Staff and reviewers have a second factor (without one, every page sends them to set it up)."""
    user = make_user(**roles)
    if roles.get("is_staff") or roles.get("is_reviewer"):
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DP"})
    client.force_login(user)
    return user


# Each role's area and the first URL name of each of its links (the area is hidden when no link exists).
ROLE_AREAS = {
    "is_applicant": ("applicant", ["applications:application_list", "organisations:organisation_list"]),
    "is_reviewer": ("reviewer", ["review:my_reviews"]),
    "is_staff": ("staff", ["presessions:round_list", "upr:recommendation_search", "admin:index"]),
    "is_diplomat": ("diplomat", []),  # diplomats use their personal token links: no menu area yet
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(ROLE_AREAS))
def test_dashboard_shows_only_the_role_area_with_links_that_exist(client, make_user, role):
    _sign_in(client, make_user, **{role: True})

    areas = client.get(reverse("core:dashboard")).context["areas"]

    key, names = ROLE_AREAS[role]
    expected = {key} if links_of(key) else set()
    assert {area.key for area, _links in areas} == expected
    for _area, links in areas:
        shown = [link.url_name for link, _url in links]
        assert [name for name in names if name in shown] == names
        assert all(url == reverse(link.url_name) for link, url in links)


@pytest.mark.django_db
def test_dashboard_staff_area_links_to_admin(client, make_user):
    _sign_in(client, make_user, is_staff=True)
    areas = dict(client.get(reverse("core:dashboard")).context["areas"])
    staff_links = next(links for area, links in areas.items() if area.key == "staff")
    assert ("admin:index", "/admin/") in [(link.url_name, url) for link, url in staff_links]


@pytest.mark.django_db
def test_dashboard_staff_sees_admin_link_in_menu(client, make_user):
    _sign_in(client, make_user, is_staff=True)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert f'<a href="{reverse("admin:index")}">Admin</a>' in html
    assert '<a href="/dashboard/" aria-current="page">Dashboard</a>' in html


@pytest.mark.django_db
def test_dashboard_applicant_menu_has_no_staff_links(client, make_user):
    client.force_login(make_user(is_applicant=True))
    html = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("admin:index") not in html
    assert "Secretariat" not in html


@pytest.mark.django_db
def test_home_menu_for_anonymous_offers_sign_in_and_up(client):
    html = client.get("/").content.decode()
    assert f'href="{reverse("account_login")}"' in html
    assert f'href="{reverse("account_signup")}"' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main" tabindex="-1">' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("roles", "queries"),
    [
        ({"is_applicant": True}, 2),  # session, user
        ({"is_staff": True}, 4),  # + "has a second factor?" in the MFA middleware and on the page
        ({"is_staff": True, "is_reviewer": True, "is_applicant": True, "is_diplomat": True}, 4),
    ],
)
def test_dashboard_query_count_does_not_grow_with_roles(
    client, make_user, django_assert_num_queries, roles, queries
):
    _sign_in(client, make_user, **roles)
    with django_assert_num_queries(queries):
        assert client.get(reverse("core:dashboard")).status_code == 200


@pytest.mark.django_db
def test_staff_menu_groups_the_secretariat_links_in_a_disclosure(client, make_user):
    user = make_user(is_staff=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "test"})
    client.force_login(user)

    html = client.get(reverse("upr:recommendation_search")).content.decode()

    assert '<li class="nav-group"><details>' in html
    assert '<summary class="current">Secretariat</summary>' in html
    assert '<li><a href="/staff/recommendations/" aria-current="page">Recommendations</a></li>' in html
    assert html.count("<details>") == 1


@pytest.mark.django_db
def test_applicant_menu_has_no_disclosure(client, make_user):
    client.force_login(make_user(is_applicant=True))

    html = client.get(reverse("core:dashboard")).content.decode()

    assert "nav-group" not in html
    assert '<a href="/dashboard/" aria-current="page">Dashboard</a>' in html


@pytest.mark.django_db
def test_header_has_the_logo_mark_favicon_and_translated_product_name(client):
    french = client.get("/", headers={"accept-language": "fr"}).content.decode()

    assert '<link rel="icon" href="/static/img/logo.svg" type="image/svg+xml">' in french
    assert (
        '<a class="brand" href="/"><img src="/static/img/logo.svg" alt="" width="32" height="32">'
        "<span>Pré-sessions de l’EPU</span></a>" in french
    )
