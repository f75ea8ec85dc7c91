from typing import Any, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from educluster.accounts.models import Person, Role, User
from educluster.registry.models import Cluster, Institution


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "full_name",
            "kind",
            "institution",
            "position",
            "email",
            "phone",
            "study_level",
            "study_year",
            "programme",
        ]

    def __init__(self, *args, institutions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if institutions is not None:
            cast(forms.ModelChoiceField, self.fields["institution"]).queryset = institutions


class AccountForm(forms.Form):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use letters, digits and @ . + - _ only.")},
    )


class RoleGrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=())
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=Cluster.objects.none(), required=False
    )
    institution = forms.ModelChoiceField(
        label=_("Institution"), queryset=Institution.objects.none(), required=False
    )

    def __init__(self, *args, roles=(), clusters=None, institutions=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = [(r, Role(r).label) for r in roles]
        if clusters is not None:
            cast(forms.ModelChoiceField, self.fields["cluster"]).queryset = clusters
        if institutions is not None:
            cast(forms.ModelChoiceField, self.fields["institution"]).queryset = institutions

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if role in (Role.COORDINATOR,) and not data.get("cluster"):
            self.add_error("cluster", _("This role needs a cluster."))
        if role == Role.ADMINISTRATOR:
            data["cluster"] = None
            data["institution"] = None
        if role in (Role.MEMBER_HEAD, Role.FACULTY, Role.STUDENT, Role.MENTOR):
            data["cluster"] = None
        if role in (Role.COORDINATOR, Role.ANALYST):
            data["institution"] = None
        return data


class PreferencesForm(forms.Form):
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=User.Language.choices,
        help_text=_("Pages after login, e-mails and downloaded documents use this language."),
    )


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6-digit code from your authenticator app, or a recovery code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "off"}
        ),
    )


class TwoFactorEnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
