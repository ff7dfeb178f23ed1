"""Formats of the official codes the directory keeps (ODS and ONS/GSS)."""

from django.db import models
from django.db.models import Q

ODS_REGION = r"^Y[0-9]{2}$"
ODS_ICB = r"^(Q[A-Z0-9]{2}|[A-Z][0-9][A-Z][0-9][A-Z])$"
ODS_SUB_ICB = r"^([0-9]{2}[A-Z]|[A-Z][0-9][A-Z][0-9][A-Z])$"
ODS_TRUST = r"^[RT][A-Z0-9]{2}$"
ODS_LOCAL_AUTHORITY = r"^([0-9]{3}|[A-Z][0-9][A-Z][0-9][A-Z])$"
ONS_REGION = r"^E40[0-9]{6}$"
ONS_ICB = r"^E54[0-9]{6}$"
ONS_SUB_ICB = r"^E38[0-9]{6}$"
ONS_LOCAL_AUTHORITY = r"^E(0[6-9]|10)[0-9]{6}$"

EXAMPLES = {
    ODS_REGION: "Y63",
    ODS_ICB: "QHM or S1Y5D",
    ODS_SUB_ICB: "00L or D4U1Y",
    ODS_TRUST: "RTD or TAD",
    ODS_LOCAL_AUTHORITY: "106 or H6X4G",
    ONS_REGION: "E40000012",
    ONS_ICB: "E54000050",
    ONS_SUB_ICB: "E38000130",
    ONS_LOCAL_AUTHORITY: "E06000001",
}


def code_format(field, pattern, model_label):
    """A database rule that a code field matches its official format (empty allowed)."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__regex": pattern}),
        name=f"{model_label}_{field}_format",
        violation_error_message=f"{field} must look like {EXAMPLES[pattern]}.",
    )
