from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    name = "municipalities"
    verbose_name = _("Municipalities and people")

    def ready(self):
        from municipalities import signals  # noqa: F401 (connects the receivers)
        from municipalities.permissions import sync_moderator_permissions

        post_migrate.connect(
            sync_moderator_permissions, dispatch_uid="municipalities.sync_moderators"
        )
