"""Import workflow: upload → check every row (no writes) → preview → confirm → write all."""

import time
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from educluster.imports.handlers import Importer, RowOutcome, importer_class
from educluster.imports.models import ImportJob
from educluster.imports.reader import FileRejected, read_table
from educluster.registry.models import Cluster

PREVIEW_LIMIT = 500
ERROR_LIMIT = 1000
PROGRESS_EVERY = 100


def import_create(*, actor: Any, cluster: Any, kind: str, upload: Any, language: str) -> ImportJob:
    """Store the upload under a generated name and queue its check."""
    importer = importer_class(kind)
    if not actor.has_perm(importer.permission, cluster):
        raise PermissionDenied
    job = ImportJob(
        kind=kind,
        cluster=cluster,
        created_by=actor,
        language=language,
        original_name=(upload.name or "upload")[:255],
    )
    job.file.save(f"{job.pk}.bin", upload, save=False)
    job.save()
    from educluster.imports.tasks import validate_import

    validate_import.enqueue(str(job.pk))
    return job


def _importer(job: ImportJob) -> Importer:
    return importer_class(job.kind)(cluster=job.cluster, actor=job.created_by)


def _progress_key(job: ImportJob) -> str:
    return f"import-progress:{job.pk}"


def _beat_key(job: ImportJob) -> str:
    return f"import-beat:{job.pk}"


def stale_minutes() -> int:
    return int(getattr(settings, "IMPORT_STALE_MINUTES", 15))


def _last_sign_of_life(job: ImportJob) -> datetime | None:
    """The newest of the committed heartbeat and the one the writing worker keeps in the
    cache (its rows and its progress are invisible to others until it commits)."""
    seen = [job.heartbeat_at] if job.heartbeat_at else []
    beat = cache.get(_beat_key(job))
    if beat is not None:
        seen.append(datetime.fromtimestamp(float(beat), tz=timezone.get_current_timezone()))
    return max(seen, default=None)


def import_is_stale(job: ImportJob) -> bool:
    """A job shown as running whose worker gave no sign of life for ``stale_minutes()``: it was
    killed (or the queue has no worker). Nothing of it was written; it can be run again."""
    if not job.is_running:
        return False
    last = _last_sign_of_life(job) or job.created_at
    return timezone.now() - last >= timedelta(minutes=stale_minutes())


def job_progress(job: ImportJob) -> int:
    """Rows processed. While writing, the count lives in the cache: the rows themselves are
    in an open transaction that other connections cannot see yet."""
    if job.status == ImportJob.Status.APPLYING:
        return int(cache.get(_progress_key(job), job.processed_rows))
    return job.processed_rows


def _check_all(
    job: ImportJob, importer: Importer, *, report_progress: bool
) -> tuple[list[RowOutcome], list[str]]:
    with job.file.open("rb") as handle:
        data = handle.read()
    table = read_table(job.original_name, data)
    index, problems = importer.map_headers(table.headers)
    if problems:
        return [], problems
    if report_progress:
        ImportJob.objects.filter(pk=job.pk).update(total_rows=len(table.rows), processed_rows=0)
    importer.prepare()
    outcomes: list[RowOutcome] = []
    for position, (number, cells) in enumerate(table.rows, start=1):
        values = {key: (cells[i] if i < len(cells) else "") for key, i in index.items()}
        outcomes.append(importer.check_row(number, values))
        if report_progress and position % PROGRESS_EVERY == 0:
            ImportJob.objects.filter(pk=job.pk).update(
                processed_rows=position, heartbeat_at=timezone.now()
            )
    return outcomes, []


def import_validate(*, job_id: str) -> ImportJob:
    """Check every row of the file and store the preview; writes nothing to the registry."""
    job = ImportJob.objects.select_related("cluster", "created_by").get(pk=job_id)
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.VALIDATING, heartbeat_at=timezone.now()
    )
    if not claimed:  # another worker has it, or it ran already: tasks must be idempotent
        return job
    importer = _importer(job)
    with override(job.language):
        try:
            outcomes, problems = _check_all(job, importer, report_progress=True)
        except FileRejected as rejected:
            job.status = ImportJob.Status.REJECTED
            job.message = str(rejected)
            job.finished_at = timezone.now()
            job.save(update_fields=["status", "message", "finished_at"])
            return job
        job.refresh_from_db(fields=["total_rows"])
        if problems:
            job.status = ImportJob.Status.REJECTED
            job.message = "\n".join(problems)
        elif not outcomes:
            job.status = ImportJob.Status.REJECTED
            job.message = _("The file has a header row but no data rows.")
        else:
            _store_outcomes(job, outcomes)
        job.processed_rows = job.total_rows
        job.finished_at = timezone.now()
        job.save()
    return job


def _store_outcomes(job: ImportJob, outcomes: list[RowOutcome]) -> None:
    errors = [
        {"row": o.number, "column": column, "reason": reason}
        for o in outcomes
        for column, reason in o.errors
    ]
    counts = {"create": 0, "update": 0, "unchanged": 0}
    for o in outcomes:
        if not o.errors:
            counts[o.action] = counts.get(o.action, 0) + 1
    job.summary = {
        **counts,
        "rows": len(outcomes),
        "error_rows": sum(1 for o in outcomes if o.errors),
        "errors": len(errors),
    }
    job.errors = errors[:ERROR_LIMIT]
    job.preview = [
        {
            "row": o.number,
            "action": o.action,
            "label": o.label,
            "changes": [list(c) for c in o.changes],
        }
        for o in outcomes
        if not o.errors and o.action != "unchanged"
    ][:PREVIEW_LIMIT]
    job.status = ImportJob.Status.INVALID if errors else ImportJob.Status.VALID


def import_confirm(*, actor: Any, job: ImportJob) -> ImportJob:
    """Queue the write of a fully valid, previewed file. Confirming twice writes once."""
    if job.created_by_id != actor.pk:
        raise PermissionDenied
    if not actor.has_perm(importer_class(job.kind).permission, job.cluster):
        raise PermissionDenied
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.VALID).update(
        status=ImportJob.Status.APPLYING, processed_rows=0, heartbeat_at=timezone.now()
    )
    if not claimed:
        raise ValidationError(_("This import is not ready to be confirmed."))
    from educluster.imports.tasks import apply_import

    apply_import.enqueue(str(job.pk))
    job.refresh_from_db()
    return job


def _lock_cluster(job: ImportJob) -> bool:
    """Inside the write's transaction: wait for any other import into the cluster to finish,
    then tell whether this job is still to be applied (a second run of the task finds it
    done). PostgreSQL: the cluster's row is locked ``FOR NO KEY UPDATE``, which queues the
    imports of one cluster but not the other writes that refer to the cluster. SQLite: the
    IMMEDIATE transaction already holds the database's write lock."""
    Cluster.objects.select_for_update(no_key=True).filter(pk=job.cluster_id).first()
    return (
        ImportJob.objects.select_for_update()
        .filter(pk=job.pk, status=ImportJob.Status.APPLYING)
        .exists()
    )


def import_apply(*, job_id: str) -> ImportJob:
    """Check the file again (the registry may have changed since the preview) and write every
    row in one transaction; on any error nothing is written and the job shows the errors.

    The check runs inside the write's transaction, after any other import into the cluster has
    finished: two files bringing the same rows at once write them once (the second finds them
    and updates or keeps them), whether or not the database has a unique key for the rows."""
    job = ImportJob.objects.select_related("cluster", "created_by").get(pk=job_id)
    if job.status != ImportJob.Status.APPLYING:
        return job
    importer = _importer(job)
    key = _progress_key(job)
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now())
    with override(job.language):
        try:
            with transaction.atomic():
                if not _lock_cluster(job):
                    job.refresh_from_db()
                    return job
                try:
                    outcomes, problems = _check_all(job, importer, report_progress=False)
                except FileRejected as rejected:
                    problems, outcomes = [str(rejected)], []
                if problems or any(o.errors for o in outcomes):
                    if problems:
                        job.status = ImportJob.Status.REJECTED
                        job.message = "\n".join(problems)
                    else:
                        _store_outcomes(job, outcomes)
                        job.message = _("The registry changed since the preview; check the errors.")
                    job.finished_at = timezone.now()
                    job.save()
                    return job

                def progress(position: int) -> None:
                    if position % PROGRESS_EVERY == 0:
                        cache.set(key, position, 3600)
                        cache.set(_beat_key(job), time.time(), 3600)

                importer.apply_rows(outcomes, progress)
                job.status = ImportJob.Status.DONE
                job.processed_rows = len(outcomes)
                job.finished_at = timezone.now()
                job.message = ""
                job.save()
        except Exception as error:  # a write failed: the transaction is rolled back whole
            job.status = ImportJob.Status.REJECTED
            job.message = _("The import failed and nothing was written: %(error)s") % {
                "error": error
            }
            job.finished_at = timezone.now()
            job.save()
    cache.delete_many([key, _beat_key(job)])
    return job


def import_rerun(*, actor: Any, job: ImportJob) -> ImportJob:
    """Queue a stale job again, from where it can safely restart: a check from the start, a
    write from the start (the dead worker's transaction was rolled back, so nothing of it is
    in the registry). Running it twice is harmless: the check claims the job, and the write
    re-reads its status under the cluster's lock."""
    if job.created_by_id != actor.pk:
        raise PermissionDenied
    if not actor.has_perm(importer_class(job.kind).permission, job.cluster):
        raise PermissionDenied
    job.refresh_from_db()
    if not import_is_stale(job):
        raise ValidationError(
            _(
                "The import is still working or finished; it can be run again only after "
                "%(minutes)d minutes without progress."
            )
            % {"minutes": stale_minutes()}
        )
    applying = job.status == ImportJob.Status.APPLYING
    claimed = ImportJob.objects.filter(
        pk=job.pk, status=job.status, heartbeat_at=job.heartbeat_at
    ).update(
        status=ImportJob.Status.APPLYING if applying else ImportJob.Status.QUEUED,
        processed_rows=0,
        heartbeat_at=timezone.now(),
    )
    if not claimed:
        raise ValidationError(_("The import changed meanwhile; reload the page."))
    cache.delete_many([_progress_key(job), _beat_key(job)])
    from educluster.imports.tasks import apply_import, validate_import

    (apply_import if applying else validate_import).enqueue(str(job.pk))
    job.refresh_from_db()
    return job
