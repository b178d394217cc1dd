"""PDF briefs, info sheets and round books: content, tags, the locked fetcher, the cache, the command."""

import io

import pypdf
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from briefs.compilation import services as brief_services
from briefs.pdf import build as pdf_build
from briefs.pdf import render, services
from briefs.pdf.fetcher import StaticOnlyFetcher
from briefs.pdf.models import BriefDocument
from tests.factories.statements import approved_statement, speaker_setup

Kind = BriefDocument.Kind
PROBES = ["file:///etc/passwd", "http://169.254.169.254/latest/meta-data/"]


def pdf_of(document):
    with document.file.open("rb") as file:
        return pypdf.PdfReader(io.BytesIO(file.read()))


def text_of(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def recorded(monkeypatch):
    """Every fetcher the renderer creates, to see what it fetched and refused."""
    fetchers = []

    class Recording(StaticOnlyFetcher):
        def __init__(self):
            super().__init__()
            fetchers.append(self)

    monkeypatch.setattr(render, "StaticOnlyFetcher", Recording)
    return fetchers


def build(**kwargs):
    document = services.request_document(queue=False, **kwargs)
    return pdf_build.build_document(document.pk)


def test_fetcher_serves_only_the_project_static_files():
    fetcher = StaticOnlyFetcher()
    static = settings.SITE_URL + settings.STATIC_URL
    response = fetcher.fetch(static + "briefs/pdf.css")
    assert response.read().startswith(b"/* Print styles")
    for url in [
        *PROBES,
        "http://169.254.169.254/",
        static + "../config/settings.py",
        static + "briefs/../../manage.py",
        static + "%2e%2e/manage.py",
        "data:text/plain,secret",
        "https://example.org/static/briefs/pdf.css",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetched == [static + "briefs/pdf.css"]
    assert len(fetcher.refused) == 8


def test_render_pdf_fetches_nothing_for_raw_probes(recorded):
    html = (
        '<html lang="en"><head><title>Probe</title><link rel="attachment" href="file:///etc/passwd"></head>'
        '<body><img src="file:///etc/passwd"><img src="http://169.254.169.254/latest/meta-data/"><p>ok</p></body></html>'
    )
    reader = pypdf.PdfReader(io.BytesIO(render.render_pdf(html)))
    assert recorded[0].fetched == []
    assert sorted(recorded[0].refused) == sorted(["file:///etc/passwd", *PROBES])
    assert "root:" not in text_of(reader)
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})


@pytest.mark.django_db
def test_brief_pdf_is_tagged_titled_in_its_language_and_never_names_the_speaker_at_risk(panel, recorded):
    document, rendered = build(kind=Kind.BRIEF, language="fr", presession=panel.presession)
    reader = pdf_of(document)
    root = reader.trailer["/Root"]
    text = text_of(reader)
    assert rendered is True
    assert (root["/Lang"], "/StructTreeRoot" in root, root["/MarkInfo"]["/Marked"]) == ("fr", True, True)
    state, number = panel.presession.review.state.name_fr, panel.presession.round.number
    assert reader.metadata.title == f"Note d’information : {state} — Pre-sessions {number}"
    assert reader.outline[0].title == f"Pré-session sur {panel.presession.review.state.name_fr}"
    assert "Zoë Ñandú-Łódź" in text
    assert "Ratify the Optional Protocol by 2028." in text
    assert "Hidden Defender" not in text and "Hidden Prisoner" not in text
    assert "Anonymous Speaker" not in text and panel.anonymous.organisation.name not in text
    assert [url.rsplit("/", 2)[-2:] for url in recorded[0].fetched] == [["briefs", "pdf.css"]]


@pytest.mark.django_db
def test_statement_markup_renders_as_text_and_fetches_nothing(world, recorded):
    setup = speaker_setup(presession=world.presession, consent_publish_name=True)
    probe = (
        '<img src="file:///etc/passwd"> <link rel=attachment href=file:///etc/shadow> http://169.254.169.254/'
    )
    approved_statement(setup, world.staff, texts=[f"Ratify it by 2028. {probe}", "Adopt a law by 2027."])
    document, _rendered = build(kind=Kind.BRIEF, language="en", presession=world.presession)
    text = " ".join(text_of(pdf_of(document)).split())
    assert '<img src="file:///etc/passwd">' in text
    assert "http://169.254.169.254/" in text
    assert recorded[0].refused == []
    assert len(recorded[0].fetched) == 1


@pytest.mark.django_db
def test_rebuild_with_nothing_changed_does_no_work_and_a_change_rebuilds(
    panel, world, django_capture_on_commit_callbacks
):
    first, rendered_first = build(kind=Kind.SHEET, language="en", presession=panel.presession)
    again, rendered_again = build(kind=Kind.SHEET, language="en", presession=panel.presession)
    assert (rendered_first, rendered_again) == (True, False)
    assert (again.file.name, again.source_hash) == (first.file.name, first.source_hash)
    brief_services.update_brief(
        panel.presession, actor=world.staff, summary="New", contacts="", statement_order=[]
    )
    with django_capture_on_commit_callbacks(execute=True):
        changed, rendered = build(kind=Kind.SHEET, language="en", presession=panel.presession)
    assert rendered is True
    assert changed.source_hash != first.source_hash
    assert not changed.file.storage.exists(first.file.name)
    assert changed.file.storage.exists(changed.file.name)
    assert len(pdf_of(changed).pages) == 1


@pytest.mark.django_db
def test_round_book_has_every_panel_with_statements_a_contents_page_and_page_numbers(panel, world):
    other = speaker_setup(presession=world.other_presession, consent_publish_name=True, name="Second Speaker")
    approved_statement(other, world.staff)
    document, _rendered = build(kind=Kind.BOOK, language="en", round_=world.round)
    reader = pdf_of(document)
    text = text_of(reader)
    states = [world.presession.review.state.name_en, world.other_presession.review.state.name_en]
    assert [item.title for item in reader.outline if not isinstance(item, list)][1:] == [
        "Contents",
        *(f"Pre-session on {name}" for name in sorted(states)),
    ]
    assert "Contents" in reader.pages[1].extract_text()
    assert f"1 / {len(reader.pages)}" in reader.pages[0].extract_text() or f"/ {len(reader.pages)}" in text
    assert "Second Speaker" in text and "Zoë Ñandú-Łódź" in text and "Hidden Defender" not in text


@pytest.mark.django_db
def test_build_briefs_command_builds_through_the_task_and_prints_each_pdf(panel, world, capsys):
    call_command(
        "build_briefs", str(world.round.number), "--panel", panel.presession.token, "--language", "en"
    )
    lines = capsys.readouterr().out.strip().splitlines()
    documents = BriefDocument.objects.order_by("kind")
    assert [d.status for d in documents] == ["done", "done"]
    assert len(lines) == 2
    for line in lines:
        path, url, _label = line.split("\t")
        with open(path, "rb") as file:
            assert path.endswith(".pdf") and file.read(5) == b"%PDF-"
        assert url.startswith(settings.SITE_URL + "/staff/brief-documents/")


@pytest.mark.django_db
def test_staff_build_page_queues_and_downloads(client, panel, world, django_capture_on_commit_callbacks):
    client.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("briefs:build_panel", args=[panel.presession.token]), {"language": ["es"]})
    documents = list(BriefDocument.objects.order_by("kind"))
    assert [(d.kind, d.language, d.status) for d in documents] == [
        ("brief", "es", "done"),
        ("sheet", "es", "done"),
    ]
    response = client.get(reverse("briefs:document_download", args=[documents[0].token]))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"
    response.close()
    status = client.get(reverse("briefs:document_status", args=[documents[0].token])).content.decode()
    assert "hx-get" not in status
