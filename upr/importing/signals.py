"""``connect_file_cleanup()`` (called from ``UprConfig.ready()``): a deleted import job's uploaded file (the
admin) is deleted from storage after commit (``core.files.delete_files_of_deleted_row``).
"""

from django.db.models.signals import post_delete

from core.files import delete_files_of_deleted_row
from upr.models import ImportJob


def connect_file_cleanup():
    post_delete.connect(delete_files_of_deleted_row, sender=ImportJob, dispatch_uid="files:upr.ImportJob")
