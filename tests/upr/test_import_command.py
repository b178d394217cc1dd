import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.upr.import_files import row, upr_info_csv
from upr.models import Recommendation


def test_import_command_prints_encoding_and_counts(reference_data, tmp_path, capsys):
    path = tmp_path / "1-5.csv"
    path.write_bytes(upr_info_csv([row("Ratify the OP-CAT."), row("Abolish the death penalty.", action="4")]))

    call_command("import_recommendations", str(path))

    assert capsys.readouterr().out.splitlines() == [
        "1-5.csv: UPR Info CSV, encoding ASCII (UTF-8 compatible), 2 rows",
        "Recommendations: 2 created, 0 updated, 0 unchanged.",
        "By response: Supported: 2.",
        "By action category: 4: 1, 5: 1.",
    ]
    assert Recommendation.objects.count() == 2


def test_import_command_dry_run_writes_nothing(reference_data, tmp_path, capsys):
    path = tmp_path / "1-5.csv"
    path.write_bytes(upr_info_csv([row("Ratify the OP-CAT.")]))

    call_command("import_recommendations", str(path), "--dry-run", "--format", "upr-info-csv")

    assert "Dry run: nothing was written." in capsys.readouterr().out
    assert Recommendation.objects.count() == 0


def test_import_command_exit_status_on_error_and_nothing_written(reference_data, tmp_path, capsys):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(upr_info_csv([row("A.")]))
    bad.write_bytes(upr_info_csv([row("B.", "Atlantis")]))

    with pytest.raises(CommandError, match=r"^1 error\(s\): nothing was written\.$") as raised:
        call_command("import_recommendations", str(good), str(bad))

    assert raised.value.returncode == 2
    out = capsys.readouterr().out
    assert "  - bad.csv, line 2: unknown State “Atlantis”." in out
    assert "Nothing was written because of the errors above." in out
    assert Recommendation.objects.count() == 0


@pytest.mark.parametrize("value", ["SVN", "SVN:x", "SLOV:20"])
def test_import_command_rejects_malformed_review_option(reference_data, tmp_path, value):
    with pytest.raises(CommandError, match=r"^--review must look like ISO3:SESSION, for example SVN:20\.$"):
        call_command("import_recommendations", str(tmp_path / "x.docx"), "--review", value)


def test_import_command_missing_file(reference_data, tmp_path):
    with pytest.raises(CommandError, match=r"No such file or directory"):
        call_command("import_recommendations", str(tmp_path / "nope.csv"))
