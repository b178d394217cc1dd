"""Missing ../shared/data is a failure in CI, a skip elsewhere (issue 12, item 20)."""

import pytest

from tests.conftest import locate_shared_data


def test_missing_shared_data_fails_when_ci_is_set(monkeypatch, tmp_path):
    monkeypatch.setenv("UPR_SHARED_DATA_DIR", str(tmp_path / "absent"))
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception) as failure:
        locate_shared_data()

    assert "CI must run the tests on the real shared data" in str(failure.value)


def test_missing_shared_data_skips_outside_ci(monkeypatch, tmp_path):
    monkeypatch.setenv("UPR_SHARED_DATA_DIR", str(tmp_path / "absent"))
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception):
        locate_shared_data()


def test_present_shared_data_is_returned(monkeypatch, tmp_path):
    monkeypatch.setenv("UPR_SHARED_DATA_DIR", str(tmp_path))

    assert locate_shared_data() == tmp_path
