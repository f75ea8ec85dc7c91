"""Workflows for people, accounts and roles. Atomic; the author goes into the history."""

from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from educluster.accounts.models import Person, Role, RoleAssignment, User
from educluster.accounts.rules import grantable_roles
from educluster.accounts.scoping import forget_scope
from educluster.registry.models import Cluster, Institution


def _save(obj: Any, actor: Any) -> None:
    obj._history_user = actor
    obj.full_clean()
    obj.save()


@transaction.atomic
def person_create(*, actor: Any, **fields: Any) -> Person:
    person = Person(**fields)
    _save(person, actor)
    return person


@transaction.atomic
def person_update(*, actor: Any, person: Person, **fields: Any) -> Person:
    for name, value in fields.items():
        setattr(person, name, value)
    _save(person, actor)
    return person


@transaction.atomic
def account_create(*, actor: Any, person: Person, username: str) -> tuple[User, str]:
    """Give a person an account with no usable password; return it and a set-password path.

    The person sets their own password through the link (sent by email when the person has
    one), so no password ever passes through the coordinator.
    """
    if person.user_id is not None:
        raise ValidationError({"username": _("This person already has an account.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is taken.")})
    first, _sep, last = person.full_name.partition(" ")
    user = User(username=username, email=person.email, first_name=first[:150], last_name=last[:150])
    user.set_unusable_password()
    _save(user, actor)
    person.user = user
    _save(person, actor)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return user, reverse("password_reset_confirm", args=[uid, token])


@transaction.atomic
def role_grant(
    *,
    actor: Any,
    person: Person,
    role: str,
    cluster: Cluster | None = None,
    institution: Institution | None = None,
) -> RoleAssignment:
    """Grant a role to the person's account, within what the actor may grant."""
    if person.user is None:
        raise ValidationError({"role": _("Create an account for this person first.")})
    if role not in grantable_roles(actor, person):
        raise PermissionDenied
    if role in (Role.MEMBER_HEAD, Role.FACULTY, Role.STUDENT, Role.MENTOR) and institution is None:
        institution = person.institution
    existing = RoleAssignment.objects.filter(
        user=person.user, role=role, cluster=cluster, institution=institution
    ).first()
    if existing is not None:
        return existing
    assignment = RoleAssignment(
        user=person.user, role=role, cluster=cluster, institution=institution, granted_by=actor
    )
    _save(assignment, actor)
    forget_scope(person.user)
    return assignment


@transaction.atomic
def role_revoke(*, actor: Any, assignment: RoleAssignment) -> None:
    if assignment.user_id == actor.pk:
        # Nobody removes their own role: a coordinator could lock the cluster out of itself.
        raise ValidationError(_("You cannot revoke your own role; ask another coordinator."))
    person = getattr(assignment.user, "person", None)
    if person is None or assignment.role not in grantable_roles(actor, person):
        raise PermissionDenied
    assignment._history_user = actor  # type: ignore[attr-defined]
    assignment.delete()
    forget_scope(assignment.user)


@transaction.atomic
def account_language_set(*, user: User, language: str) -> User:
    """Record the account's preferred language (pages, e-mails, documents)."""
    if language not in User.Language.values:
        raise ValidationError({"preferred_language": _("Choose Uzbek, Russian or English.")})
    if user.preferred_language != language:
        user.preferred_language = language
        user._history_user = user  # type: ignore[attr-defined]
        user.save(update_fields=["preferred_language"])
    return user
