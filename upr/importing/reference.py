"""Reference data the importer resolves against, loaded once per import (a handful of queries)."""

from django.utils.translation import gettext as _

from upr.models import Issue, Review, State
from upr.names import UPR_INFO_REGIONAL_GROUPS, StateNameResolver, UnknownStateName

_GROUP_LABELS = {code: label for label, code in UPR_INFO_REGIONAL_GROUPS.items()}
OBSERVER_LABEL = "Observer"


def issue_key(name):
    return " ".join(name.replace("&", " and ").casefold().split())


class ReferenceMaps:
    """States (through refdata's resolver), Reviews by (State, session), issues by name."""

    def __init__(self):
        self.states = StateNameResolver()
        self.reviews = {
            (state_id, session): review_id
            for review_id, state_id, session in Review.objects.values_list(
                "id", "state_id", "session__number"
            )
        }
        self.sessions = {session for _state, session in self.reviews}
        self.issues = {}
        for issue_id, slug, name_en in Issue.objects.values_list("id", "slug", "name_en"):
            self.issues[issue_key(name_en)] = issue_id
            self.issues.setdefault(issue_key(slug.replace("-", " ")), issue_id)

    def state(self, name):
        """The State for a name as written, or None (stray spaces are tolerated by the resolver)."""
        return self.states.get(name)

    def state_by_iso3(self, iso3):
        try:
            return self.states.by_iso3(iso3)
        except UnknownStateName:
            return None

    def review_label(self, review_id):
        """``ISO3:SESSION`` of a Review id (for the admin's import rows)."""
        if not hasattr(self, "_review_labels"):
            self._review_labels = {
                rid: f"{self.iso3(state_id)}:{session}" for (state_id, session), rid in self.reviews.items()
            }
        return self._review_labels[review_id]

    def iso3(self, state_id):
        if not hasattr(self, "_iso3"):
            self._iso3 = dict(State.objects.values_list("id", "iso3"))
        return self._iso3[state_id]

    def issue_slug(self, issue_id):
        if not hasattr(self, "_slugs"):
            self._slugs = dict(Issue.objects.values_list("id", "slug"))
        return self._slugs[issue_id]

    def review_id(self, state, session):
        return self.reviews.get((state.pk, session))

    @staticmethod
    def group_label(state):
        """The UPR Info regional-group label the reference data gives this State."""
        if state.status == state.Status.OBSERVER:
            return OBSERVER_LABEL
        if state.regional_group_id is None:
            return _("none")
        return _GROUP_LABELS.get(state.regional_group.code, state.regional_group.code)
