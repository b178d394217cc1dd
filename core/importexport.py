"""What every django-import-export admin of the project shares.

``ModelPermissionsMixin`` (put it before import-export's admin mixins): importing needs the add and the
change permission on the model (an import creates and updates rows), exporting needs the view
permission (the admin's own meaning: view or change). Without them the import/export pages answer 403
and their buttons are hidden. The ``IMPORT_EXPORT_*_PERMISSION_CODE`` settings give the same floor to any
admin that forgets the mixin.
"""


class ModelPermissionsMixin:
    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)
