"""The statutory minimum composition of an ICB board, checked against the seats recorded."""

from collections import Counter
from dataclasses import dataclass

from .models import STATUTORY_MINIMUM, STATUTORY_MINIMUM_MEMBERS, BoardRole


@dataclass
class RoleCheck:
    label: str
    required: int
    recorded: int

    @property
    def met(self):
        return self.recorded >= self.required


def statutory_check(seats):
    """Which roles the statutory minimum of an ICB board needs, and how many are recorded."""
    counts = Counter(seat.role for seat in seats)
    checks = [
        RoleCheck(BoardRole(role).label, required, counts[role])
        for role, required in STATUTORY_MINIMUM.items()
    ]
    members = sum(count for role, count in counts.items() if role != BoardRole.PARTICIPANT)
    return checks, members, STATUTORY_MINIMUM_MEMBERS
