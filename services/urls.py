from django.urls import path

from services import views

app_name = "services"

urlpatterns = [
    path("", views.service_list, name="list"),
    path("ny/", views.service_create, name="create"),
    path("export/", views.service_export, name="export"),
    path("<slug:slug>/", views.service_detail, name="detail"),
    path("<slug:slug>/redigera/", views.service_edit, name="edit"),
    path("<slug:slug>/skicka-in/", views.service_submit, name="submit"),
    path("<slug:slug>/godkann/", views.service_publish, name="publish"),
    path("<slug:slug>/skicka-tillbaka/", views.service_send_back, name="send_back"),
    path("<slug:slug>/arkivera/", views.service_archive, name="archive"),
    path("<slug:slug>/aterstall/", views.service_restore, name="restore"),
    path("<slug:slug>/ateranvandning/", views.service_adopt, name="adopt"),
    path("<slug:slug>/rapportera/", views.service_report, name="report"),
    path("<slug:slug>/bilagor/<int:pk>/", views.attachment_download, name="attachment"),
]
