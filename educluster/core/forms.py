"""Shared form widgets.

A browser's ``<input type="date">`` accepts only ``yyyy-MM-dd`` (and ``datetime-local`` only
``yyyy-MM-ddTHH:mm``). Django renders a stored date in the active language's format
(``01.09.2021`` in Uzbek and Russian), which the browser refuses: the field shows empty and
saving the form stores no date. Every date and datetime input of the project uses these
widgets so the value always travels in ISO form; the form fields accept ISO in every language
because Django appends the ISO input formats to each locale's ``*_INPUT_FORMATS``.
"""

from django import forms
from django.core.exceptions import ValidationError

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    """``<input type="date">`` with the value in ISO form, whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format or DATE_FORMAT)


class DateTimeInput(forms.DateTimeInput):
    """``<input type="datetime-local">`` with the value in ISO form (minutes)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format or DATETIME_FORMAT)


def apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ``ValidationError`` on the form it came from.

    Errors keyed by a field the form has stand under that field; the rest (other keys, or an
    error without keys) stand above the form, so the user always reads every reason.
    """
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
