"""SQLModel tables and the engine/session factory of Ratsradar (no Streamlit, no PDF code here)."""

from models.db import database_url, get_engine, init_db, make_engine, session_scope
from models.tables import AuditEntry, Decision, DecisionSource, Document, Measure, Municipality, User

__all__ = [
    "AuditEntry", "Decision", "DecisionSource", "Document", "Measure", "Municipality", "User",
    "database_url", "get_engine", "init_db", "make_engine", "session_scope",
]
