"""Extension points of applications, sent explicitly by the services (never ``post_save``).

``place_freed(sender=Application, application, reason)``: a selected or confirmed application was
withdrawn, inside the withdrawal's transaction. ``speakers.selection`` connects to it in
``SpeakersConfig.ready()`` to offer the place to the best reserve.

``connect_file_cleanup()`` (called from ``SpeakersConfig.ready()``): when an application or an answer
row is deleted (the admin, a cascade), its files are deleted from storage after commit
(``core.files.delete_files_of_deleted_row``). Replaced and removed files are the services' business.
"""

from django.db.models.signals import post_delete
from django.dispatch import Signal

from core.files import delete_files_of_deleted_row

from .models import Application, ApplicationAnswer

place_freed = Signal()


def connect_file_cleanup():
    for model in (Application, ApplicationAnswer):
        post_delete.connect(
            delete_files_of_deleted_row, sender=model, dispatch_uid=f"files:{model._meta.label}"
        )
