"""Staff pages of the core app: the mail outbox (with resend) and the audit trail."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import audit, outbox
from core.access import guard
from core.filters import AuditFilterForm, OutboundMailFilter
from core.models import OutboundMail, OutboundMailAttachment

PAGE_SIZE = 50


def _page(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


@guard("core.view_outbox")
def outbox_list(request):
    mails = OutboundMail.objects.defer("text_body", "html_body").order_by("-created_at", "-id")
    filterset = OutboundMailFilter(request.GET or None, queryset=mails)
    page = _page(request, filterset.qs)
    return render(
        request,
        "core/outboundmail_list.html",
        {"filter": filterset, "page": page, "mails": page.object_list},
    )


@guard("core.view_outbox")
def outbox_detail(request, pk):
    attachments = OutboundMailAttachment.objects.defer("content")
    mail = get_object_or_404(
        OutboundMail.objects.prefetch_related(Prefetch("attachments", queryset=attachments)), pk=pk
    )
    history = mail.history.select_related("history_user").order_by("-history_date")[:20]
    return render(
        request,
        "core/outboundmail_detail.html",
        {"mail": mail, "history": history, "can_resend": outbox.can_resend(mail)},
    )


@guard("core.resend_mail")
@require_POST
def outbox_resend(request, pk):
    mail = get_object_or_404(OutboundMail, pk=pk)
    if outbox.resend_mail(mail, by=request.user):
        messages.success(request, _("The mail is queued to be sent again."))
    else:
        messages.warning(request, _("Only a failed mail can be sent again."))
    return redirect("core:outbox_detail", pk=mail.pk)


@guard("core.view_audit")
def audit_list(request):
    form = AuditFilterForm(request.GET or None)
    page = _page(request, audit.change_rows(**form.filters()))
    return render(
        request,
        "core/audit_list.html",
        {
            "form": form,
            "page": page,
            "changes": audit.describe_changes(page.object_list, user=request.user),
        },
    )
