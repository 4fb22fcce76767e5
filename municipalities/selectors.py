"""Reads of people and municipalities that more than one page needs."""

from django.db.models import Count, Prefetch

from municipalities.models import Competence, Membership, Municipality, User


def active_memberships():
    """Memberships of municipalities still taking part, with the municipality read."""
    return Membership.objects.filter(municipality__active=True).select_related("municipality")


def people_for_cards(queryset):
    """What a person's card shows, read in a constant number of queries.

    Lists as attributes (`profile.competence_list`, `active_memberships`): a prefetch into
    a related manager builds a queryset per person to hold it.
    """
    return queryset.select_related("profile").prefetch_related(
        Prefetch(
            "profile__competences", queryset=Competence.objects.all(), to_attr="competence_list"
        ),
        Prefetch("memberships", queryset=active_memberships(), to_attr="active_memberships"),
    )


def person_for_page(queryset):
    """A person's card and the areas their page adds."""
    return people_for_cards(queryset).prefetch_related("profile__areas")


def listed_counts():
    """Listed people per municipality id."""
    return dict(
        Membership.objects.filter(user__in=User.objects.listed())
        .values_list("municipality")
        .annotate(n=Count("user", distinct=True))
    )


# Å, Ä and Ö come after Z, in that order; databases sort them by code point (Ä before Å).
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})


def swedish_sort_key(text):
    return text.lower().translate(_SWEDISH_ORDER)


def municipalities_for_cards():
    """The active municipalities in Swedish alphabetical order."""
    return sorted(Municipality.objects.active(), key=lambda m: swedish_sort_key(m.name))


def listed_members_of(municipality):
    return people_for_cards(
        User.objects.listed().filter(memberships__municipality=municipality)
    ).order_by("profile__display_name", "pk")
