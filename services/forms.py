from django import forms
from django.db.models.functions import Lower
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from municipalities.models import Area, Municipality, User
from municipalities.roles import EDITING_ROLES
from services.models import Adoption, AIService, Supplier
from services.validators import ALLOWED_EXTENSIONS, validate_attachment

PERSONAL_DATA_WARNING = _(
    "Published services can be read by all staff of the municipalities and may be public "
    "records: do not write personal data or information covered by secrecy here."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by its content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ",".join(sorted(ALLOWED_EXTENSIONS))})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = []
        for upload in files:
            upload = super().clean(upload, initial)
            upload.detected_content_type = validate_attachment(upload)
            cleaned.append(upload)
        return cleaned


class ServiceForm(forms.ModelForm):
    """The service in four sections, as the detail page shows it."""

    SECTIONS = [
        (
            _("About the service"),
            [
                "title", "summary", "description", "areas", "target_group", "lifecycle",
                "technique", "model_name", "supplier", "new_supplier_name",
                "new_supplier_organisation_number", "tags",
            ],
        ),
        (
            _("Law and risk"),
            [
                "hosting", "supplier_jurisdiction", "personal_data", "secrecy", "pub_agreement",
                "dpia", "risk_class", "fundamental_rights_assessment", "human_oversight",
            ],
        ),
        (
            _("Reuse"),
            [
                "reuse_open_source", "reuse_agreement", "reuse_instructions", "reuse_hosted",
                "reuse_notes", "website_url", "source_url", "licence", "files",
            ],
        ),
        (_("Contact"), ["owner", "department", "contacts", "functional_mailbox"]),
    ]  # fmt: skip

    new_supplier_name = forms.CharField(
        label=_("Or add a new supplier"),
        required=False,
        max_length=200,
        help_text=_("If the supplier is not in the list above."),
    )
    new_supplier_organisation_number = forms.RegexField(
        label=_("The new supplier's organisation number"),
        regex=r"^\d{6}-?\d{4}$",
        required=False,
        help_text=_("Optional, e.g. 556677-8899."),
        error_messages={"invalid": _("Write the organisation number as ten digits: 556677-8899.")},
    )
    files = MultipleFileField(
        label=_("Attach files"),
        required=False,
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument or images, at most 10 MB each. "
            "Choose the files again if you preview first."
        ),
    )

    class Meta:
        model = AIService
        fields = [
            "title", "summary", "description", "areas", "target_group", "lifecycle",
            "technique", "model_name", "supplier", "tags", "hosting", "supplier_jurisdiction",
            "personal_data", "secrecy", "pub_agreement", "dpia", "risk_class",
            "fundamental_rights_assessment", "human_oversight", "reuse_open_source",
            "reuse_agreement", "reuse_instructions", "reuse_hosted", "reuse_notes",
            "website_url", "source_url", "licence", "owner", "department", "contacts",
            "functional_mailbox",
        ]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            "description": forms.Textarea(attrs={"rows": 12}),
            "reuse_notes": forms.Textarea(attrs={"rows": 6}),
            "human_oversight": forms.Textarea(attrs={"rows": 4}),
            "areas": forms.CheckboxSelectMultiple,
            "target_group": forms.RadioSelect,
            "lifecycle": forms.RadioSelect,
            "personal_data": forms.RadioSelect,
            "pub_agreement": forms.RadioSelect,
            "dpia": forms.RadioSelect,
            "risk_class": forms.RadioSelect,
            "fundamental_rights_assessment": forms.RadioSelect,
            "hosting": forms.RadioSelect,
            "contacts": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["areas"].queryset = Area.objects.active()
        self.fields["supplier"].queryset = Supplier.objects.order_by(Lower("name"))
        self.fields["supplier"].required = False
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                # A radio group needs no "---------" choice: nothing ticked means no answer.
                field.choices = [choice for choice in field.choices if choice[0]]
        self.fields["fundamental_rights_assessment"].required = False
        self.fields[
            "description"
        ].help_text = f"{self.fields['description'].help_text} {PERSONAL_DATA_WARNING}"
        if self.instance.pk:
            # The owner is fixed once created; a moderator moves a service in admin.
            del self.fields["owner"]
            owner = self.instance.owner
        else:
            editing = [m for m, role in user.roles.items() if role in EDITING_ROLES]
            self.fields["owner"].queryset = Municipality.objects.filter(pk__in=editing)
            self.fields["owner"].empty_label = None
            owner = None
        contacts = User.objects.filter(is_active=True).select_related("profile")
        if owner is not None:
            contacts = contacts.filter(memberships__municipality=owner)
        else:
            contacts = contacts.filter(memberships__municipality__in=self.fields["owner"].queryset)
        if self.instance.pk:
            contacts = contacts | User.objects.filter(pk__in=self.instance.contacts.all())
        self.fields["contacts"].queryset = contacts.distinct().order_by("profile__display_name")
        self.fields["contacts"].label_from_instance = _contact_label

    def sections(self):
        for legend, names in self.SECTIONS:
            yield legend, [self[name] for name in names if name in self.fields]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("supplier") and cleaned.get("new_supplier_name"):
            self.add_error(
                "new_supplier_name",
                _("Choose a supplier from the list or add a new one, not both."),
            )
        risk = cleaned.get("risk_class")
        if risk == AIService.RiskClass.HIGH and not cleaned.get("fundamental_rights_assessment"):
            self.add_error(
                "fundamental_rights_assessment",
                _(
                    "A high-risk service needs an answer: was the impact on fundamental rights "
                    "assessed?"
                ),
            )
        if risk != AIService.RiskClass.HIGH:
            cleaned["fundamental_rights_assessment"] = ""
        if (
            cleaned.get("personal_data") != AIService.PersonalData.NONE
            and cleaned.get("pub_agreement") == AIService.Answer.NOT_NEEDED
            and (cleaned.get("supplier") or cleaned.get("new_supplier_name"))
        ):
            self.add_error(
                "pub_agreement",
                _(
                    "A supplier that processes personal data for the municipality needs a "
                    "PUB-avtal. Answer yes or no."
                ),
            )
        return cleaned

    def save(self, commit=True):
        name = self.cleaned_data.get("new_supplier_name", "").strip()
        if name:
            supplier = Supplier.objects.filter(name__iexact=name).first()
            if supplier is None:
                supplier = Supplier.objects.create(
                    name=name,
                    organisation_number=self.cleaned_data.get(
                        "new_supplier_organisation_number", ""
                    ),
                )
            self.instance.supplier = supplier
        return super().save(commit=commit)


def _contact_label(user):
    profile = getattr(user, "profile", None)
    return (profile and profile.display_name) or user.email


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("What needs to change?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The editors read this in the e-mail and on the service's page."),
    )


class ErrorReportForm(forms.Form):
    message = forms.CharField(
        label=_("What is wrong or out of date?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=2000,
        help_text=PERSONAL_DATA_WARNING,
    )


def acting_municipalities(user, service):
    """The municipalities a user may speak for on another municipality's service.

    {municipality id: may mark "testing" and "using"} — any role may say "interested";
    testing and using are the word of editors and admins.
    """
    return {
        muni: role in EDITING_ROLES for muni, role in user.roles.items() if muni != service.owner_id
    }


class AdoptionForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("For which municipality?"), queryset=Municipality.objects.none(), empty_label=None
    )
    status = forms.ChoiceField(
        label=_("Our municipality"), widget=forms.RadioSelect, choices=Adoption.Status.choices
    )

    def __init__(self, *args, user, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.acting = acting_municipalities(user, service)
        self.fields["municipality"].queryset = Municipality.objects.filter(pk__in=self.acting)
        if len(self.acting) == 1:
            self.fields["municipality"].widget = forms.HiddenInput()
        allowed = Adoption.Status if any(self.acting.values()) else [Adoption.Status.INTERESTED]
        self.fields["status"].choices = [(status, capfirst(status.label)) for status in allowed]

    def clean(self):
        cleaned = super().clean()
        municipality, status = cleaned.get("municipality"), cleaned.get("status")
        if (
            municipality
            and status
            and status != Adoption.Status.INTERESTED
            and not self.acting.get(municipality.pk)
        ):
            self.add_error(
                "status",
                _("Only editors of %(municipality)s can mark it as testing or using.")
                % {"municipality": municipality},
            )
        return cleaned
