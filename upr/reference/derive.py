"""Derive the shipped reference CSVs in this folder from the third-party data in ``../shared/data``.

Run from the project root when ``../shared/data`` exists (or pass ``--shared PATH``)::

    .venv/bin/python upr/reference/derive.py            # writes upr/reference/*.csv
    .venv/bin/python upr/reference/derive.py --check    # exits 1 when the shipped files differ

It needs no database and no Django settings. The project itself only reads the CSVs it writes.
Whatever the script cannot decide from the data is written out in the tables at the top of this file,
each with its reason, so that a reviewer can check it.
"""

import argparse
import csv
import io
import json
import os
import re
import sys
import unicodedata
import warnings
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
sys.path.insert(0, str(PROJECT))

from upr.names import normalise_name  # noqa: E402

REGIONAL_GROUPS = [
    # code, abbreviation, EN, FR, ES (UN DGACM / UNTERM usage), name in un-regional-groups.csv
    (
        "african",
        "AG",
        "African Group",
        "Groupe des États d'Afrique",
        "Grupo de los Estados de África",
        "African Group",
    ),
    (
        "asia-pacific",
        "APG",
        "Asia-Pacific Group",
        "Groupe des États d'Asie et du Pacifique",
        "Grupo de los Estados de Asia y el Pacífico",
        "Asia-Pacific Group",
    ),
    (
        "eastern-european",
        "EEG",
        "Eastern European Group",
        "Groupe des États d'Europe orientale",
        "Grupo de los Estados de Europa Oriental",
        "Eastern European Group",
    ),
    (
        "grulac",
        "GRULAC",
        "Latin American and Caribbean Group (GRULAC)",
        "Groupe des États d'Amérique latine et des Caraïbes (GRULAC)",
        "Grupo de los Estados de América Latina y el Caribe (GRULAC)",
        "GRULAC",
    ),
    (
        "weog",
        "WEOG",
        "Western European and Others Group (WEOG)",
        "Groupe des États d'Europe occidentale et autres États (WEOG)",
        "Grupo de los Estados de Europa Occidental y otros Estados (WEOG)",
        "WEOG",
    ),
]
# Türkiye takes part in Asia-Pacific but counts in WEOG (un-regional-groups.csv lists it under both).
DOUBLE_LISTED = {"TUR": "weog"}
OBSERVERS = {"VAT": "Holy See", "PSE": "State of Palestine"}

# Correlates-of-War codes in sessions_1-20_terman.csv → ISO3. Checked by name resolution at run time.
# fmt: off
COW_TO_ISO3 = {
    "AAB": "ATG", "AFG": "AFG", "ALB": "ALB", "ALG": "DZA", "AND": "AND", "ANG": "AGO", "ARG": "ARG",
    "ARM": "ARM", "AUL": "AUS", "AUS": "AUT", "AZE": "AZE", "BAH": "BHR", "BAR": "BRB", "BEL": "BEL",
    "BEN": "BEN", "BFO": "BFA", "BHM": "BHS", "BHU": "BTN", "BLR": "BLR", "BLZ": "BLZ", "BNG": "BGD",
    "BOL": "BOL", "BOS": "BIH", "BOT": "BWA", "BRA": "BRA", "BRU": "BRN", "BUI": "BDI", "BUL": "BGR",
    "CAM": "KHM", "CAN": "CAN", "CAO": "CMR", "CAP": "CPV", "CDI": "CIV", "CEN": "CAF", "CHA": "TCD",
    "CHL": "CHL", "CHN": "CHN", "COL": "COL", "COM": "COM", "CON": "COG", "COS": "CRI", "CRO": "HRV",
    "CUB": "CUB", "CYP": "CYP", "CZR": "CZE", "DEN": "DNK", "DJI": "DJI", "DMA": "DMA", "DOM": "DOM",
    "DRC": "COD", "DRV": "VNM", "ECU": "ECU", "EGY": "EGY", "EQG": "GNQ", "ERI": "ERI", "EST": "EST",
    "ETH": "ETH", "ETM": "TLS", "FIJ": "FJI", "FIN": "FIN", "FRN": "FRA", "FSM": "FSM", "GAB": "GAB",
    "GAM": "GMB", "GHA": "GHA", "GMY": "DEU", "GNB": "GNB", "GRC": "GRC", "GRG": "GEO", "GRN": "GRD",
    "GUA": "GTM", "GUI": "GIN", "GUY": "GUY", "HAI": "HTI", "HON": "HND", "HUN": "HUN", "ICE": "ISL",
    "IND": "IND", "INS": "IDN", "IRE": "IRL", "IRN": "IRN", "IRQ": "IRQ", "ISR": "ISR", "ITA": "ITA",
    "JAM": "JAM", "JOR": "JOR", "JPN": "JPN", "KEN": "KEN", "KIR": "KIR", "KUW": "KWT", "KYR": "KGZ",
    "KZK": "KAZ", "LAO": "LAO", "LAT": "LVA", "LBR": "LBR", "LEB": "LBN", "LES": "LSO", "LIB": "LBY",
    "LIE": "LIE", "LIT": "LTU", "LUX": "LUX", "MAA": "MRT", "MAC": "MKD", "MAD": "MDV", "MAG": "MDG",
    "MAL": "MYS", "MAS": "MUS", "MAW": "MWI", "MEX": "MEX", "MLD": "MDA", "MLI": "MLI", "MLT": "MLT",
    "MNC": "MCO", "MNG": "MNE", "MON": "MNG", "MOR": "MAR", "MSI": "MHL", "MYA": "MMR", "MZM": "MOZ",
    "NAM": "NAM", "NAU": "NRU", "NEP": "NPL", "NEW": "NZL", "NIC": "NIC", "NIG": "NGA", "NIR": "NER",
    "NOR": "NOR", "NTH": "NLD", "OMA": "OMN", "PAK": "PAK", "PAL": "PLW", "PAN": "PAN", "PAR": "PRY",
    "PER": "PER", "PHI": "PHL", "PKR": "PRK", "PNG": "PNG", "POL": "POL", "POR": "PRT", "QAT": "QAT",
    "ROK": "KOR", "ROM": "ROU", "RUS": "RUS", "RWA": "RWA", "SAF": "ZAF", "SAL": "SLV", "SAU": "SAU",
    "SEN": "SEN", "SEY": "SYC", "SIE": "SLE", "SIN": "SGP", "SKN": "KNA", "SLO": "SVK", "SLU": "LCA",
    "SLV": "SVN", "SNM": "SMR", "SOL": "SLB", "SOM": "SOM", "SPN": "ESP", "SRB": "SRB", "SRI": "LKA",
    "SSD": "SSD", "STP": "STP", "SUD": "SDN", "SUR": "SUR", "SVG": "VCT", "SWA": "SWZ", "SWD": "SWE",
    "SWZ": "CHE", "SYR": "SYR", "TAJ": "TJK", "TAZ": "TZA", "THI": "THA", "TKM": "TKM", "TOG": "TGO",
    "TON": "TON", "TRI": "TTO", "TUN": "TUN", "TUR": "TUR", "TUV": "TUV", "UAE": "ARE", "UGA": "UGA",
    "UKG": "GBR", "UKR": "UKR", "URU": "URY", "USA": "USA", "UZB": "UZB", "VAN": "VUT", "VEN": "VEN",
    "WSM": "WSM", "YEM": "YEM", "ZAM": "ZMB", "ZIM": "ZWE",
}
# fmt: on

# Names in the data that neither an official name, a UNTERM formal name nor mledoze resolves.
MANUAL_ALIASES = {
    "DPR Korea": "PRK",  # UPR Info
    "Macedonia FYR": "MKD",  # UPR Info
    "Republic of Congo": "COG",  # UPR Info, Terman
    "Democratic Republic of Congo": "COD",  # UPR Info, Terman
    "Guinea Bissau": "GNB",  # UPR Info
    "Kingdom of the Netherlands": "NLD",  # OHCHR matrix (UPR48)
    "Bolivia (Plurinational S tate of)": "BOL",  # OHCHR matrix: a typo in the published document
    "Turkey": "TUR",  # UPR Info, OHCHR matrices before 2022
    "Holy See": "VAT",
    "Palestine": "PSE",
    # Spellings of other real files (the resolver also reads "Name, qualifier" in natural order).
    "Congo, Democratic Republic of the": "COD",  # OHCHR/ISO sorted lists
    "Congo, Republic of the": "COG",  # OHCHR/ISO sorted lists
    "Lao PDR": "LAO",  # UN and World Bank short form
    "Saint Vincent": "VCT",  # short form of Saint Vincent and the Grenadines
    "Saint Vincent and Grenadines": "VCT",
}
# The issue's examples: always shipped as aliases (source "issue").
ISSUE_EXAMPLES = [
    "Turkey",
    "Türkiye",
    "DPR Korea",
    "Macedonia FYR",
    "St Kitts & Nevis",
    "Iran (Islamic Republic of)",
    "Islamic Republic of Iran",
    "Cape Verde",
    "Swaziland",
]
# Names never to ship as aliases: ambiguous, or not a State.
REFUSED_ALIASES = {"Korea", "Guinea Republic", "&#40;Unknown&#41;", "(Unknown)", "Unknown"}
# Text in trailing parentheses of OHCHR matrices that is not a recommending State.
NOT_STATES_IN_MATRICES = {"2011–2020", "2016–2020", "ICRMW", "No. 189", "No. 29"}

# Sessions whose States were grouped differently in cycles 2-3 than in the cycle-4 file: the cycle-4
# file's own notes say so (Ukraine grouped with 42 and Myanmar with 51 in cycles 2-3; the USA was
# listed in 50 and rescheduled to 53). Used only to derive sessions 21-40.
CYCLE4_ORIGINAL_SESSION = {"UKR": 42, "MMR": 51, "USA": 50}
# The USA's 4th-cycle review: listed in 50, postponed to 53.
POSTPONED_CYCLE4 = {("USA", 50)}
# A postponement the Terman file does not show (it lists Israel in 17 only): Israel did not take part in
# its review scheduled for WG15 (January 2013); the Human Rights Council postponed it to WG17.
EXTRA_POSTPONED = [(15, "ISR", "public record: postponed from WG15 to WG17 (not in the Terman file)")]

# fmt: off
ISSUES_FR_ES = {
    "Asylum-seekers - refugees": ("Demandeurs d'asile - réfugiés", "Solicitantes de asilo - refugiados"),
    "CP rights - general": ("Droits civils et politiques - général",
                            "Derechos civiles y políticos - general"),
    "Civil society": ("Société civile", "Sociedad civil"),
    "Corruption": ("Corruption", "Corrupción"),
    "Counter-terrorism": ("Lutte contre le terrorisme", "Lucha contra el terrorismo"),
    "Death penalty": ("Peine de mort", "Pena de muerte"),
    "Detention": ("Détention", "Detención"),
    "Development": ("Développement", "Desarrollo"),
    "Disabilities": ("Personnes handicapées", "Personas con discapacidad"),
    "ESC rights - general": ("Droits économiques, sociaux et culturels - général",
                             "Derechos económicos, sociales y culturales - general"),
    "Elections": ("Élections", "Elecciones"),
    "Enforced disappearances": ("Disparitions forcées", "Desapariciones forzadas"),
    "Environment": ("Environnement", "Medio ambiente"),
    "Extrajudicial executions": ("Exécutions extrajudiciaires", "Ejecuciones extrajudiciales"),
    "Freedom of association and peaceful assembly": ("Liberté d'association et de réunion pacifique",
                                                     "Libertad de asociación y de reunión pacífica"),
    "Freedom of movement": ("Liberté de circulation", "Libertad de circulación"),
    "Freedom of opinion and expression": ("Liberté d'opinion et d'expression",
                                          "Libertad de opinión y de expresión"),
    "Freedom of religion and belief": ("Liberté de religion et de conviction",
                                       "Libertad de religión y de creencias"),
    "Freedom of the press": ("Liberté de la presse", "Libertad de prensa"),
    "General": ("Général", "General"),
    "HIV - Aids": ("VIH - sida", "VIH - sida"),
    "Human rights defenders": ("Défenseurs des droits de l'homme", "Defensores de los derechos humanos"),
    "Human rights education and training": ("Éducation et formation aux droits de l'homme",
                                            "Educación y formación en derechos humanos"),
    "Human rights violations by state agents": ("Violations des droits de l'homme par des agents de l'État",
                                                "Violaciones de los derechos humanos por agentes del Estado"),
    "Impunity": ("Impunité", "Impunidad"),
    "Indigenous peoples": ("Peuples autochtones", "Pueblos indígenas"),
    "Internally displaced persons": ("Personnes déplacées dans leur propre pays", "Desplazados internos"),
    "International humanitarian law": ("Droit international humanitaire",
                                       "Derecho internacional humanitario"),
    "International instruments": ("Instruments internationaux", "Instrumentos internacionales"),
    "Justice": ("Justice", "Justicia"),
    "Labour": ("Travail", "Trabajo"),
    "Migrants": ("Migrants", "Migrantes"),
    "Minorities": ("Minorités", "Minorías"),
    "NHRI": ("Institution nationale des droits de l'homme (INDH)",
             "Institución nacional de derechos humanos (INDH)"),
    "National plan of action": ("Plan d'action national", "Plan de acción nacional"),
    "Other": ("Autre", "Otro"),
    "Poverty": ("Pauvreté", "Pobreza"),
    "Public security": ("Sécurité publique", "Seguridad pública"),
    "Racial discrimination": ("Discrimination raciale", "Discriminación racial"),
    "Right to education": ("Droit à l'éducation", "Derecho a la educación"),
    "Right to food": ("Droit à l'alimentation", "Derecho a la alimentación"),
    "Right to health": ("Droit à la santé", "Derecho a la salud"),
    "Right to housing": ("Droit au logement", "Derecho a la vivienda"),
    "Right to land": ("Droit à la terre", "Derecho a la tierra"),
    "Right to water": ("Droit à l'eau", "Derecho al agua"),
    "Rights of the Child": ("Droits de l'enfant", "Derechos del niño"),
    "Sexual Orientation and Gender Identity": ("Orientation sexuelle et identité de genre",
                                               "Orientación sexual e identidad de género"),
    "Special procedures": ("Procédures spéciales", "Procedimientos especiales"),
    "Technical assistance and cooperation": ("Assistance technique et coopération",
                                             "Asistencia técnica y cooperación"),
    "Torture and other CID treatment": ("Torture et autres traitements cruels, inhumains ou dégradants",
                                        "Tortura y otros tratos crueles, inhumanos o degradantes"),
    "Trafficking": ("Traite des personnes", "Trata de personas"),
    "Treaty bodies": ("Organes conventionnels", "Órganos de tratados"),
    "UPR process": ("Processus de l'EPU", "Proceso del EPU"),
    "Women's rights": ("Droits des femmes", "Derechos de la mujer"),
}
PROJECT_ISSUES = {
    "Business and human rights": ("Entreprises et droits de l'homme", "Empresas y derechos humanos"),
    "Right to life": ("Droit à la vie", "Derecho a la vida"),
}

# fmt: on

_MARKER = re.compile(r"\s*\((?:the|le|la|les|l'|l’|el|los|las)\)\s*$", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^(?:the |le |la |les |l'|l’|el |los |las )", re.IGNORECASE)


def short_name(cell):
    """UNTERM short name without the observer star and the sorting-article marker."""
    return _MARKER.sub("", cell.replace("*", "").strip()).strip()


def formal_name(cell):
    """UNTERM formal name without the observer star and the leading article."""
    return _LEADING_ARTICLE.sub("", cell.replace("*", "").strip()).strip()


def slugify(text):
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "")).strip("-")


def read_upr_info(shared):
    """Rows of the UPR Info CSVs (Mac Roman, bare CR line endings)."""
    for path in sorted((shared / "recommendations" / "upr-info").glob("*.csv")):
        text = path.read_bytes().decode("mac_roman")
        yield from csv.DictReader(io.StringIO(text, newline=""))


def write_csv(path, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return path, buffer.getvalue()


# --- States ---------------------------------------------------------------------------------------
def derive_states(shared):
    """UNTERM names + ISO codes from UN M49 + regional groups from the DGACM list."""
    import openpyxl  # only the derivation needs it

    m49 = {}
    with open(shared / "states" / "UNSD_Methodology.csv", encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            m49[normalise_name(row["Country or Area"])] = (row["ISO-alpha3 Code"], row["ISO-alpha2 Code"])
    groups = {}
    group_code = {label: code for code, *_, label in REGIONAL_GROUPS}
    with open(shared / "states" / "un-regional-groups.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = group_code[row["Region"]]
            if groups.get(row["Code"], code) != code:
                code = DOUBLE_LISTED[row["Code"]]
            groups[row["Code"]] = code
    workbook = openpyxl.load_workbook(shared / "states" / "unterm_countries.xlsx", read_only=True)
    try:
        sheet_rows = list(workbook.worksheets[0].iter_rows(values_only=True))[1:]
    finally:
        workbook.close()  # a read-only workbook keeps its file open until closed
    states, formal = [], []
    for row in sheet_rows:
        if not row[0] or not row[1] or "**" in row[0]:
            continue  # blank, notes, and members of specialized agencies only (Cook Islands, Niue)
        names = [short_name(cell) for cell in row[:3]]
        iso3, iso2 = m49[normalise_name(names[0])]
        observer = "*" in row[0]
        if observer != (iso3 in OBSERVERS):
            raise SystemExit(f"observer mismatch for {iso3}")
        states.append(
            [iso3, iso2, *names, "" if observer else groups[iso3], "observer" if observer else "member"]
        )
        formal.extend((formal_name(cell), iso3) for cell in row[6:9])
    states.sort(key=lambda state: state[0])
    return states, formal


# --- Aliases --------------------------------------------------------------------------------------
def matrix_names(shared):
    """Recommending States in the trailing parentheses of the OHCHR .docx matrices."""
    import docx

    names = Counter()
    for path in sorted((shared / "recommendations" / "ohchr-matrices").glob("*.docx")):
        for table in docx.Document(path).tables:
            for row in table.rows[1:]:
                text = row.cells[0].text
                if not text.startswith("Theme:"):
                    for group in trailing_groups(text):
                        names.update(split_top_level(group))
    return names


def trailing_groups(text):
    text = re.split(r"Source of [Pp]osition", text)[0].strip().rstrip(";.,").strip()
    groups = []
    while text.endswith(")"):
        depth = 0
        for index in range(len(text) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(text[index], 0)
            if depth == 0:
                break
        else:
            break
        groups.insert(0, text[index + 1 : -1])
        text = text[:index].rstrip()
    return groups


def split_top_level(group):
    parts, depth, current = [], 0, ""
    for char in group:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [part.strip() for part in parts if part.strip()]


def mledoze_names(shared, iso3s):
    data = json.loads((shared / "states" / "mledoze_countries.json").read_text(encoding="utf-8"))
    for country in data:
        if country["cca3"] not in iso3s:
            continue
        candidates = [country["name"]["common"], country["name"]["official"], *country["altSpellings"]]
        for language in ("fra", "spa"):
            translation = country["translations"].get(language, {})
            candidates += [translation.get("common", ""), translation.get("official", "")]
        for name in candidates:
            latin = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
            if name != country["cca2"] and latin.strip() and len(latin) >= len(name) - 3:
                yield name, country["cca3"]


def derive_aliases(shared, states, formal):
    """Every State name the shipped and shared data use, mapped to one ISO3; ambiguous names dropped."""
    official = {}
    for iso3, _iso2, en, fr, es, *_ in states:
        for name in (iso3, en, fr, es):
            official[normalise_name(name)] = iso3
    candidates = defaultdict(set)  # name as written → sources
    targets = defaultdict(set)  # key → ISO3s it was seen for

    def offer(name, iso3, source):
        if name in REFUSED_ALIASES:
            return
        candidates[(name, iso3)].add(source)
        targets[normalise_name(name)].add(iso3)

    for name, iso3 in formal:
        offer(name, iso3, "unterm-formal")
    for name, iso3 in mledoze_names(shared, {state[0] for state in states}):
        offer(name, iso3, "mledoze")
    for name, iso3 in MANUAL_ALIASES.items():
        offer(name, iso3, "manual")
    lookup = {**{key: next(iter(isos)) for key, isos in targets.items() if len(isos) == 1}, **official}

    def resolve(name):
        iso3 = MANUAL_ALIASES.get(name) or lookup.get(normalise_name(name))
        if iso3 is None:
            raise SystemExit(f"cannot resolve {name!r}: add it to MANUAL_ALIASES or REFUSED_ALIASES")
        return iso3

    data_names = []
    upr_info = Counter()
    for row in read_upr_info(shared):
        upr_info.update((row["To"], row["From"]))
    data_names += [(name, "upr-info") for name in upr_info if name not in REFUSED_ALIASES]
    with open(shared / "calendar" / "wg_sessions_41-54.csv", encoding="utf-8", newline="") as handle:
        data_names += [(row["state_under_review"], "wg-sessions") for row in csv.DictReader(handle)]
    with open(shared / "calendar" / "sessions_1-20_terman.csv", encoding="utf-8", newline="") as handle:
        data_names += [(row["To"], "terman") for row in csv.DictReader(handle)]
    data_names += [
        (name, "ohchr-matrix") for name in matrix_names(shared) if name not in NOT_STATES_IN_MATRICES
    ]
    data_names += [(name, "issue") for name in ISSUE_EXAMPLES]
    for name, source in data_names:
        offer(name, resolve(name), source)

    rows, dropped = [], []
    for (name, iso3), sources in candidates.items():
        key = normalise_name(name)
        if official.get(key, iso3) != iso3 or len(targets[key]) > 1:
            dropped.append((name, sorted(targets[key] | {official.get(key, iso3)})))
            continue
        if official.get(key) == iso3 and "issue" not in sources:
            continue  # an official short name or ISO3 code of the same State already resolves it
        rows.append((name, iso3, ", ".join(sorted(sources))))
    rows = dedupe_by_key(rows)
    return sorted(rows, key=lambda row: (row[1], normalise_name(row[0]))), sorted(dropped), upr_info


def dedupe_by_key(rows):
    """One alias per key (the model's ``key`` is unique): keep the most sourced spelling, merge sources."""
    groups = defaultdict(list)
    for row in rows:
        groups[normalise_name(row[0])].append(row)
    merged = []
    for spellings in groups.values():
        name, iso3, _ = max(spellings, key=lambda row: (len(row[2].split(", ")), row[0]))
        sources = sorted({source for row in spellings for source in row[2].split(", ")})
        merged.append((name, iso3, ", ".join(sources)))
    return merged


# --- Cycles, sessions, reviews --------------------------------------------------------------------
def cycle_of(session):
    return 1 if session <= 12 else 2 if session <= 26 else 3 if session <= 40 else 4


def derive_sessions(shared):
    years = {}
    with open(shared / "calendar" / "session_years_1-53.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            years[int(row["session"])] = (int(row["year"]), "session_years_1-53.csv (CeHDI)")
    dates = {}
    with open(shared / "calendar" / "wg_sessions_41-54.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            dates.setdefault(int(row["wg_session"]), row)
    ends = timeline_end_dates(shared)
    sessions = []
    for number in range(1, 55):
        year, source = years.get(number, (None, ""))
        start = end = ""
        if number in dates:
            row = dates[number]
            start = row["start"] if len(row["start"]) == 10 else ""
            end = row["end"] if len(row["end"]) == 10 else ends.get(number, "")
            year = year or int(row["start"][:4])
            source = "; ".join(filter(None, [source, "wg_sessions_41-54.csv: " + row["source"]]))
            if number in ends and not row["end"]:
                source += "; end date: timeline_sessions_52-54.xlsx (adoption of the WG reports, CeHDI)"
        sessions.append([number, cycle_of(number), year or "", start, end, source])
    return sessions


def timeline_end_dates(shared):
    """End of WG 52-54 from the CeHDI planning sheet: the 'Adoption of reports' date, when it is the
    Friday of the second week after the start (the sheet's other end dates are approximate)."""
    import datetime

    import openpyxl

    workbook = openpyxl.load_workbook(shared / "calendar" / "timeline_sessions_52-54.xlsx", read_only=True)
    with warnings.catch_warnings():  # the sheet's data validation is irrelevant here
        warnings.filterwarnings("ignore", "Data Validation extension", UserWarning)
        try:
            rows = list(workbook["All"].iter_rows(values_only=True))[1:]
        finally:
            workbook.close()  # a read-only workbook keeps its file open until closed
    starts, adoptions = {}, {}
    for event, _country, session, when, *_ in rows:
        number = int(re.match(r"\d+", session).group())
        if "Working Group" in event:
            starts[number] = when.date()
        elif event == "Adoption of reports":
            adoptions[number] = when.date()
    ends = {}
    for number, start in starts.items():
        end = adoptions.get(number)
        if end and end.weekday() == 4 and datetime.timedelta(0) < end - start <= datetime.timedelta(days=13):
            ends[number] = end.isoformat()
    return ends


def derive_reviews(shared, resolve):
    """Sessions 1-20 (Terman), 41-54 (cycle-4 file), 21-40 derived by the N-14 rule."""
    reviews, notes = [], []
    with open(shared / "calendar" / "sessions_1-20_terman.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            iso3 = COW_TO_ISO3[row["To_COW"]]
            if resolve(row["To"]) != iso3:
                raise SystemExit(f"COW code {row['To_COW']} ({row['To']}) is not {iso3}")
            reviews.append(
                [int(row["Session"]), iso3, "", "scheduled", 0, "sessions_1-20_terman.csv (Terman)"]
            )
    reviews += [[number, iso3, "", "postponed", 0, source] for number, iso3, source in EXTRA_POSTPONED]
    cycle4 = defaultdict(list)
    with open(shared / "calendar" / "wg_sessions_41-54.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            number, iso3 = int(row["wg_session"]), resolve(row["state_under_review"])
            order = row["position_in_list"] if row["list_order_kind"] == "order" else ""
            status = "postponed" if (iso3, number) in POSTPONED_CYCLE4 else "scheduled"
            cycle4[number].append(iso3)
            reviews.append(
                [number, iso3, order, status, 0, f"wg_sessions_41-54.csv ({row['list_order_kind']})"]
            )
    slot = {}
    for number, iso3s in cycle4.items():
        for iso3 in iso3s:
            slot.setdefault(iso3, CYCLE4_ORIGINAL_SESSION.get(iso3, number))
    by_slot = defaultdict(list)
    for iso3, number in slot.items():
        by_slot[number].append(iso3)
    for number in range(21, 41):
        source_session = number + 14 if number >= 27 else number + 28
        for iso3 in ordered(cycle4[source_session], by_slot[source_session]):
            reviews.append(
                [number, iso3, "", "scheduled", 1, f"derived from WG {source_session} (N-14 rule)"]
            )
    for number in range(27, 35):
        derived = {review[1] for review in reviews if review[0] == number and review[3] == "scheduled"}
        actual = {review[1] for review in reviews if review[0] == number - 14 and review[3] == "scheduled"}
        if derived != actual:
            notes.append((number, number - 14, sorted(derived - actual), sorted(actual - derived)))
    reviews.sort(key=lambda review: (review[0], review[2] == "", int(review[2] or 0), review[1]))
    return reviews, notes


def ordered(listed, members):
    """The States of a derived session in the listed order of their cycle-4 session, moved ones last."""
    return [iso3 for iso3 in listed if iso3 in members] + sorted(set(members) - set(listed))


# --- Issues ---------------------------------------------------------------------------------------
# The project's grouping of the issues into five themes (``Issue.Theme``), for the forms that list them.
ISSUE_THEMES = {
    "civil-political": [
        "cp-rights-general", "death-penalty", "detention", "elections", "enforced-disappearances",
        "extrajudicial-executions", "freedom-of-association-and-peaceful-assembly", "freedom-of-movement",
        "freedom-of-opinion-and-expression", "freedom-of-religion-and-belief", "freedom-of-the-press",
        "right-to-life", "torture-and-other-cid-treatment",
    ],
    "economic-social": [
        "esc-rights-general", "business-and-human-rights", "development", "environment", "labour", "poverty",
        "right-to-education", "right-to-food", "right-to-health", "right-to-housing", "right-to-land",
        "right-to-water",
    ],
    "groups": [
        "asylum-seekers-refugees", "civil-society", "disabilities", "hiv-aids", "human-rights-defenders",
        "indigenous-peoples", "internally-displaced-persons", "migrants", "minorities",
        "racial-discrimination", "rights-of-the-child", "sexual-orientation-and-gender-identity",
        "trafficking", "womens-rights",
    ],
    "justice": [
        "corruption", "counter-terrorism", "human-rights-violations-by-state-agents", "impunity",
        "international-humanitarian-law", "justice", "public-security",
    ],
    "framework": [
        "general", "human-rights-education-and-training", "international-instruments",
        "national-plan-of-action", "nhri", "other", "special-procedures",
        "technical-assistance-and-cooperation", "treaty-bodies", "upr-process",
    ],
}
ISSUE_THEME = {slug: theme for theme, slugs in ISSUE_THEMES.items() for slug in slugs}


def derive_issues(shared):
    found = Counter()
    for row in read_upr_info(shared):
        found.update(issue.strip() for issue in row["Issue"].split(",") if issue.strip())
    if set(found) != set(ISSUES_FR_ES):
        raise SystemExit(f"UPR Info issues changed: {sorted(set(found) ^ set(ISSUES_FR_ES))}")
    rows = [[slugify(name), name, *ISSUES_FR_ES[name], "upr-info"] for name in sorted(found)]
    rows += [[slugify(name), name, *names, "project"] for name, names in PROJECT_ISSUES.items()]
    return sorted([*row, ISSUE_THEME[row[0]]] for row in rows), found


# --- Main -----------------------------------------------------------------------------------------
def derive(shared):
    """Return {path: text} for every shipped CSV, and a summary for the README."""
    states, formal = derive_states(shared)
    aliases, dropped, upr_info = derive_aliases(shared, states, formal)
    lookup = {normalise_name(name): iso3 for name, iso3, _ in aliases}
    for iso3, _iso2, *names, _group, _status in states:
        for name in (iso3, *names):
            lookup[normalise_name(name)] = iso3
    sessions = derive_sessions(shared)
    reviews, differences = derive_reviews(shared, lambda name: lookup[normalise_name(name)])
    issues, issue_counts = derive_issues(shared)
    cycles = [[1, "", ""], [2, "", ""], [3, "", ""], [4, sessions[40][3], ""]]
    files = dict(
        [
            write_csv(
                HERE / "regional_groups.csv",
                ["code", "abbreviation", "name_en", "name_fr", "name_es"],
                [group[:5] for group in REGIONAL_GROUPS],
            ),
            write_csv(
                HERE / "states.csv",
                ["iso3", "iso2", "name_en", "name_fr", "name_es", "regional_group", "status"],
                states,
            ),
            write_csv(HERE / "aliases.csv", ["name", "iso3", "source"], aliases),
            write_csv(HERE / "cycles.csv", ["number", "start_date", "end_date"], cycles),
            write_csv(
                HERE / "sessions.csv",
                ["number", "cycle", "year", "start_date", "end_date", "source"],
                sessions,
            ),
            write_csv(
                HERE / "reviews.csv", ["session", "iso3", "order", "status", "derived", "source"], reviews
            ),
            write_csv(
                HERE / "issues.csv", ["slug", "name_en", "name_fr", "name_es", "source", "theme"], issues
            ),
        ]
    )
    summary = {
        "dropped_aliases": dropped,
        "differences_27_34": differences,
        "reviews_per_session": Counter(review[0] for review in reviews if review[3] == "scheduled"),
        "postponed": [review[:2] for review in reviews if review[3] == "postponed"],
        "upr_info_names": len(upr_info),
        "issues_found": len(issue_counts),
        "groups": Counter(state[5] for state in states if state[6] == "member"),
    }
    return files, summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("UPR_SHARED_DATA_DIR") or PROJECT.parent / "shared" / "data"
    parser.add_argument("--shared", type=Path, default=Path(default), help="default: ../shared/data")
    parser.add_argument("--check", action="store_true", help="compare with the shipped files, write nothing")
    args = parser.parse_args(argv)
    files, summary = derive(args.shared)
    changed = [
        path.name for path, text in files.items() if not path.exists() or path.read_text("utf-8") != text
    ]
    if not args.check:
        for path, text in files.items():
            path.write_text(text, encoding="utf-8")
    for key, value in summary.items():
        print(f"{key}: {value}")
    print(("differs: " if args.check else "written: ") + (", ".join(changed) or "nothing changed"))
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
