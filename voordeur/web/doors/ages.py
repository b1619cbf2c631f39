"""Age bands: how old someone is, told coarsely (a birth year is enough, a birth date is never kept)."""

# (lowest age in the band, label); ages are counted as this year minus the birth year
BANDS = ((80, "80+"), (67, "67–79"), (50, "50–66"), (30, "30–49"), (18, "18–29"), (12, "12–17"), (4, "4–11"), (0, "0–3"))


def age_band(birth_year: int | None, this_year: int) -> str:
    """The band a birth year falls in this year; empty when unknown or in the future."""
    if birth_year is None or birth_year > this_year:
        return ""
    age = this_year - birth_year
    return next(label for lowest, label in BANDS if age >= lowest)
