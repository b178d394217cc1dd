from types import SimpleNamespace

import pytest

from tests.factories.statements import approved_statement, speaker_setup
from tests.factories.world import _fast_passwords, login, world  # noqa: F401, F811
from upr.models import Recommendation


@pytest.fixture
def panel(world):  # noqa: F811
    """World's panel with three approved statements: consenting, anonymous, at risk."""
    public = speaker_setup(
        presession=world.presession,
        name="Zoë Ñandú-Łódź",
        consent_publish_name=True,
        consent_publish_organisation=True,
    )
    anonymous = speaker_setup(presession=world.presession, name="Anonymous Speaker")
    risky = speaker_setup(
        presession=world.presession,
        name="Hidden Defender",
        at_risk=True,
        consent_publish_name=True,
        consent_publish_organisation=True,
    )
    statements = [
        approved_statement(public, world.staff),
        approved_statement(
            anonymous, world.staff, texts=["Adopt a law on the press by 2027.", "Repeal article 9 by 2028."]
        ),
        approved_statement(
            risky, world.staff, texts=["Release Hidden Prisoner by 2027.", "Repeal article 10 by 2028."]
        ),
    ]
    noted = public.earlier
    Recommendation.objects.filter(pk=noted.pk).update(response=Recommendation.Response.NOTED)
    return SimpleNamespace(
        presession=world.presession, public=public, anonymous=anonymous, risky=risky, statements=statements
    )
