import gzip
import lzma

import pytest
from django.core.management import call_command

from tests.upr.import_files import row, upr_info_csv
from upr.importing import bundled
from upr.importing.loader import read_sources
from upr.importing.sources import SourceError, read_bytes
from upr.models import Recommendation

# Rows (bare CR line ends, no header line end at the end of file) of each shipped file, as published.
HEADER = b"To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\r"
SHIPPED_ROWS = {
    "1-5.csv.xz": 6094,
    "6-9.csv.xz": 8343,
    "10-13.csv.xz": 9047,
    "14-17.csv.xz": 9598,
    "17-20.csv.xz": 7984,
}


def test_bundled_files_are_the_five_upr_info_exports():
    assert [path.name for path in bundled.bundled_paths()] == list(SHIPPED_ROWS)
    for path in bundled.bundled_paths():
        with lzma.open(path) as handle:
            data = handle.read()
        assert data.startswith(HEADER)
        assert data.count(b"\r") == SHIPPED_ROWS[path.name]
    assert (bundled.DIRECTORY / "README.md").exists()


def test_bundled_files_stay_small():
    assert sum(path.stat().st_size for path in bundled.bundled_paths()) < 1_500_000


def test_read_bytes_decompresses_xz_and_gz_under_the_plain_name(tmp_path):
    content = upr_info_csv([row("Ratify the OP-CAT.")])
    (tmp_path / "a.csv.xz").write_bytes(lzma.compress(content))
    (tmp_path / "b.csv.gz").write_bytes(gzip.compress(content))

    sources = read_sources([tmp_path / "a.csv.xz", tmp_path / "b.csv.gz"])

    assert sources == [("a.csv", content), ("b.csv", content)]


def test_read_bytes_caps_the_decompressed_size(tmp_path, settings):
    settings.RECOMMENDATION_IMPORT_MAX_BYTES = 1000
    path = tmp_path / "big.csv.xz"
    path.write_bytes(lzma.compress(b"x" * 5000))

    with pytest.raises(SourceError, match=r"^big\.csv: the file is 0\.0 MB, more than the limit"):
        read_bytes(path)


def test_read_bytes_reports_a_corrupt_archive(tmp_path):
    path = tmp_path / "broken.csv.xz"
    path.write_bytes(b"not xz at all")

    with pytest.raises(SourceError, match=r"^broken\.csv\.xz: the compressed file cannot be read"):
        read_bytes(path)


@pytest.fixture
def small_bundle(tmp_path, monkeypatch):
    """Two recommendations of session 5 standing in for the shipped files."""
    rows = [row("Ratify the OP-CAT."), row("Abolish the death penalty.", action="4")]
    (tmp_path / "1-5.csv.xz").write_bytes(lzma.compress(upr_info_csv(rows)))
    monkeypatch.setattr(bundled, "DIRECTORY", tmp_path)
    monkeypatch.setattr(bundled, "FILES", ("1-5.csv.xz",))
    monkeypatch.setattr(bundled, "RECOMMENDATIONS", 2)


def test_load_recommendations_imports_once_then_skips(reference_data, small_bundle, capsys):
    call_command("load_recommendations")
    first = capsys.readouterr().out.splitlines()

    call_command("load_recommendations")
    second = capsys.readouterr().out.splitlines()

    assert first[0] == "Loading 2 UPR Info recommendations (sessions 1–20), once…"
    assert first[1].startswith("UPR Info recommendations: 2 created, 0 updated in ")
    assert second == ["UPR Info recommendations already loaded (2): skipped."]
    assert Recommendation.objects.count() == 2


def test_load_recommendations_completes_a_partial_load(reference_data, small_bundle, capsys):
    call_command("load_recommendations")
    Recommendation.objects.filter(text="Ratify the OP-CAT.").delete()

    call_command("load_recommendations")

    last_line = capsys.readouterr().out.splitlines()[-1]
    assert last_line.startswith("UPR Info recommendations: 1 created, 0 updated")
    assert Recommendation.objects.count() == 2


def test_bundled_data_loaded_is_one_query(reference_data, small_bundle, django_assert_num_queries):
    call_command("load_recommendations")

    with django_assert_num_queries(1):
        assert bundled.bundled_data_loaded() is True
