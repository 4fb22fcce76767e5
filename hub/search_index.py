"""Keeps the text the search index reads current.

The index (see hub/migrations/0004_search_vectors.py) is filled by a PostgreSQL trigger
from each row's own columns. Two of those columns copy names kept elsewhere: a service's
or pilot's `tag_text` (its tag names) and a profile's `competence_text` (its competences).
The signals here refresh them whenever tags or competences are added, removed or renamed;
a bulk path that writes tag or competence links directly calls `refresh_all()`.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from taggit.models import Tag, TaggedItem

from hub import cache as derived
from municipalities.models import Competence, Profile
from pilots.models import Pilot
from services.models import AIService

TAGGED_MODELS = (AIService, Pilot)
BATCH = 1000


def refresh_tag_text(model, pks=None):
    """Copy the tag names into `tag_text` for the given rows of `model` (all when None)."""
    rows = model.objects.all() if pks is None else model.objects.filter(pk__in=list(pks))
    links = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=rows.values("pk"),
    ).order_by("tag__name")
    names = defaultdict(list)
    for object_id, name in links.values_list("object_id", "tag__name"):
        names[object_id].append(name)
    _write(model, rows, "tag_text", names)


def refresh_competence_text(pks=None):
    """Copy the competence names into `competence_text` for the given profiles."""
    rows = Profile.objects.all() if pks is None else Profile.objects.filter(pk__in=list(pks))
    through = Profile.competences.through
    names = defaultdict(list)
    for profile_id, name in (
        through.objects.filter(profile__in=rows)
        .order_by("competence__name")
        .values_list("profile_id", "competence__name")
    ):
        names[profile_id].append(name)
    _write(Profile, rows, "competence_text", names)


def _write(model, rows, field, names):
    changed = []
    for obj in rows.only("pk", field).iterator(chunk_size=BATCH):
        text = " ".join(names.get(obj.pk, []))
        if getattr(obj, field) != text:
            setattr(obj, field, text)
            changed.append(obj)
    # bulk_update is a plain UPDATE: the trigger refreshes each row's vector, and no
    # history row is written for text the hub derives itself.
    model.objects.bulk_update(changed, [field], batch_size=BATCH)
    if changed:
        derived.bump()  # bulk_update sends no signal: cached results must go


def refresh_all():
    """For bulk imports that bypass the ORM's many-to-many signals."""
    for model in TAGGED_MODELS:
        refresh_tag_text(model)
    refresh_competence_text()


def _tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, TAGGED_MODELS):
        refresh_tag_text(type(instance), [instance.pk])
    elif isinstance(instance, Tag):
        _tag_renamed(Tag, instance)


def _tag_renamed(sender, instance, **kwargs):
    for model in TAGGED_MODELS:
        tagged = TaggedItem.objects.filter(
            tag=instance, content_type=ContentType.objects.get_for_model(model)
        ).values_list("object_id", flat=True)
        refresh_tag_text(model, list(tagged))


def _competences_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:
        if action.startswith("post_"):
            refresh_competence_text([instance.pk])
        return
    # From the competence's side: competence.profiles.add(...) names the profiles in
    # pk_set; clear() does not, and after it the links are gone, so note them before.
    if action == "pre_clear":
        instance._search_profiles = list(instance.profiles.values_list("pk", flat=True))
    elif action == "post_clear":
        refresh_competence_text(getattr(instance, "_search_profiles", []))
    elif action.startswith("post_"):
        refresh_competence_text(pk_set or [])


def _competence_renamed(sender, instance, created, **kwargs):
    if not created:
        refresh_competence_text(list(instance.profiles.values_list("pk", flat=True)))


def _tag_deleting(sender, instance, **kwargs):
    """A tag deleted in admin takes its links with it: note whose text to refresh."""
    instance._search_tagged = {
        model: list(
            TaggedItem.objects.filter(
                tag=instance, content_type=ContentType.objects.get_for_model(model)
            ).values_list("object_id", flat=True)
        )
        for model in TAGGED_MODELS
    }


def _tag_deleted(sender, instance, **kwargs):
    for model, pks in getattr(instance, "_search_tagged", {}).items():
        refresh_tag_text(model, pks)


def connect():
    from hub.models import SynonymGroup
    from hub.search.engine import forget_synonyms

    post_save.connect(forget_synonyms, sender=SynonymGroup, dispatch_uid="hub.search.synonyms")
    m2m_changed.connect(_tags_changed, sender=TaggedItem, dispatch_uid="hub.search.tags")
    post_save.connect(_tag_renamed, sender=Tag, dispatch_uid="hub.search.tag_renamed")
    pre_delete.connect(_tag_deleting, sender=Tag, dispatch_uid="hub.search.tag_deleting")
    post_delete.connect(_tag_deleted, sender=Tag, dispatch_uid="hub.search.tag_deleted")
    m2m_changed.connect(
        _competences_changed,
        sender=Profile.competences.through,
        dispatch_uid="hub.search.competences",
    )
    post_save.connect(
        _competence_renamed, sender=Competence, dispatch_uid="hub.search.competence_renamed"
    )
