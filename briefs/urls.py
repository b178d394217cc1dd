from django.urls import path

from briefs.compilation import views as compilation
from briefs.pdf import views as pdf

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
    path("staff/brief-documents/<str:token>/", pdf.document_status, name="document_status"),
    path("staff/brief-documents/<str:token>/download/", pdf.document_download, name="document_download"),
]
