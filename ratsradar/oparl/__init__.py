"""Import from (and export to) council information systems that speak OParl 1.0/1.1.

Modules, in the order the data flows:
- ``client``: a polite HTTP client (User-Agent naming Ratsradar, delay between requests, timeouts, retries with
  backoff) that walks paginated lists (``links.next``) and downloads files;
- ``mapping``: OParl Paper / File / Consultation / AgendaItem / Meeting / Organization -> Ratsradar's frozen
  ``ExtractionResult`` and the provenance to keep (format quirks handled there);
- ``importer``: the named steps of one run (discover -> plan -> list -> fetch -> analyse -> store -> finish);
- ``export``: Ratsradar's published decisions as OParl-shaped JSON (Paper, File, Consultation).

This package never imports Streamlit.
"""
