from django.urls import path

from pilots import report, views

app_name = "pilots"

urlpatterns = [
    path("", views.pilot_list, name="list"),
    path("ny/", views.pilot_create, name="create"),
    path("export/", views.pilot_export, name="export"),
    path("rapport/", report.quarterly_report, name="report"),
    path("rapport/export/", report.quarterly_report_csv, name="report_export"),
    path("<slug:slug>/", views.pilot_detail, name="detail"),
    path("<slug:slug>/redigera/", views.pilot_edit, name="edit"),
    path("<slug:slug>/publicera/", views.pilot_publish, name="publish"),
    path("<slug:slug>/avpublicera/", views.pilot_unpublish, name="unpublish"),
    path("<slug:slug>/arkivera/", views.pilot_archive, name="archive"),
    path("<slug:slug>/aterstall/", views.pilot_restore, name="restore"),
    path("<slug:slug>/uppdatering/", views.update_create, name="update"),
    path("<slug:slug>/effekt/", views.effect_create, name="effect"),
    path("<slug:slug>/projektledare/", views.hand_over, name="hand_over"),
    path("<slug:slug>/rapportera/", views.pilot_report_error, name="report_error"),
]
