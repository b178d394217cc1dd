"""Malformed and hostile import files end in a clear error, never a traceback (issue 12, item 10)."""

import io
import time
import tracemalloc
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.zipbombs import build_zip
from upr.models import Recommendation

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE w:document [\n<!ENTITY a "aaaaaaaaaa">\n'
    + b"".join(
        f'<!ENTITY a{i} "{("&a" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 9)
    )
    + f"]>\n<w:document {W}><w:body><w:p><w:r><w:t>&a8;</w:t></w:r></w:p></w:body></w:document>".encode()
)


@pytest.fixture(scope="module")
def word_parts():
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("UPR of Slovenia (4th Cycle - 48th Session)")
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _variant(parts, **replacements):
    """The docx with some parts replaced (``None`` removes the part); keyword = part path, / as __."""
    changed = {
        name.replace("__", "/").replace("_ct", "[Content_Types].xml"): value
        for name, value in replacements.items()
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            content = changed.get(name, content)
            if content is not None:
                archive.writestr(name, content)
    return buffer.getvalue()


def _command_error(tmp_path, name, data, capsys):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommandError) as error:
        call_command("import_recommendations", "--dry-run", str(path))
    assert error.value.returncode == 2
    assert Recommendation.objects.count() == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(
    ("replacements", "message"),
    [
        (
            {"word__document.xml": LAUGHS},
            "m.docx: word/document.xml declares a DTD (<!DOCTYPE>), which Word documents never do; "
            "the file is refused.",
        ),
        (
            {"_ct": b'<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "a">]><Types/>'},
            "m.docx: [Content_Types].xml declares a DTD (<!DOCTYPE>), which Word documents never do; "
            "the file is refused.",
        ),
        (
            {"word__document.xml": b"<w:document><unclosed>"},
            "m.docx: word/document.xml is not well-formed XML (line 1, column 12: "
            "Namespace prefix w on document is not defined).",
        ),
        (
            {"word__document.xml": f"<w:foo {W}/>".encode()},
            "m.docx: this is not a Word document that can be read (its main part is not a document body).",
        ),
        (
            {"word__document.xml": f"<w:document {W}/>".encode()},
            "m.docx: this is not a Word document that can be read (its main part is not a document body).",
        ),
        (
            {"_rels__.rels": b"<Relationships/>"},
            "m.docx: this is not a Word document that can be read (its package structure is broken).",
        ),
        (
            {"_ct": b"<Types/>"},
            "m.docx: this is not a Word document that can be read (its package structure is broken).",
        ),
    ],
)
def test_import_command_refuses_malformed_docx_with_a_clear_message(
    reference_data, tmp_path, capsys, word_parts, replacements, message
):
    output = _command_error(tmp_path, "m.docx", _variant(word_parts, **replacements), capsys)

    assert f"  - {message}" in output.splitlines()
    assert "Traceback" not in output


def test_import_command_refuses_docx_zip_bomb_fast_in_bounded_memory(reference_data, tmp_path, capsys):
    bomb = build_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": 1 << 30})
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)

    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(CommandError) as error:
        call_command("import_recommendations", "--dry-run", str(path))
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    assert error.value.returncode == 2
    assert (
        "  - bomb.docx: The archive would expand to 1024 MB, more than the limit of 100 MB."
        in capsys.readouterr().out.splitlines()
    )
    assert seconds < 5  # the whole command (reference data loaded); the file itself costs milliseconds
    assert peak < 50 * (1 << 20)


# --- The admin's import preview ---------------------------------------------------------------------

IMPORT_URL = "/admin/upr/recommendation/import/"
PROCESS_URL = "/admin/upr/recommendation/process_import/"


@pytest.fixture
def admin_client_mfa(client, db):
    from allauth.mfa.models import Authenticator

    from tests.factories.core import UserFactory

    user = UserFactory(is_staff=True, is_superuser=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "test"})
    client.force_login(user)
    return client


def _preview_csv(client, content, model="recommendation"):
    url = f"/admin/upr/{model}/import/"
    choices = client.get(url).context["form"].fields["format"].choices
    fmt = next(value for value, label in choices if str(label) == "csv")
    upload = SimpleUploadedFile("rows.csv", content, content_type="text/csv")
    return client.post(url, {"resource": "0", "format": fmt, "import_file": upload})


def _page_text(response):
    return response.content.decode()


def test_admin_import_without_text_key_column_computes_it(reference_data, admin_client_mfa):
    preview = _preview_csv(
        admin_client_mfa, b"review,text,recommending_states\nAFG:5,Ratify the OP-CAT.,FRA\n"
    )

    assert "Traceback" not in _page_text(preview)
    assert preview.context["result"].totals["new"] == 1
    admin_client_mfa.post(PROCESS_URL, preview.context["confirm_form"].initial)
    recommendation = Recommendation.objects.get()
    assert recommendation.text == "Ratify the OP-CAT."
    assert [s.iso3 for s in recommendation.recommending_states.all()] == ["FRA"]


def test_admin_import_without_required_columns_says_which(reference_data, admin_client_mfa):
    preview = _preview_csv(admin_client_mfa, b"review,recommending_states\nAFG:5,FRA\n")

    page = _page_text(preview)
    assert "The file has no “text” column (required: review, text)." in page
    assert "Traceback" not in page
    assert "site-packages" not in page
    assert "confirm_form" not in preview.context


def test_admin_import_unknown_state_is_an_error_of_its_row(reference_data, admin_client_mfa):
    preview = _preview_csv(
        admin_client_mfa, b'review,text,recommending_states\nAFG:5,Ratify the OP-CAT.,"FRA,ATL"\n'
    )

    result = preview.context["result"]
    assert result.invalid_rows[0].error_dict == {"recommending_states": ["Unknown State “ATL”."]}
    assert "confirm_form" not in preview.context
    assert "Traceback" not in _page_text(preview)


def test_admin_import_unknown_issue_is_an_error_of_its_row(reference_data, admin_client_mfa):
    preview = _preview_csv(admin_client_mfa, b"review,text,issues\nAFG:5,Ratify the OP-CAT.,no-such-issue\n")

    assert preview.context["result"].invalid_rows[0].error_dict == {
        "issues": ["Unknown issue “no-such-issue”."]
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"review,text,text_key,recommending_states\nAFG:5,Ratify\n",
            "Line 2 has 2 columns; the header has 4.",
        ),
        (
            b"review,text,recommending_states\nAFG:5,Ratify the OP-CAT.,FRA,ATL\n",
            "Line 2 has 4 columns; the header has 3.",
        ),
    ],
)
def test_admin_import_row_with_wrong_column_count_is_refused(
    reference_data, admin_client_mfa, content, message
):
    preview = _preview_csv(admin_client_mfa, content)

    assert preview.context["form"].errors["import_file"] == [message]
    assert Recommendation.objects.count() == 0


def test_admin_reference_import_short_row_is_refused_with_its_line(reference_data, admin_client_mfa):
    preview = _preview_csv(admin_client_mfa, b"slug,name_en,name_fr,name_es,source\nx,X\n", model="issue")

    assert preview.context["form"].errors["import_file"] == ["Line 2 has 2 columns; the header has 5."]


def test_admin_reference_import_of_an_xlsx_zip_bomb_is_refused(reference_data, admin_client_mfa):
    url = "/admin/upr/issue/import/"
    choices = admin_client_mfa.get(url).context["form"].fields["format"].choices
    fmt = next(value for value, label in choices if str(label) == "xlsx")
    bomb = build_zip({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": 1 << 30})

    preview = admin_client_mfa.post(
        url, {"resource": "0", "format": fmt, "import_file": SimpleUploadedFile("b.xlsx", bomb)}
    )

    assert preview.context["form"].errors["import_file"] == [
        "The archive would expand to 1024 MB, more than the limit of 100 MB."
    ]
