from django.urls import path

from briefs import views as compilation
from briefs.distribution import views as distribution
from briefs.pdf import views as pdf
from briefs.publication import views as publication

app_name = "briefs"

urlpatterns = [
    path("staff/rounds/<int:number>/briefs/", compilation.round_briefs, name="round"),
    path("staff/rounds/<int:number>/briefs/build/", pdf.build_round, name="build_round"),
    path(
        "staff/rounds/<int:number>/briefs/book/preview/<str:language>/",
        compilation.book_preview,
        name="book_preview",
    ),
    path("staff/briefs/<str:token>/", compilation.brief_edit, name="edit"),
    path("staff/briefs/<str:token>/build/", pdf.build_panel, name="build_panel"),
    path(
        "staff/briefs/<str:token>/preview/<str:language>/<str:kind>/",
        compilation.brief_preview,
        name="preview",
    ),
    path("staff/briefs/<str:token>/publish/", publication.publish, name="publish"),
    path("staff/rounds/<int:number>/briefs/unpublish/", publication.unpublish_all, name="unpublish_round"),
    path("staff/brief-documents/<str:token>/", pdf.document_status, name="document_status"),
    path("staff/brief-documents/<str:token>/download/", pdf.document_download, name="document_download"),
    path("staff/briefs/<str:token>/recipients/", distribution.recipients, name="recipients"),
    path("staff/briefs/<str:token>/send/", distribution.distribute, name="distribute"),
    path("b/<str:token>/", distribution.brief_link, name="brief_link"),
    path("p/panels/<str:token>/", publication.panel_page, name="panel_public"),
    path("p/panels/<str:token>/brief-<str:language>.pdf", publication.panel_pdf, name="panel_public_pdf"),
    path("p/rounds/<str:token>/published.rss", publication.round_feed, name="round_feed"),
]
