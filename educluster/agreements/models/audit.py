"""A tamper-evident event log for agreements, obligations and reports."""

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One state change, chained to the previous event of the same cluster by hash.

    ``hash = SHA-256(canonical JSON of prev_hash, cluster, agreement, time, actor, action,
    object, payload)``. Altering, inserting or deleting a row outside the application breaks the
    chain at that row, which ``manage.py verify_audit`` reports (cf. RFC 6962's hash chains).
    """

    cluster = models.ForeignKey(
        "registry.Cluster", on_delete=models.PROTECT, related_name="+", verbose_name=_("cluster")
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        null=True,
        related_name="events",
        verbose_name=_("agreement"),
    )
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_name = models.CharField(_("actor"), max_length=200)
    action = models.CharField(_("action"), max_length=40)
    object_type = models.CharField(_("object"), max_length=40)
    object_id = models.PositiveBigIntegerField()
    payload = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        constraints = [
            # A fork of the chain (two events after the same one) cannot be stored.
            models.UniqueConstraint(fields=["cluster", "prev_hash"], name="audit_chain_linear")
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def computed_hash(self) -> str:
        return chain_hash(
            prev_hash=self.prev_hash,
            cluster_id=self.cluster_id,
            agreement_id=self.agreement_id,
            at=self.at.isoformat(),
            actor_id=self.actor_id,
            actor_name=self.actor_name,
            action=self.action,
            object_type=self.object_type,
            object_id=self.object_id,
            payload=self.payload,
        )


GENESIS = "0" * 64


def chain_hash(**fields: Any) -> str:
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
