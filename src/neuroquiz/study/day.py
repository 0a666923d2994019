"""The study day: like Anki, a day starts at a set local hour (4 am by default)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from neuroquiz.store import DEFAULT_DAY_START_HOUR


def study_day(now: datetime, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> date:
    """The study day of an aware datetime, in its own timezone.

    Times before ``day_start_hour`` count as the previous day, so a session at 1 am belongs
    to the evening before. Wall-clock arithmetic keeps this right across DST changes.

    Args:
        now: An aware datetime (its timezone is the user's local one).
        day_start_hour: Local hour (0-23) at which a new study day begins.

    Raises:
        ValueError: if ``now`` is naive or the hour is out of range.

    Example:
        >>> from datetime import timezone
        >>> study_day(datetime(2026, 1, 6, 3, 59, tzinfo=timezone.utc))
        datetime.date(2026, 1, 5)
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"study_day needs an aware datetime, got naive {now!r}")
    if not 0 <= day_start_hour <= 23:
        raise ValueError(f"day_start_hour must be from 0 to 23, got {day_start_hour!r}")
    return (now.replace(tzinfo=None) - timedelta(hours=day_start_hour)).date()
