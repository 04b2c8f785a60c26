"""Alembic schema migrations of Ratsradar (run by ``ratsradar.bootstrap.prepare`` and ``ratsradar migrate``)."""
