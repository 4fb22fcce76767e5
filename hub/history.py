"""Who changed what and when, from django-simple-history, for a record's detail page."""

from django.utils.translation import gettext_lazy as _

HISTORY_LENGTH = 20

# The reasons the workflows record (obj._change_reason) and what the page says for them.
CHANGE_REASONS = {
    "submitted for review": _("Submitted for review"),
    "published": _("Published"),
    "sent back": _("Sent back to draft"),
    "archived": _("Archived"),
    "restored": _("Restored"),
    "unpublished": _("Unpublished"),
    "phase changed by an update": _("Phase changed by a progress update"),
    "lead handed over": _("Project lead handed over"),
}


def change_log(obj, *, m2m=(), length=HISTORY_LENGTH):
    """The newest `length` changes: [{"when", "who", "former", "what": [names or step]}].

    `who` is None for a change the system made, and for one by a person who has since
    deleted their account: then `former` is true.

    `m2m` names the many-to-many fields whose history is kept; they are compared from two
    queries in all, not by diff_against, which would query per record.
    """
    model = obj.__class__
    records = list(
        obj.history.select_related("history_user__profile").order_by("-history_date")[: length + 1]
    )
    snapshots = _m2m_snapshots(model, records, m2m)
    entries = []
    for newer, older in zip(records[:length], [*records[1:], None], strict=False):
        if older is None:
            what = [str(_("Created"))]
        elif newer.history_change_reason in CHANGE_REASONS:
            what = [str(CHANGE_REASONS[newer.history_change_reason])]
        else:
            delta = newer.diff_against(older, excluded_fields=["updated_at", *m2m])
            fields = {change.field for change in delta.changes}
            fields |= {
                name
                for name in m2m
                if snapshots.get((newer.history_id, name))
                != snapshots.get((older.history_id, name))
            }
            what = sorted(str(model._meta.get_field(f).verbose_name) for f in fields)
        if what:
            entries.append(
                {
                    "when": newer.history_date,
                    "who": newer.history_user,
                    "former": newer.history_user_deleted,
                    "what": what,
                }
            )
    return entries


def _m2m_snapshots(model, records, m2m):
    history_model = model.history.model
    ids = [record.history_id for record in records]
    found = {}
    for name in m2m:
        rows = history_model._meta.get_field(f"historical{model._meta.model_name}_{name}")
        through = rows.related_model
        target = model._meta.get_field(name).related_model._meta.model_name
        for history_id, value in through.objects.filter(history_id__in=ids).values_list(
            "history_id", f"{target}_id"
        ):
            found.setdefault((history_id, name), set()).add(value)
    return found
