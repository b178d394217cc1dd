"""The check-in board of a panel: its invited Missions (and walk-ins) with who is in, in two queries."""

from dataclasses import dataclass, field

from embassies.invitations.models import Invitation
from embassies.missions.models import PermanentMission

from .models import CheckIn


@dataclass
class BoardRow:
    mission: PermanentMission
    invitation: Invitation | None
    checkins: list = field(default_factory=list)

    @property
    def expected_names(self):
        """Names the Mission announced that are not checked in yet."""
        if self.invitation is None or self.invitation.response == Invitation.Response.NO:
            return []
        present = {c.name.casefold() for c in self.checkins}
        names = [line.strip() for line in self.invitation.delegate_names.splitlines() if line.strip()]
        return [name for name in names if name.casefold() not in present]

    def matches(self, query):
        query = query.casefold()
        state = self.mission.state
        haystack = [state.name_en, state.name_fr, state.name_es, state.iso3, *self.expected_names]
        haystack += [c.name for c in self.checkins]
        return any(query in text.casefold() for text in haystack)


def checkin_board(presession, *, query=""):
    """Rows for every Mission invited (sent) to the panel or checked in, by State name."""
    invitations = Invitation.objects.filter(
        presession=presession, kind=Invitation.Kind.GUEST, status=Invitation.Status.SENT
    ).select_related("mission__state")
    rows = {i.mission_id: BoardRow(i.mission, i) for i in invitations}
    for checkin in (
        CheckIn.objects.filter(presession=presession).select_related("mission__state").order_by("pk")
    ):
        rows.setdefault(checkin.mission_id, BoardRow(checkin.mission, None)).checkins.append(checkin)
    board = sorted(rows.values(), key=lambda row: row.mission.state.name)
    query = query.strip()
    return [row for row in board if row.matches(query)] if query else board


def board_row(presession, mission):
    invitation = (
        Invitation.objects.filter(presession=presession, mission=mission, status=Invitation.Status.SENT)
        .select_related("mission__state")
        .first()
    )
    row = BoardRow(mission, invitation)
    row.checkins = list(CheckIn.objects.filter(presession=presession, mission=mission).order_by("pk"))
    return row
