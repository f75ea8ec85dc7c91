"""Shared form widgets.

A browser's ``<input type="date">`` accepts only ``yyyy-MM-dd`` (and ``datetime-local`` only
``yyyy-MM-ddTHH:mm``). Django renders a stored date in the active language's format
(``01.09.2021`` in Uzbek and Russian), which the browser refuses: the field shows empty and
saving the form stores no date. Every date and datetime input of the project uses these
widgets so the value always travels in ISO form; the form fields accept ISO in every language
because Django appends the ISO input formats to each locale's ``*_INPUT_FORMATS``.
"""

from django import forms

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
