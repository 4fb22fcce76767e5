from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from municipalities.models import Area, Municipality, User
from pilots.models import Effect, Pilot, PilotUpdate
from services.models import AIService

NO_PERSONAL_DATA = _(
    "Pilots are published without review and all staff of the municipalities can read them; "
    "they may also be public records. Do not write personal data or information covered by "
    "secrecy here."
)
DATE_HINT = _("As YYYY-MM-DD, e.g. 2026-03-15.")
FREE_TEXT_FIELDS = ("problem", "previous_practice", "description", "goals", "expected_effects",
                    "results", "lessons")  # fmt: skip


def _person_label(user):
    profile = getattr(user, "profile", None)
    return (profile and profile.display_name) or user.email


def _radio_without_blank(form):
    for field in form.fields.values():
        if isinstance(field.widget, forms.RadioSelect):
            field.choices = [choice for choice in field.choices if choice[0]]


class PilotStartForm(forms.Form):
    """Step one: enough to look for similar work before the rest is filled in."""

    title = forms.CharField(label=_("title"), max_length=150)
    summary = forms.CharField(
        label=_("summary"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
        help_text=Pilot._meta.get_field("summary").help_text,
    )
    problem = forms.CharField(
        label=_("the problem it addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=NO_PERSONAL_DATA,
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("areas"),
        queryset=Area.objects.active(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.label = capfirst(field.label)


class PilotForm(forms.ModelForm):
    SECTIONS = [
        (_("About the pilot"), ["title", "summary", "problem", "previous_practice",
                                "description", "areas", "technique", "tags"]),
        (_("Time and phase"), ["phase", "planned_start", "planned_end", "actual_start",
                               "actual_end", "goals", "expected_effects"]),
        (_("Law and risk"), ["personal_data", "pub_agreement", "dpia", "risk_class"]),
        (_("Results"), ["results", "lessons", "outcome", "related_services"]),
        (_("Contact"), ["lead_municipality", "participants", "contacts"]),
    ]  # fmt: skip

    class Meta:
        model = Pilot
        fields = [
            "title", "summary", "problem", "previous_practice", "description", "areas",
            "technique", "tags", "phase", "planned_start", "planned_end", "actual_start",
            "actual_end", "goals", "expected_effects", "personal_data", "pub_agreement",
            "dpia", "risk_class", "results", "lessons", "outcome", "related_services",
            "lead_municipality", "participants", "contacts",
        ]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "areas": forms.CheckboxSelectMultiple,
            "participants": forms.CheckboxSelectMultiple,
            "contacts": forms.CheckboxSelectMultiple,
            "related_services": forms.CheckboxSelectMultiple,
            "phase": forms.RadioSelect,
            "personal_data": forms.RadioSelect,
            "pub_agreement": forms.RadioSelect,
            "dpia": forms.RadioSelect,
            "risk_class": forms.RadioSelect,
            "outcome": forms.RadioSelect,
            **{
                name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                for name in ("planned_start", "planned_end", "actual_start", "actual_end")
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _radio_without_blank(self)
        self.fields["outcome"].required = False
        self.fields["areas"].queryset = Area.objects.active()
        # The links the pilot has keep their place even if a service was since archived.
        linked = (
            self.instance.related_services.all() if self.instance.pk else AIService.objects.none()
        )
        self.fields["related_services"].queryset = (
            (AIService.objects.visible_to(user).published() | linked)
            .select_related("owner")
            .distinct()
            .order_by("title")
        )
        self.fields["related_services"].label_from_instance = lambda s: f"{s.title} ({s.owner})"
        for name in FREE_TEXT_FIELDS:
            hint = self.fields[name].help_text
            self.fields[name].help_text = f"{hint} {NO_PERSONAL_DATA}" if hint else NO_PERSONAL_DATA
        for name in ("planned_start", "planned_end", "actual_start", "actual_end"):
            self.fields[name].help_text = DATE_HINT
        if self.instance.pk:
            # The lead municipality is fixed once registered; a moderator moves it in admin.
            del self.fields["lead_municipality"]
            lead_municipality = self.instance.lead_municipality
        else:
            own = Municipality.objects.filter(pk__in=list(user.roles))
            self.fields["lead_municipality"].queryset = own
            self.fields["lead_municipality"].empty_label = None
            lead_municipality = own.first()
        self.fields["participants"].queryset = Municipality.objects.active().exclude(
            pk=getattr(lead_municipality, "pk", None)
        )
        contacts = User.objects.filter(is_active=True, memberships__municipality=lead_municipality)
        if self.instance.pk:
            contacts = contacts | User.objects.filter(pk__in=self.instance.contacts.all())
        self.fields["contacts"].queryset = (
            contacts.select_related("profile").distinct().order_by("profile__display_name")
        )
        self.fields["contacts"].label_from_instance = _person_label

    def sections(self):
        for legend, names in self.SECTIONS:
            yield legend, [self[name] for name in names if name in self.fields]

    def clean(self):
        cleaned = super().clean()
        for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
            if cleaned.get(start) and cleaned.get(end) and cleaned[end] < cleaned[start]:
                self.add_error(end, _("The end cannot be before the start."))
        ended = cleaned.get("phase") in (Pilot.Phase.COMPLETED, Pilot.Phase.STOPPED)
        if cleaned.get("outcome") and not ended:
            self.add_error(
                "outcome", _("Choose a decision only when the pilot has ended or been stopped.")
            )
        return cleaned


class PilotUpdateForm(forms.ModelForm):
    class Meta:
        model = PilotUpdate
        fields = ["date", "text", "phase"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 6}),
            "phase": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("no change")), *Pilot.Phase.choices]
        self.fields["text"].help_text = f"{self.fields['text'].help_text} {NO_PERSONAL_DATA}"
        self.fields["date"].help_text = DATE_HINT


class EffectForm(forms.ModelForm):
    class Meta:
        model = Effect
        fields = ["metric", "unit", "period", "baseline", "target", "value", "measured_on",
                  "method"]  # fmt: skip
        widgets = {
            "measured_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "method": forms.Textarea(attrs={"rows": 3}),
            "period": forms.RadioSelect,
        }
        localized_fields = ["baseline", "target", "value"]
        error_messages = {
            name: {
                "invalid": _("Write a number, e.g. 45 or 12,5."),
                "min_value": _("The value cannot be negative."),
            }
            for name in ("baseline", "target", "value")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measured_on"].help_text = DATE_HINT
        for name in ("baseline", "target", "value"):
            self.fields[name].widget.attrs["inputmode"] = "decimal"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("unit") == Effect.Unit.PERCENT:
            for name in ("baseline", "target", "value"):
                if cleaned.get(name) is not None and cleaned[name] > 100:
                    self.add_error(name, _("A share in per cent is at most 100."))
        return cleaned


class HandOverForm(forms.Form):
    new_lead = forms.ModelChoiceField(
        label=_("New project lead"),
        queryset=User.objects.none(),
        help_text=_("A member of the lead municipality. You keep your other roles."),
    )

    def __init__(self, *args, pilot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_lead"].queryset = (
            User.objects.filter(is_active=True, memberships__municipality=pilot.lead_municipality)
            .exclude(pk=pilot.lead_id)
            .select_related("profile")
            .order_by("profile__display_name")
        )
        self.fields["new_lead"].label_from_instance = _person_label


class PilotErrorReportForm(forms.Form):
    message = forms.CharField(
        label=_("What is wrong or out of date?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=2000,
        help_text=NO_PERSONAL_DATA,
    )
