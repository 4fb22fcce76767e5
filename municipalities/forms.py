"""allauth's forms without placeholders: the label above the field says it once (GOV.UK)."""

from allauth.account import forms as allauth_forms


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
