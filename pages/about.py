"""About: what Ratsradar is, where its data comes from, how documents are read, the measure categories."""

import pandas as pd
import streamlit as st

from pages._ui import lang
from ratsradar.vocab import DOCUMENT_TYPES, OUTCOMES, label, taxonomy

lg = lang()
if lg == "de":
    st.title("Über Ratsradar")
    st.markdown("""
Ratsradar sammelt, was Stadträte, Gemeinderäte, Landtage und andere Gremien über **digitale Souveränität und
Freie Software** beschließen – Stadt für Stadt, Jahr für Jahr, und jede Zahl mit ihrer Quelle. Anlass war der
Beschluss des Rates der Stadt Dortmund vom 15.12.2022, eine *Koordinierungsstelle Digitale Souveränität und Open
Source* einzurichten; mit Berlin und München begann Dortmund die „Open Source Big 3“.

**Für wen?** Aktive laden Ratsdokumente hoch und prüfen, was erkannt wurde. Journalistinnen und Journalisten
finden Zahlen mit Belegen und teilbare Links. Koordinierende filtern und vergleichen Kommunen.

**Woher kommen die Daten?**
- *Recherche-Datensatz:* 57 reale Beschlüsse (2002–2026) aus öffentlicher Berichterstattung, jeweils mit Quellen
  und Zitat. Schwach belegte Angaben sind gekennzeichnet, ebenso Daten, die nur auf Monat oder Jahr genau bekannt
  sind.
- *Hochgeladene Dokumente:* Ratsradar liest die PDF (Textebene, sonst Texterkennung mit Tesseract), schlägt Ort,
  Dokumentart, Drucksache, Datum, Gremium, Ergebnis, Stimmen und Maßnahmen mit Seite und Zitat vor. Ein Mensch prüft
  und korrigiert den Entwurf, bevor er veröffentlicht wird. Jede Datei wird anhand ihrer SHA-256-Prüfsumme nur einmal
  gespeichert.

**Herkunft jeder Angabe:** Datei und Prüfsumme, Seite, Zitat, Art der Erfassung (automatisch, von Hand,
Recherche) und wer geprüft hat – zu sehen in der Detailansicht jedes Beschlusses.
""")
else:
    st.title("About Ratsradar")
    st.markdown("""
Ratsradar collects what city councils, municipal councils, state parliaments and other bodies decide about
**digital sovereignty and free software** – city by city, year by year, and every number with its source. It began
with the decision of Dortmund's council on 15 Dec 2022 to set up a *Koordinierungsstelle Digitale Souveränität und
Open Source* (coordination office for digital sovereignty and open source); with Berlin and Munich, Dortmund started
the "Open Source Big 3".

**For whom?** Activists upload council documents and review what was found. Journalists find figures with evidence
and shareable links. Coordinators filter and compare municipalities.

**Where does the data come from?**
- *Research dataset:* 57 real decisions (2002–2026) from public reporting, each with sources and a quote. Weakly
  supported facts are marked, and so are dates known only to the month or year.
- *Uploaded documents:* Ratsradar reads the PDF (its text layer, else text recognition with Tesseract) and suggests
  place, document type, reference, date, body, outcome, votes and measures with page and quote. A person reviews and
  corrects the draft before it is published. Each file is stored once, recognised by its SHA-256 checksum.

**Provenance of every fact:** file and checksum, page, quote, how it was recorded (automatically, by hand, research)
and who reviewed it – shown in the detail view of each decision.
""")

st.subheader("Maßnahmen-Kategorien" if lg == "de" else "Measure categories")
st.table(pd.DataFrame(
    [{("Kategorie" if lg == "de" else "Category"): c.label(lg),
      ("Bedeutung" if lg == "de" else "Meaning"): c.description_de if lg == "de" else c.description_en,
      ("Typische Stichwörter" if lg == "de" else "Typical cue words"):
          ", ".join((c.cues_de if lg == "de" else c.cues_en)[:5])}
     for c in taxonomy().categories]).set_index("Kategorie" if lg == "de" else "Category"))
a, b = st.columns(2)
with a:
    st.subheader("Dokumentarten" if lg == "de" else "Document types")
    st.markdown("\n".join(f"- {label(DOCUMENT_TYPES, k, lg)}" for k in DOCUMENT_TYPES))
with b:
    st.subheader("Ergebnisse" if lg == "de" else "Outcomes")
    st.markdown("\n".join(f"- {label(OUTCOMES, k, lg)}" for k in OUTCOMES))
