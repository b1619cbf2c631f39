"""What the consent and works letters share: the letter language per household with its
Dutch fallback (`language.py`, pure), one template frame (`templates/letters/base.html`),
WeasyPrint layout into one PDF (`pdf.py`), the batch job's progress and finish (`batch.py`)
and the abstract batch row (`models.py`). Each app keeps its own texts, content and table.
"""
