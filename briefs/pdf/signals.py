"""``connect_file_cleanup()`` (called from ``BriefsConfig.ready()``): a deleted document's PDF (a cascade
from its round or Pre-session) is deleted from storage after commit
(``core.files.delete_files_of_deleted_row``). A rebuilt PDF replaces its file in ``build.py``.
"""

from django.db.models.signals import post_delete

from core.files import delete_files_of_deleted_row

from .models import BriefDocument


def connect_file_cleanup():
    post_delete.connect(
        delete_files_of_deleted_row, sender=BriefDocument, dispatch_uid="files:briefs.BriefDocument"
    )
