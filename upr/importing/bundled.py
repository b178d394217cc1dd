"""The UPR Info database (sessions 1–20) shipped with the project, loaded once by ``load_recommendations``.

The five CSV exports live xz-compressed in ``upr/reference/upr-info/`` (origin and terms in the README
there) and go through the same ``import_recommendations`` service as any other file. They are loaded
when the database holds fewer coded recommendations of sessions 1–20 than the files give: an import is
all or nothing, so a smaller count means "never loaded" (or rows deleted since), and the importer
writes only what differs. A complete load is detected with one COUNT query, so later runs skip it.
"""

from pathlib import Path

from upr.models import Recommendation

DIRECTORY = Path(__file__).resolve().parent.parent / "reference" / "upr-info"
FILES = ("1-5.csv.xz", "6-9.csv.xz", "10-13.csv.xz", "14-17.csv.xz", "17-20.csv.xz")
# What importing the five files gives (rows of one Review with the same text merge into one).
RECOMMENDATIONS = 39877
LAST_SESSION = 20


def bundled_paths():
    return [DIRECTORY / name for name in FILES]


def loaded_count():
    """Coded recommendations of the sessions the bundled data covers."""
    return Recommendation.objects.filter(
        review__session__number__lte=LAST_SESSION, action_category__isnull=False
    ).count()


def bundled_data_loaded():
    return loaded_count() >= RECOMMENDATIONS
