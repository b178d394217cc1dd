"""Staff pages of the background import: upload, then a status page that refreshes itself."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from core.access import guard
from upr.models import ImportJob

from .forms import ImportUploadForm
from .jobs import create_import_job

RECENT = 10


IMPORT = "upr.import_recommendations"


@guard(IMPORT)
def import_upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = create_import_job(
                user=request.user,
                uploaded_file=form.cleaned_data["file"],
                format=form.cleaned_data["format"],
                review_option=form.cleaned_data["review"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return redirect("upr:import_job", token=job.token)
    jobs = ImportJob.objects.select_related("created_by").order_by("-created")[:RECENT]
    return render(request, "upr/importjob_form.html", {"form": form, "jobs": jobs})


@guard(IMPORT)
def import_job(request, token):
    job = get_object_or_404(ImportJob.objects.select_related("created_by"), token=token)
    if request.htmx:
        return render(request, "upr/_importjob_progress.html", {"job": job})
    return render(request, "upr/importjob_detail.html", {"job": job})
