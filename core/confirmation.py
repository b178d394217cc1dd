"""A confirmation page before a destructive action, without JavaScript.

The destructive button on a page is a link (GET) to the action's URL; the view answers GET with this
page, whose form POSTs to the same URL, and only the POST changes anything. ``hidden`` fields ride
along with the POST (a list page's filters to return to, an explicit "confirm" flag).
"""

from django.shortcuts import render


def render_confirmation(request, *, title, message, confirm_label, cancel_url, danger=True, hidden=None):
    context = {
        "title": title,
        "message": message,
        "confirm_label": confirm_label,
        "cancel_url": cancel_url,
        "danger": danger,
        "hidden": sorted((hidden or {}).items()),
    }
    return render(request, "core/confirm_action.html", context)
