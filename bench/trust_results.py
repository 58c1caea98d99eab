"""What ``bench.trust`` makes of a run: the database checks (each registration made once) and
the tables it prints."""

from collections import Counter

BARE_ROW = "bare"


def registrations_check(emails: list[str]) -> dict:
    """Each of ``emails`` registered exactly once for the meeting, with one mail saying so."""
    from django.db.models import Count

    from gcm_review.models import OutgoingEmail
    from registration.models import Registration
    from sessions_app.models import Meeting

    meeting = Meeting.objects.get(slug="unece-2024")
    per_user = dict(
        Registration.objects.filter(meeting=meeting, user__email__in=emails)
        .values("user__email")
        .annotate(n=Count("pk"))
        .values_list("user__email", "n")
    )
    mails = Counter(OutgoingEmail.objects.filter(to__in=emails).values_list("to", flat=True))
    duplicate_pairs = (
        Registration.objects.values("meeting", "user")
        .annotate(n=Count("pk"))
        .filter(user__isnull=False, n__gt=1)
        .count()
    )
    statuses = Counter(
        Registration.objects.filter(meeting=meeting, user__email__in=emails).values_list(
            "status", flat=True
        )
    )
    result = {
        "users": len(emails),
        "registrations": sum(per_user.values()),
        "users_registered_once": sum(1 for n in per_user.values() if n == 1),
        "missing": sorted(set(emails) - set(per_user)),
        "duplicated": {email: n for email, n in per_user.items() if n > 1},
        "duplicate_user_meeting_pairs_in_table": duplicate_pairs,
        "statuses": dict(statuses),
        "acknowledgement_mails": sum(mails.values()),
        "users_mailed_once": sum(1 for n in mails.values() if n == 1),
    }
    result["ok"] = (
        result["users_registered_once"] == len(emails)
        and result["registrations"] == len(emails)
        and not duplicate_pairs
        and result["users_mailed_once"] == len(emails)
        and result["acknowledgement_mails"] == len(emails)
    )
    return result


def pool_check(sessions_used: int) -> dict:
    """The registration row: as many registrations of the pool as POSTs answered 302."""
    from registration.models import Registration

    registered = Registration.objects.filter(user__email__startswith="pool").count()
    return {
        "posts_answered_302": sessions_used,
        "registrations": registered,
        "ok": sessions_used == registered,
    }


def table(results: dict, rows: list) -> str:
    """One line per row (a ``trust.Row``): its figures and its share of the bare view's."""
    bare = results[BARE_ROW]["rps"] or 1
    lines = [
        f"  {'page':<40}{'requests':>9}{'fail':>6}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'KiB':>7}{'/ bare':>8}",
    ]
    for row in rows:
        r = results[row.key]
        lines.append(
            f"  {row.label:<40}{r['requests']:>9}{r['failures']:>6}{r['rps']:>9.1f}"
            f"{r['p50_ms']:>9.0f}{r['p95_ms']:>9.0f}{r['kib']:>7.1f}{r['rps'] / bare:>8.1%}"
        )
    return "\n".join(lines)


def burst_table(burst: dict) -> str:
    lines = [f"  {'step':<40}{'requests':>9}{'fail':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"]
    for name, r in burst["steps"].items():
        lines.append(
            f"  {name:<40}{r['requests']:>9}{r['failures']:>6}{r['p50_ms']:>9.0f}"
            f"{r['p95_ms']:>9.0f}{r['max_ms']:>9}"
        )
    return "\n".join(lines)
