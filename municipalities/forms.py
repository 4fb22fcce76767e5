"""allauth's forms without placeholders: the label above the field says it once (GOV.UK)."""

import re

from allauth.account import forms as allauth_forms
from django import forms
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from municipalities.models import Area, Competence, Membership, Profile


class NoPlaceholdersMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)


class LoginForm(NoPlaceholdersMixin, allauth_forms.LoginForm):
    pass


class SignupForm(NoPlaceholdersMixin, allauth_forms.SignupForm):
    pass


class AddEmailForm(NoPlaceholdersMixin, allauth_forms.AddEmailForm):
    pass


class ChangePasswordForm(NoPlaceholdersMixin, allauth_forms.ChangePasswordForm):
    pass


class SetPasswordForm(NoPlaceholdersMixin, allauth_forms.SetPasswordForm):
    pass


class ResetPasswordForm(NoPlaceholdersMixin, allauth_forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(NoPlaceholdersMixin, allauth_forms.ResetPasswordKeyForm):
    pass


class ReauthenticateForm(NoPlaceholdersMixin, allauth_forms.ReauthenticateForm):
    pass


# --- the hub's own forms

LISTING_CHOICES = [
    (True, _("Yes, list me in the people directory")),
    (False, _("No, do not list me")),
]


def _listed(value):
    return {"True": True, "False": False}.get(value, value)


class ListingField(forms.TypedChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        super().__init__(choices=LISTING_CHOICES, coerce=_listed, empty_value=None, **kwargs)


class ListingForm(forms.ModelForm):
    """The question on first login: may colleagues find me in the people directory?"""

    listed = ListingField(
        label=_("Do you want to be listed in the people directory?"),
        help_text=_(
            "Colleagues in the eleven municipalities can then find you by name, competence, "
            "municipality and area. You can change this at any time on your profile."
        ),
    )

    class Meta:
        model = Profile
        fields = ["listed"]


class ProfileForm(forms.ModelForm):
    """A person's own profile, with competences from the shared vocabulary and their own."""

    competences = forms.ModelMultipleChoiceField(
        queryset=Competence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("AI competences"),
        help_text=_("Choose what you know about, or have worked with."),
    )
    other_competences = forms.CharField(
        required=False,
        max_length=300,
        label=_("Other AI competences"),
        help_text=_("Anything the list is missing, separated by commas."),
    )
    areas = forms.ModelMultipleChoiceField(
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Areas"),
        help_text=_("The areas (verksamhetsområden) you work in."),
    )
    listed = ListingField(label=_("Listed in the people directory"))

    class Meta:
        model = Profile
        fields = [
            "display_name", "title", "department", "phone", "bio",
            "competences", "other_competences", "areas", "listed", "contactable",
        ]  # fmt: skip
        widgets = {"bio": forms.Textarea(attrs={"rows": 4}), "phone": forms.TextInput(
            attrs={"autocomplete": "tel", "inputmode": "tel"}
        )}  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True
        self.fields["display_name"].widget.attrs["autocomplete"] = "name"
        self.fields["title"].widget.attrs["autocomplete"] = "organization-title"
        own = self.instance.competences.all() if self.instance.pk else Competence.objects.none()
        # The vocabulary, and whatever the person already chose outside it.
        self.fields["competences"].queryset = Competence.objects.filter(
            Q(curated=True) | Q(pk__in=own.values("pk"))
        ).order_by(Lower("name"))
        self.fields["areas"].queryset = Area.objects.filter(
            Q(active=True) | Q(pk__in=self.instance.areas.values("pk") if self.instance.pk else [])
        )

    def clean_other_competences(self):
        names = []
        for raw in self.cleaned_data["other_competences"].split(","):
            name = " ".join(raw.split())
            if not name:
                continue
            if len(name) > Competence._meta.get_field("name").max_length:
                raise forms.ValidationError(
                    _("“%(name)s” is too long: a competence is at most 60 characters."),
                    params={"name": name[:60] + "…"},
                    code="too_long",
                )
            names.append(name[:1].upper() + name[1:])
        return names

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not re.fullmatch(r"\+?[0-9 ()-]{5,40}", phone):
            raise forms.ValidationError(
                _("Write the phone number with digits, e.g. 042-10 50 00 or +46 42 10 50 00."),
                code="invalid",
            )
        return phone

    def save(self, commit=True):
        profile = super().save(commit=commit)
        added = []
        for name in self.cleaned_data["other_competences"]:
            # By slug too: SQLite ignores case only for ASCII letters (Ö is not ö there).
            competence = Competence.objects.filter(
                Q(slug=slugify(name)) | Q(name__iexact=name)
            ).first()
            if competence is None:
                competence = Competence.objects.create(name=name, slug=_unique_slug(name))
            added.append(competence)
        profile.competences.add(*added)
        return profile


def _unique_slug(name):
    base = slugify(name)[:70] or "kompetens"
    slug, n = base, 2
    while Competence.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class ConfirmDeletionForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and profile are deleted and cannot be restored"),
        error_messages={"required": _("Tick the box to confirm that you want to delete it.")},
    )


class RoleForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role"]
        labels = {"role": _("New role")}
        help_texts = {
            "role": _(
                "Members browse and register pilots; editors also publish the municipality's "
                "services and pilots; municipality admins also manage its members."
            )
        }


class RefuseDeletionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Sent to the person, e.g. which records rule requires the account be kept."),
    )
