"""Assessor review: accounts, decisions and their audit trail, the review queue, the web
application (``evidence-mapper serve``) and the command-line review loop."""

from .core import (DECISIONS, ROLES, Actor, PermissionDenied, ReviewError, add_evidence, audit_trail, board,
                   comment, decide, evidence_hashes, export, final_levels, indicator_status, open_workspace,
                   reconciliation_queue, review_queue, uncertainty, upload)
from .users import add_user, authenticate, get_user, list_users

__all__ = ["DECISIONS", "ROLES", "Actor", "PermissionDenied", "ReviewError", "add_evidence", "audit_trail", "board",
           "comment", "decide", "evidence_hashes", "export", "final_levels", "indicator_status", "open_workspace",
           "reconciliation_queue", "review_queue", "uncertainty", "upload", "add_user", "authenticate", "get_user",
           "list_users"]
