"""An account made on another instance is not yet known to this one: its username shows in
place of the name until the names are read again, which the miss itself asks for (at most
once per reload interval), and from then on its full name shows."""

import datetime as dt
import uuid

from service.accounts import names
from service.accounts.tables import Team, User
from tests.conftest import run


def test_the_missed_name_is_read_on_the_next_page_after_the_interval(api, child):
    username = f"elsewhere.{uuid.uuid4().hex[:8]}"
    team = run(Team.select(Team.id).where(Team.name == "north").first())["id"]
    run(User.insert(User(id=uuid.uuid4(), username=username, role="therapist", password_hash="-", team=team,
                         full_name="Ines Okafor", email="", active=True,
                         created_at=dt.datetime.now(dt.timezone.utc))))  # as another instance would
    assert api.post("cw", f"/api/v1/children/{child['id']}/care-team", json={"username": username}).status_code in (200, 201)

    names._state.update(read_at=dt.datetime.now(dt.timezone.utc), missed=False)  # read just before
    for _ in range(2):  # the miss asks for a read, but not again within the interval
        shown = api.get("cw", f"/children/{child['id']}").text
        assert username in shown and "Ines Okafor" not in shown
        assert names._state["missed"]

    names._state["read_at"] -= names.RELOAD  # the interval has passed
    assert "Ines Okafor" in api.get("cw", f"/children/{child['id']}").text
