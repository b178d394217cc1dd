"""A confirmation page before a destructive action, without JavaScript.

The destructive button on a page is a link (GET) to the action's URL; the view answers GET with this
page, whose form POSTs to the same URL, and only the POST changes anything.
"""

from django.shortcuts import render


def render_confirmation(request, *, title, message, confirm_label, cancel_url, danger=True):
    context = {
        "title": title,
        "message": message,
        "confirm_label": confirm_label,
        "cancel_url": cancel_url,
        "danger": danger,
    }
    return render(request, "core/confirm_action.html", context)
