"""Authentication backends that read, with the user, what every page asks of them.

Each request loads the logged-in user. Reading their profile (the header shows their
name) and whether they are a moderator in the same query saves two queries on every
page. Model permissions come only from the Moderatorer group, which opens Django admin to
staff; for everyone else the backend answers without asking the database. The `rules`
predicates decide every object.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from municipalities.models import MODERATORS_GROUP, User


def _user_with_what_pages_need(user_id):
    in_moderators = User.groups.through.objects.filter(
        user_id=OuterRef("pk"), group__name=MODERATORS_GROUP
    )
    return (
        User._default_manager.select_related("profile")
        .annotate(moderator_flag=Exists(in_moderators))
        .filter(pk=user_id)
        .first()
    )


class HubBackendMixin:
    def get_user(self, user_id):
        user = _user_with_what_pages_need(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def _get_permissions(self, user_obj, obj, from_name):
        if not user_obj.is_staff and not user_obj.is_superuser:
            return set()
        return super()._get_permissions(user_obj, obj, from_name)


class HubModelBackend(HubBackendMixin, ModelBackend):
    pass


class HubAllauthBackend(HubBackendMixin, AuthenticationBackend):
    pass
