from django.urls import path

from municipalities import views

urlpatterns = [
    path("profil/", views.profile_edit, name="profile"),
    path("profil/synlighet/", views.profile_listing, name="profile_listing"),
    path("profil/mina-uppgifter/", views.my_data, name="my_data"),
    path("profil/mina-uppgifter/export/", views.my_data_export, name="my_data_export"),
    path("profil/mina-uppgifter/radera/", views.my_data_delete, name="my_data_delete"),
    path("profil/mina-uppgifter/angra/", views.my_data_withdraw, name="my_data_withdraw"),
    path("kommuner/<slug:slug>/medlemmar/", views.members, name="municipality_members"),
    path("kommuner/<slug:slug>/medlemmar/<int:pk>/roll/", views.member_role, name="member_role"),
    path(
        "kommuner/<slug:slug>/medlemmar/<int:pk>/avaktivera/",
        views.member_deactivate,
        name="member_deactivate",
    ),
    path(
        "kommuner/<slug:slug>/medlemmar/<int:pk>/aktivera/",
        views.member_reactivate,
        name="member_reactivate",
    ),
    path(
        "kommuner/<slug:slug>/medlemmar/<int:pk>/ta-bort/",
        views.member_remove,
        name="member_remove",
    ),
]
