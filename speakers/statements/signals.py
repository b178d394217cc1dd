"""``connect_file_cleanup()`` (called from ``SpeakersConfig.ready()``): a deleted statement's file (the
admin, a cascade from its application) is deleted from storage after commit
(``core.files.delete_files_of_deleted_row``). A replaced or removed file is ``save_statement``'s business.
"""

from django.db.models.signals import post_delete

from core.files import delete_files_of_deleted_row

from .models import Statement


def connect_file_cleanup():
    post_delete.connect(
        delete_files_of_deleted_row, sender=Statement, dispatch_uid="files:speakers.Statement"
    )
