"""The market's forms: a service, a request, confirming with a rating, and the catalogue filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from educluster.core.forms import DateInput
from educluster.market.models import Service, ServiceRequest


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = [
            "provider",
            "kind",
            "title",
            "description",
            "audience",
            "format",
            "price",
            "capacity",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, providers=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["provider"]
        else:
            provider = self.fields["provider"]
            assert isinstance(provider, forms.ModelChoiceField)
            provider.queryset = providers
            if providers is not None and len(providers) == 1:
                self.fields["provider"].initial = providers[0].pk


class RequestForm(forms.ModelForm):
    class Meta:
        model = ServiceRequest
        fields = ["requester", "message", "wanted_date"]
        widgets = {"wanted_date": DateInput(), "message": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, requesters=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        requester = self.fields["requester"]
        assert isinstance(requester, forms.ModelChoiceField)
        requester.queryset = requesters
        requester.empty_label = None


class ConfirmForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[(i, str(i)) for i in range(5, 0, -1)],
        coerce=int,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CatalogueFilter(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("any")), *Service.Kind.choices]
    )
    audience = forms.ChoiceField(
        label=_("Audience"), required=False, choices=[("", _("any")), *Service.Audience.choices]
    )
    provider = forms.TypedChoiceField(label=_("Provider"), required=False, coerce=int)
    free = forms.BooleanField(label=_("Free only"), required=False)

    def __init__(self, *args, providers=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["provider"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("any"))] + [(p.pk, p.short_name or p.name) for p in providers]
