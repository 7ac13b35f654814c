"""Ids for the rows written in great numbers: alerts, their notifications, audit entries,
check-ins and developmental observations.

Time-ordered (UUID version 7, RFC 9562): a new row's id sorts after the ids before it, so its
primary-key entry lands on the index's last page. A random id lands on any page: in a scan of
100,000 children, each batch's notifications dirtied a hundred-odd index pages, every one
written to the WAL and copied back again. The 74 bits after the millisecond stay random, so an
id is no easier to guess; the instant it shows is the row's own creation time, which the row
carries anyway.
"""

from __future__ import annotations

import uuid

from uuid_utils import compat


def new_id() -> uuid.UUID:
    return compat.uuid7()
