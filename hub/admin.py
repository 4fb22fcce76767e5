from django.contrib import admin

from hub.models import SynonymGroup
from municipalities.admin import HubModelAdmin


@admin.register(SynonymGroup)
class SynonymGroupAdmin(HubModelAdmin):
    """Moderators keep the search's synonym groups; a group is retired, never deleted."""

    list_display = ["terms", "active", "updated_at"]
    list_filter = ["active"]
    search_fields = ["terms"]
