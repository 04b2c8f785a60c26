"""Ratsradar: tracks what councils decide about digital sovereignty and free software.

The data flows through the package in this order:
PDF -> ``extraction`` -> ``record`` (frozen) -> ``ingest`` -> ``models`` (tables)
-> ``queries`` (pandas) -> ``charts`` (plotly) -> pages.
This package never imports Streamlit.
"""

__version__ = "0.1.0"
