from django.contrib.auth.decorators import login_required
from django.shortcuts import render


def home(request):
    """Public landing page."""
    return render(request, "core/home.html")


@login_required
def dashboard(request):
    """Each signed-in user's start page, with what their roles allow."""
    return render(request, "core/dashboard.html")
