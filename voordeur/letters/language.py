"""Which language a household's letter is in: its own where a translation exists, else Dutch.

A language has letters when `<folder>/<code>.json` exists (adding a file adds a language).
Pure: files in, plain values out.
"""

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils import formats, translation

FALLBACK = "nl"


@cache
def _texts(folder: Path, language: str) -> dict:
    return json.loads((folder / f"{language}.json").read_text(encoding="utf-8"))


@cache
def _languages(folder: Path) -> frozenset[str]:
    return frozenset(path.stem for path in folder.glob("*.json"))


@dataclass(frozen=True)
class LetterSet:
    """One kind of letters: its texts (`<code>.json` per language) and its template."""

    folder: Path
    template: str

    def texts(self, language: str) -> dict:
        return _texts(self.folder, language)

    def languages(self) -> frozenset[str]:
        return _languages(self.folder)

    def letter_language(self, household_language: str) -> str:
        return household_language if household_language in self.languages() else FALLBACK

    def lacks_translation(self, household_language: str) -> bool:
        """The household has a language and there is no letter in it: Dutch letter, interpreter needed."""
        return bool(household_language) and household_language not in self.languages()


def long_date(day: dt.date, language: str) -> str:
    with translation.override(language):
        return formats.date_format(day, "j F Y")
