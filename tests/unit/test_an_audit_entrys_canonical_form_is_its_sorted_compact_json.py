"""The bytes an audit entry's hash covers are written out key by key, for speed; they must stay
exactly the sorted, compact JSON that chains already stored were hashed over."""

import datetime as dt
import json
import uuid

from hypothesis import given
from hypothesis import strategies as st

from service.audit import chain

text = st.one_of(st.none(), st.text())


def spelled_by_json(seq: int, values: dict) -> bytes:
    fields = {name: chain._plain(values[name]) for name in chain.FIELDS}
    return json.dumps({"seq": seq, **fields}, sort_keys=True, separators=(",", ":")).encode()


@given(seq=st.integers(min_value=1, max_value=2**62), actor=st.text(), action=st.text(), reason=text,
       child=text, source=st.text(), at=st.datetimes(timezones=st.just(dt.timezone.utc)))
def test_the_canonical_form_is_the_sorted_compact_json_of_the_entry(seq, actor, action, reason, child,
                                                                    source, at):
    values = {"id": uuid.uuid4(), "at": at, "actor": actor, "actor_role": "supervisor", "action": action,
              "record_type": "child", "record_id": str(uuid.uuid4()), "child_id": child, "source": source,
              "reason": reason}
    assert chain.canonical(seq, values) == spelled_by_json(seq, values)
