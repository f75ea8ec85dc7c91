"""Choices of people and institutions for School-Lab forms: always within the cluster."""

from typing import cast

from django import forms
from django.db.models import QuerySet

from educluster.accounts.models import Person
from educluster.core.forms import DateInput
from educluster.registry.models import Cluster, Institution, Membership
from educluster.schoollabs.models import HOST_KINDS


def date_input() -> DateInput:
    return DateInput()


def member_ids(cluster: Cluster):
    return Membership.objects.active().filter(cluster=cluster).values("institution_id")


def cluster_people(cluster: Cluster, kind: str) -> QuerySet[Person]:
    return Person.objects.filter(kind=kind, institution_id__in=member_ids(cluster)).select_related(
        "institution"
    )


def host_schools(cluster: Cluster) -> QuerySet[Institution]:
    return Institution.objects.filter(pk__in=member_ids(cluster), kind__in=HOST_KINDS)


def set_queryset(form: forms.BaseForm, name: str, queryset: QuerySet) -> None:
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name} — {obj.institution}"


class PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name} — {obj.institution}"
