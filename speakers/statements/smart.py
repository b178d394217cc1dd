"""The SMART check of a suggested recommendation: does it name an action and a time frame?

The recommendation may be written in English, French or Spanish whatever the page's language, so both
checks look for the words of all three. The messages are translated in the reader's language.
"""

import re

from django.utils.translation import gettext as _

# Stems of action verbs (the form a recommendation starts with: "Ratify…", "Adopter…", "Adoptar…").
ACTION_STEMS = {
    # English
    "abolish",
    "accede",
    "adopt",
    "align",
    "allocate",
    "amend",
    "bring",
    "ceas",
    "combat",
    "conduct",
    "creat",
    "criminali",
    "decriminali",
    "develop",
    "eliminat",
    "enact",
    "end ",
    "enforc",
    "ensur",
    "establish",
    "extend",
    "fund",
    "guarantee",
    "halt",
    "implement",
    "increas",
    "introduc",
    "investigat",
    "lift",
    "prohibit",
    "prosecut",
    "protect",
    "provid",
    "publish",
    "ratif",
    "reform",
    "releas",
    "remov",
    "repeal",
    "revis",
    "set up",
    "stop",
    "strengthen",
    "train",
    "withdraw",
    "accept",
    "allow",
    "recogni",
    "launch",
    "appoint",
    "designat",
    "harmoni",
    "incorporat",
    # French
    "abolir",
    "abolis",
    "abroger",
    "abroge",
    "adopter",
    "adopte",
    "allouer",
    "alloue",
    "amender",
    "assurer",
    "assure",
    "créer",
    "crée",
    "dépénalis",
    "élabor",
    "éliminer",
    "enquêter",
    "établir",
    "financer",
    "former",
    "garantir",
    "garantis",
    "harmonis",
    "interdire",
    "libérer",
    "mettre en œuvre",
    "mettre en oeuvre",
    "mettre fin",
    "modifier",
    "modifie",
    "poursuivre",
    "prendre",
    "protéger",
    "publier",
    "ratifier",
    "ratifie",
    "réformer",
    "réviser",
    "renforcer",
    "retirer",
    "supprimer",
    "veiller",
    "accepter",
    "reconnaître",
    "adhérer",
    "incriminer",
    "désigner",
    "lancer",
    # Spanish
    "aboli",
    "adherirse",
    "adoptar",
    "aprobar",
    "apruebe",
    "asegurar",
    "asegure",
    "asignar",
    "capacitar",
    "crear",
    "cree ",
    "derogar",
    "derogue",
    "despenaliz",
    "elaborar",
    "eliminar",
    "enmendar",
    "establecer",
    "establezca",
    "financiar",
    "fortalecer",
    "fortalezca",
    "garantizar",
    "garantice",
    "investigar",
    "investigue",
    "liberar",
    "modificar",
    "modifique",
    "poner fin",
    "promulgar",
    "prohibir",
    "proteger",
    "publicar",
    "ratificar",
    "ratifique",
    "reformar",
    "revisar",
    "tipificar",
    "velar",
    "aceptar",
    "reconocer",
    "designar",
    "implementar",
    "aplicar",
}

LEADING_WORDS = 6

TIME_FRAME = re.compile(
    r"""
    \b(19|20)\d\d\b                                              # a year
    | \b(by|before|within|until|no\ later\ than|in\ the\ next)\b   # English
    | \bnext\ (review|cycle|upr|session)\b
    | \bmid-?term\b
    | \b(d['’]ici|avant|dans\ un\ délai|au\ plus\ tard|d[’']ici\ à|jusqu['’]à)\b   # French
    | \bprochain(e)?\ (examen|cycle|epu)\b
    | \b(antes\ de(l)?|para\ (el\ )?\d|en\ un\ plazo|dentro\ de|a\ más\ tardar|hasta)\b   # Spanish
    | \bpróximo\ (examen|ciclo|epu)\b
    | \b\d+\ (days?|weeks?|months?|years?|jours|semaines|mois|ans|années|días|semanas|meses|años)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)


def names_action(text):
    """An action verb among the first words (recommendations start with one: "Ratify…", "Adopter…")."""
    words = re.findall(r"[^\W\d_]+", str(text).lower())[:LEADING_WORDS]
    opening = " ".join(words)
    for stem in ACTION_STEMS:
        if " " in stem.strip():
            if stem in opening:
                return True
        elif stem.endswith(" "):
            if stem.strip() in words:
                return True
        elif any(word.startswith(stem) for word in words):
            return True
    return False


def names_time_frame(text):
    return TIME_FRAME.search(str(text)) is not None


def smart_problems(text):
    """The translated reasons why ``text`` is not SMART enough (an empty list when it is)."""
    problems = []
    if not names_action(text):
        problems.append(
            _("Name the action the State should take, with a verb such as “ratify”, “adopt” or “amend”.")
        )
    if not names_time_frame(text):
        problems.append(
            _("Give a time frame, such as “by 2028”, “within two years” or “before the next review”.")
        )
    return problems
