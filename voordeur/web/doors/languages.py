"""Language names in Dutch, and grouping a complex's languages into its top few plus the rest."""

from collections import Counter
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

# ISO 639 codes as stored on households (639-1 where it exists, else 639-2/3).
LANGUAGE_NAMES = {
    "nl": _("Nederlands"),
    "tr": _("Turks"),
    "ar": _("Arabisch"),
    "ber": _("Berbers/Tamazight"),
    "zgh": _("Berbers/Tamazight"),
    "pl": _("Pools"),
    "so": _("Somalisch"),
    "ti": _("Tigrinya"),
    "en": _("Engels"),
    "am": _("Amhaars"),
    "fa": _("Perzisch"),
    "prs": _("Dari"),
    "ps": _("Pasjtoe"),
    "ku": _("Koerdisch"),
    "ur": _("Urdu"),
    "hi": _("Hindi"),
    "zh": _("Chinees"),
    "vi": _("Vietnamees"),
    "fr": _("Frans"),
    "de": _("Duits"),
    "es": _("Spaans"),
    "pt": _("Portugees"),
    "it": _("Italiaans"),
    "ro": _("Roemeens"),
    "bg": _("Bulgaars"),
    "hu": _("Hongaars"),
    "ru": _("Russisch"),
    "uk": _("Oekraïens"),
    "sq": _("Albanees"),
    "bs": _("Bosnisch"),
    "sr": _("Servisch"),
    "hr": _("Kroatisch"),
    "pap": _("Papiaments"),
    "srn": _("Sranantongo"),
    "tl": _("Tagalog"),
    "id": _("Indonesisch"),
    "th": _("Thai"),
}

OTHER = "other"
UNKNOWN = "unknown"


def language_name(code: str) -> str:
    """The Dutch name of a language code; unknown codes are shown as the code itself."""
    code = (code or "").strip().lower()
    return str(LANGUAGE_NAMES.get(code, code.upper()))


def top_languages(codes: Iterable[str], *, limit: int) -> list[str]:
    """The `limit` most frequent known codes, most frequent first; ties by code for stability."""
    counts = Counter(code.strip().lower() for code in codes if code and code.strip())
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [code for code, _count in ranked[:limit]]


def language_group(code: str, top: list[str]) -> str:
    """The group one household's language falls in: a top code, OTHER or UNKNOWN."""
    code = (code or "").strip().lower()
    if not code:
        return UNKNOWN
    return code if code in top else OTHER
