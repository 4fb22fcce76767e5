from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from hub import views

# Admin logs in through allauth, so two-factor login and the rate limits apply there too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = admin.site.site_title = "AI-hubben"

urlpatterns = [
    path("", views.home, name="home"),
    path("tjanster/", include("services.urls")),
    path("piloter/", include("pilots.urls")),
    path("sok/", views.search_page, name="search"),
    path("personer/", views.people_list, name="people"),
    path("personer/<int:pk>/", views.person_detail, name="person"),
    path("kommuner/", views.municipality_list, name="municipalities"),
    path("kommuner/<slug:slug>/", views.municipality_detail, name="municipality_detail"),
    path("", include("municipalities.urls")),
    path("moderering/", views.moderation, name="moderation"),
    path(
        "moderering/radering/<int:pk>/godkann/",
        views.deletion_approve,
        name="moderation_deletion_approve",
    ),
    path(
        "moderering/radering/<int:pk>/avsla/",
        views.deletion_refuse,
        name="moderation_deletion_refuse",
    ),
    path(
        "moderering/rapporter/<int:pk>/hanterad/",
        views.report_handled,
        name="moderation_report_handled",
    ),
    path(
        "moderering/pilotrapporter/<int:pk>/hanterad/",
        views.pilot_report_handled,
        name="moderation_pilot_report_handled",
    ),
    path("halsa/", views.health, name="health"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("integritet/", views.privacy, name="privacy"),
    path("sprak/", login_not_required(set_language), name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "hub.views.permission_denied"
handler404 = "hub.views.page_not_found"
handler500 = "hub.views.server_error"
