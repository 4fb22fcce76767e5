from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = _("AI-hubben")

    def ready(self):
        from hub import cache, search_index

        search_index.connect()
        cache.connect()
