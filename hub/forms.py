from django.forms.renderers import TemplatesSetting


class HubFormRenderer(TemplatesSetting):
    """One form and one field template for every form in the hub, allauth's included.

    The field template writes label, hint and error with the ids Django's
    aria-describedby points at; the form template opens with an error summary that links
    to each field (the GOV.UK pattern).
    """

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"
