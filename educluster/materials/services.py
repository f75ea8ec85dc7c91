"""Materials workflows: write, publish, attach files, record adoptions. Atomic; the author of
each change goes into the history; the search columns are refreshed here."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from educluster.accounts.models import Person
from educluster.core.files import DOCUMENT_KINDS, validate_upload
from educluster.materials.models import Adoption, Material, MaterialFile
from educluster.materials.search import SEARCH_FIELDS, reindex
from educluster.registry.models import Cluster, Goal, Institution, Membership


def _save(obj: Any, actor: Any) -> None:
    obj._history_user = actor
    obj.full_clean()
    if isinstance(obj, Material) and obj.pk is not None:
        # The search columns are written by ``reindex`` alone: a save of a material loaded
        # before its last reindex must not put stale (or empty) search text back.
        obj.save(update_fields=EDITABLE_MATERIAL_FIELDS)
    else:
        obj.save()


EDITABLE_MATERIAL_FIELDS = [
    f.name
    for f in Material._meta.concrete_fields
    if not f.primary_key and f.name not in SEARCH_FIELDS
]


def _delete(obj: Any, actor: Any) -> None:
    obj._history_user = actor
    obj.delete()


def _check_links(cluster: Cluster, authors: list[Person] | None, goals: list[Goal] | None) -> None:
    errors: dict[str, str] = {}
    if authors:
        members = set(
            Membership.objects.active()
            .filter(cluster=cluster, institution_id__in={p.institution_id for p in authors})
            .values_list("institution_id", flat=True)
        )
        outside = [p for p in authors if p.institution_id not in members]
        if outside:
            errors["authors"] = _("%(name)s is not at a member institution of this cluster.") % {
                "name": outside[0].full_name
            }
    if goals:
        foreign = [g for g in goals if g.cluster_id != cluster.pk]
        if foreign:
            errors["goals"] = _("“%(goal)s” is a goal of another cluster.") % {"goal": foreign[0]}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def material_create(
    *,
    actor: Any,
    cluster: Cluster,
    authors: Iterable[Person] = (),
    goals: Iterable[Goal] = (),
    **fields: Any,
) -> Material:
    """Write a draft. Without authors given, the writer's own person record is the author."""
    author_list, goal_list = list(authors), list(goals)
    if not author_list and getattr(actor, "person", None) is not None:
        author_list = [actor.person]
    _check_links(cluster, author_list, goal_list)
    material = Material(cluster=cluster, created_by=actor, status=Material.Status.DRAFT, **fields)
    _save(material, actor)
    material.authors.set(author_list)
    material.goals.set(goal_list)
    reindex(material)
    return material


@transaction.atomic
def material_update(
    *,
    actor: Any,
    material: Material,
    authors: Iterable[Person] | None = None,
    goals: Iterable[Goal] | None = None,
    **fields: Any,
) -> Material:
    author_list = list(authors) if authors is not None else None
    goal_list = list(goals) if goals is not None else None
    _check_links(material.cluster, author_list, goal_list)
    if author_list is not None and not author_list and material.is_published:
        raise ValidationError({"authors": _("A published material needs at least one author.")})
    for name, value in fields.items():
        setattr(material, name, value)
    _save(material, actor)
    if author_list is not None:
        material.authors.set(author_list)
    if goal_list is not None:
        material.goals.set(goal_list)
    reindex(material)
    return material


@transaction.atomic
def material_publish(*, actor: Any, material: Material, on: date | None = None) -> Material:
    """Make the material readable by every member of the cluster, from ``on`` (today)."""
    if material.is_published:
        raise ValidationError(_("The material is already published."))
    if not material.authors.exists():
        raise ValidationError({"authors": _("Name at least one author before publishing.")})
    material.status = Material.Status.PUBLISHED
    material.published_on = on or timezone.localdate()
    _save(material, actor)
    return material


@transaction.atomic
def material_unpublish(*, actor: Any, material: Material) -> Material:
    """Back to draft — only while nobody has adopted it, so no member loses what it uses."""
    if material.adoptions.exists():
        raise ValidationError(
            _("Member institutions already use this material: it stays published.")
        )
    material.status = Material.Status.DRAFT
    material.published_on = None
    _save(material, actor)
    return material


@transaction.atomic
def material_file_add(*, actor: Any, material: Material, upload: UploadedFile) -> MaterialFile:
    """Attach a file, checked by its content and size."""
    try:
        validate_upload(upload, kinds=DOCUMENT_KINDS)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    attached = MaterialFile(
        material=material,
        file=upload,
        name=(upload.name or "file")[:255],
        size=upload.size or 0,
        uploaded_by=actor,
    )
    _save(attached, actor)
    return attached


@transaction.atomic
def material_file_delete(*, actor: Any, attached: MaterialFile) -> None:
    storage, stored = attached.file.storage, attached.file.name or ""
    _delete(attached, actor)
    if stored:
        # Remove the file only once the row is really gone.
        transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def adoption_record(
    *, actor: Any, material: Material, institution: Institution, **fields: Any
) -> Adoption:
    """Record that a member institution put a published material to use."""
    is_member = (
        Membership.objects.active()
        .filter(cluster_id=material.cluster_id, institution=institution)
        .exists()
    )
    if not is_member:
        raise ValidationError(
            {"institution": _("%(name)s is not a member of this cluster.") % {"name": institution}}
        )
    adoption = Adoption(material=material, institution=institution, recorded_by=actor, **fields)
    if Adoption.objects.filter(
        material=material, institution=institution, adopted_on=adoption.adopted_on
    ).exists():
        raise ValidationError({"adopted_on": _("This adoption is already recorded for that date.")})
    _save(adoption, actor)
    return adoption


@transaction.atomic
def adoption_delete(*, actor: Any, adoption: Adoption) -> None:
    _delete(adoption, actor)
