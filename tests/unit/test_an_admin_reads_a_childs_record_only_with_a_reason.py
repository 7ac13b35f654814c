"""Break-glass: an admin's read of a child's record needs a reason; nobody else can use one."""

from service import access
from service.access import Actor

ADMIN = Actor("a", "admin", "admin", None)


def test_an_admin_with_a_reason_breaks_glass():
    assert access.breaks_glass(ADMIN, "court order 2027/114")


def test_an_admin_without_a_reason_does_not():
    assert not access.breaks_glass(ADMIN, None)
    assert not access.breaks_glass(ADMIN, "")
    assert not access.breaks_glass(ADMIN, "   ")


def test_no_other_role_can_widen_its_scope_with_a_reason():
    for role in ("caseworker", "therapist", "supervisor"):
        assert not access.breaks_glass(Actor("x", "x", role, "north"), "curious")
