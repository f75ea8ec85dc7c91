"""The daily reminder mailing: responsible people about obligations due within 14 days or
overdue, counterparts about reports waiting for their confirmation. People without an e-mail
address who linked Telegram get the reminder there only (as their notice choices allow)."""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from educluster.accounts.language import user_language
from educluster.accounts.models import Role, RoleAssignment, User
from educluster.agreements.models import Agreement, Obligation, ReminderRun
from educluster.agreements.selectors import waiting_for
from educluster.telegram import notices as telegram


def _candidates() -> list[User]:
    """Everyone who may have something to report or confirm: heads of parties, coordinators of
    clusters with active agreements, and responsible people."""
    active = Agreement.objects.filter(status=Agreement.Status.ACTIVE)
    user_ids = set(
        RoleAssignment.objects.filter(
            role=Role.MEMBER_HEAD, institution__agreement_parties__agreement__in=active
        ).values_list("user_id", flat=True)
    )
    user_ids |= set(
        RoleAssignment.objects.filter(
            role=Role.COORDINATOR, cluster__agreements__in=active
        ).values_list("user_id", flat=True)
    )
    user_ids |= set(
        Obligation.objects.filter(
            agreement__in=active, responsible__user__isnull=False
        ).values_list("responsible__user_id", flat=True)
    )
    reachable = ~Q(email="") | Q(telegram_link__isnull=False)
    return list(User.objects.filter(reachable, pk__in=user_ids, is_active=True).distinct())


def send_reminders(*, today: date | None = None) -> int | None:
    """Send today's reminders once; return the number of e-mails, or None if already sent.
    The Telegram reminder goes beside the e-mail, or alone to someone without an address."""
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            run = ReminderRun.objects.create(day=today)
    except IntegrityError:  # another worker took today's run
        return None
    sent = 0
    for user in _candidates():
        waiting = waiting_for(user, today=today)
        if not waiting:
            continue
        # Each recipient reads the reminder in their own language.
        with translation.override(user_language(user)):
            body = render_to_string(
                "agreements/email/reminder.txt",
                {
                    "user": user,
                    "waiting": waiting,
                    "today": today,
                    "site": getattr(settings, "SITE_URL", ""),
                },
            )
            subject = _("EduCluster: %(n)d obligations need your attention") % {
                "n": len(waiting.my_obligations) + len(waiting.to_confirm)
            }
        telegram.reminder(user=user, waiting=waiting)
        if user.email:
            send_mail(subject, body, None, [user.email])
            sent += 1
    ReminderRun.objects.filter(pk=run.pk).update(emails_sent=sent)
    return sent
