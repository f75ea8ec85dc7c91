"""Every date and datetime input travels in ISO form, so a stored date survives an edit."""

import datetime
import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.utils import translation

import educluster
from educluster.core.forms import DateInput, DateTimeInput

LANGUAGES = ["uz", "ru", "en"]


def _project_forms():
    for info in pkgutil.walk_packages(educluster.__path__, "educluster."):
        if "forms" not in info.name or ".tests" in info.name:
            continue
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", cls


def test_it_renders_every_date_field_of_the_project_with_the_shared_widgets():
    wrong, seen = [], 0
    for name, cls in _project_forms():
        for field_name, field in cls.base_fields.items():
            if isinstance(field, forms.DateTimeField):
                expected: type = DateTimeInput
            elif isinstance(field, forms.DateField):
                expected = DateInput
            else:
                continue
            seen += 1
            if not isinstance(field.widget, expected):
                wrong.append(f"{name}.{field_name}: {type(field.widget).__name__}")
    assert seen > 20  # the walk found the apps' forms
    assert not wrong, "use educluster.core.forms widgets: " + ", ".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_writes_the_iso_value_whatever_the_language(language):
    with translation.override(language):
        date_html = DateInput().render("d", datetime.date(2021, 9, 1))
        when = datetime.datetime(2026, 3, 4, 9, 30)
        datetime_html = DateTimeInput().render("t", when)
    assert 'type="date"' in date_html and 'value="2021-09-01"' in date_html
    assert 'type="datetime-local"' in datetime_html and 'value="2026-03-04T09:30"' in datetime_html


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_reads_the_iso_value_back_in_every_language(language):
    class Form(forms.Form):
        day = forms.DateField(widget=DateInput())
        moment = forms.DateTimeField(widget=DateTimeInput())

    with translation.override(language):
        form = Form({"day": "2021-09-01", "moment": "2026-03-04T09:30"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2021, 9, 1)
    assert form.cleaned_data["moment"].replace(tzinfo=None) == datetime.datetime(2026, 3, 4, 9, 30)
