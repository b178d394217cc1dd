"""The home page's section on calls for applications (registered with ``core.homepage`` in ``ready()``)."""

from dataclasses import dataclass

from django.utils import timezone

from core.homepage import HomeSection

from .selectors import open_calls, past_rounds


@dataclass
class OpenCall:
    round: object
    states: list  # States under Review with a Pre-session in this round
    extensions: list  # DeadlineExtension still running beyond the round's own deadline
    main_deadline_passed: bool  # only extensions remain open


def calls_section(request):
    """Open calls (what, for whom, until when, where to apply) and past rounds, in three queries each."""
    now = timezone.now()
    calls = []
    for round_ in open_calls(now):
        closes = round_.call_closes_at
        extensions = [
            extension
            for extension in round_.extensions.all()
            if extension.closes_at > now and (closes is None or extension.closes_at > closes)
        ]
        extensions.sort(key=lambda extension: (extension.closes_at, extension.review.state.name))
        calls.append(
            OpenCall(
                round=round_,
                states=[presession.review.state for presession in round_.presessions.all()],
                extensions=extensions,
                main_deadline_passed=closes is not None and closes <= now,
            )
        )
    return {"calls": calls, "past_rounds": past_rounds(now)}


SECTION = HomeSection(
    key="presessions.calls", template_name="presessions/_home_calls.html", context=calls_section, order=10
)
