import pytest
from django.urls import reverse

from core.models import User
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    return staff_user


def _admin_form(user, **changes):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "language": user.language,
        "is_active": "on",
        "_save": "Save",
    }
    data.update(changes)
    return data


def test_admin_change_records_who_changed_what(client, admin_user):
    member = UserFactory(email="member@example.org", full_name="Ana Silva", language="en")
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:core_user_change", args=[member.pk]),
        _admin_form(member, full_name="Ana Silva Costa", language="es", is_reviewer="on"),
    )

    assert response.status_code == 302
    latest = member.history.latest()
    assert latest.history_user == admin_user
    assert latest.history_type == "~"
    delta = latest.diff_against(latest.prev_record)
    assert sorted(delta.changed_fields) == ["full_name", "is_reviewer", "language"]


def test_admin_user_history_page_lists_changes(client, admin_user):
    member = UserFactory(email="member@example.org")
    client.force_login(admin_user)
    client.post(reverse("admin:core_user_change", args=[member.pk]), _admin_form(member, full_name="Renamed"))

    page = client.get(reverse("admin:core_user_history", args=[member.pk])).content.decode()

    assert "Renamed" in page
    assert str(admin_user) in page


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("applicant", 403), ("diplomat", 403), ("reviewer", 403), ("staff", 200)],
)
def test_audit_page_only_secretariat_may_view(client, users_by_role, role, expected):
    if users_by_role[role]:
        client.force_login(users_by_role[role])

    response = client.get(reverse("core:audit_list"))

    assert response.status_code == expected


def test_audit_page_shows_who_changed_which_fields(client, admin_user):
    member = UserFactory(email="member@example.org", full_name="Ana Silva", language="en")
    client.force_login(admin_user)
    client.post(
        reverse("admin:core_user_change", args=[member.pk]),
        _admin_form(member, full_name="Ana <b>Silva</b>", language="fr"),
    )

    response = client.get(reverse("core:audit_list"), {"model": "core.user", "action": "~", "user": "staff@"})

    changes = response.context["changes"]
    assert len(changes) == 1
    change = changes[0]
    assert (change.user, change.action, change.object_pk) == (admin_user, "~", str(member.pk))
    assert change.label == "Ana <b>Silva</b>"
    assert change.fields == [
        ("full name", "Ana Silva", "Ana <b>Silva</b>"),
        ("preferred language", "English", "French"),
    ]
    page = response.content.decode()
    assert "Ana &lt;b&gt;Silva&lt;/b&gt;" in page
    assert reverse("admin:core_user_history", args=[member.pk]) in page


def test_audit_page_filters_by_record_type_and_action(client, staff_user):
    from core.mail import queue_mail

    queue_mail(to="a@example.org", subject="Hi", text_body="x", idempotency_key="audit:1")
    client.force_login(staff_user)
    url = reverse("core:audit_list")

    mails = client.get(url, {"model": "core.outboundmail"}).context["changes"]
    created_users = client.get(url, {"model": "core.user", "action": "+"}).context["changes"]
    nobody = client.get(url, {"user": "nobody@"}).context["changes"]

    assert [(c.model_name, c.action) for c in mails] == [("outbound mail", "+")]
    assert [c.object_pk for c in created_users] == [str(staff_user.pk)]
    assert nobody == []


@pytest.mark.parametrize("people", [1, 30])
def test_audit_page_query_count_is_the_same_for_one_and_many_rows(
    client, staff_user, django_assert_num_queries, people
):
    for n in range(people):
        person = UserFactory(email=f"person{n}@example.org")
        person.full_name = f"Person {n}"
        person._history_user = staff_user
        person.save()
    client.force_login(staff_user)
    client.get(reverse("core:audit_list"))

    # session, user, MFA check, count, page, users, records of core.user, records they follow,
    # the user's and their groups' permissions (may they open the admin history?)
    with django_assert_num_queries(10):
        response = client.get(reverse("core:audit_list"), {"model": "core.user"})

    # each person: created, password set, renamed; the staff member: created, password set, signed in
    assert len(response.context["changes"]) == min(3 * people + 3, 50)
    assert User.objects.count() == people + 1


def test_audit_label_is_left_out_when_the_models_str_would_query(monkeypatch):
    from core import audit
    from core.mail import queue_mail
    from core.models import OutboundMail

    queue_mail(to="a@example.org", subject="Hi", text_body="x", idempotency_key="audit:label")
    monkeypatch.setattr(OutboundMail, "__str__", lambda mail: f"{mail.attachments.count()} attachments")
    rows = list(audit.change_rows(model_label="core.outboundmail"))

    changes = audit.describe_changes(rows)

    assert [(c.model_name, c.label) for c in changes] == [("outbound mail", "")]


def test_audit_links_to_admin_history_only_for_models_the_user_may_open(client, staff_user):
    from core.staffgroup import sync_staff_group

    UserFactory(email="member@example.org")._history_user = staff_user
    client.force_login(staff_user)
    url = reverse("core:audit_list")

    without = client.get(url, {"model": "core.user"}).context["changes"]
    staff_user.groups.add(sync_staff_group()[0])
    staff_user.is_superuser = True
    staff_user.save()
    with_access = client.get(url, {"model": "core.user"}).context["changes"]

    assert {c.admin_url for c in without} == {""}
    assert all(c.admin_url.startswith("/admin/core/user/") for c in with_access)
