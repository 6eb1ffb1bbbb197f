"""Amounts of money and counts of people, as releases write them.

Money: "EUR 42 223 927", "€6 million", "$100 million", "£300,000 (USD 462,000)", "1.9 million
euros", "8,8 millions d'euros", "plus de 3 millions d'euros". Each amount keeps its own
currency (ISO 4217); amounts are never converted or added here. An amount counts as a budget
only where the sentence (or the line above it, "Budget") is about money given or spent, and
parts of a total stated beside it ("1.9 million euros: 1.45 million from the Netherlands and
0.45 million from France") are left out, since the total is the budget.

Counts: "Twenty-eight agents", "55 senior Ministry of Interior officials", "more than 100
participants", "up to 30 ... officers", "18 officiers de police": a number (in digits or
words) before a word for people taking part, within a few words. "10 of them women", "eight
trainers", "175 member states" are not participants.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crossings.intake.document import Document
from crossings.languages.numbers import number_as_written

CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "US$": "USD", "USD": "USD", "£": "GBP", "¥": "JPY", "A$": "AUD",
                  "C$": "CAD", "EUR": "EUR", "EURO": "EUR", "EUROS": "EUR", "GBP": "GBP", "CHF": "CHF",
                  "JPY": "JPY", "CAD": "CAD", "AUD": "AUD", "NOK": "NOK", "SEK": "SEK", "DKK": "DKK",
                  "XOF": "XOF"}
CURRENCY_WORDS = {"euro": "EUR", "euros": "EUR", "d'euros": "EUR", "d’euros": "EUR", "eur": "EUR",
                  "usd": "USD", "us dollars": "USD", "dollars": "USD", "de dollars": "USD", "pounds": "GBP",
                  "pounds sterling": "GBP", "gbp": "GBP", "chf": "CHF", "swiss francs": "CHF", "yen": "JPY",
                  "francs cfa": "XOF", "fcfa": "XOF", "cfa francs": "XOF", "xof": "XOF"}
_SCALES = {"million": 1e6, "millions": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "billions": 1e9, "bn": 1e9,
           "milliard": 1e9, "milliards": 1e9}
_NUMBER = r"\d{1,3}(?:(?:[ ,.]\d{3})+)(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d+)?"
_SCALE = r"(?:\s*(?P<scale>millions?|billions?|milliards?|mn|bn|m)(?![\w]))?"
_MONEY = re.compile(
    rf"(?P<sign>US\$|A\$|C\$|€|\$|£|¥|\b(?:EUR|USD|GBP|CHF|JPY|CAD|AUD|NOK|SEK|DKK|XOF|Euros?)\b)\s?"
    rf"(?P<num>{_NUMBER}){_SCALE}"
    rf"|(?<![\w.,])(?P<num2>{_NUMBER}){_SCALE.replace('scale', 'scale2')}\s*(?:of\s+)?(?P<word>"
    r"pounds sterling|us dollars|swiss francs|francs cfa|cfa francs|d['’]euros|de dollars|euros?|"
    r"EUR|USD|GBP|CHF|XOF|FCFA|dollars|pounds|yen)(?![\w])", re.I)
_BUDGET_WORDS = re.compile(
    r"budget|fund|financ|grant|allocat|alloué|contribut|cost|worth|commit|giving|gives|give|provid|donat|"
    r"putting in|put in|total|envelope|enveloppe|doté|dotée|apportés|montant|programme|program|project|"
    r"agreement|MoU|\bfrom\b|\(from", re.I)

_UNITS = {w: i for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven",
                                     "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
                                     "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
_TENS = {w: 10 * i for i, w in enumerate(["_", "_", "twenty", "thirty", "forty", "fifty", "sixty",
                                         "seventy", "eighty", "ninety"])
         if w != "_"}
_FRENCH = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
           "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40,
           "cinquante": 50, "soixante": 60, "cent": 100}
_COUNT_WORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|"
               r"five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
               r"thirteen|"
               r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|one hundred|hundred|" +
               "|".join(_FRENCH) + ")")
PEOPLE = (r"participants?|officials|officers|agents|representatives|delegates|trainees|recruits|staff|"
          r"personnel|students|police|policemen|guards|investigators|commissioners|practitioners|analysts|"
          r"inspectors|judges|prosecutors|observers|officiers|fonctionnaires|policiers|représentants|"
          r"délégués|stagiaires|cadres|responsables|commissaires|gendarmes|douaniers|personnes")
_QUALIFIER = (r"(?:(?:more than|over|some|about|around|up to|nearly|almost|at least|approximately|"
              r"a total of|plus de|près de|environ|au moins|quelque)\s+)?")
# words that make the number count something else: "Four international experts introduced participants"
_NOT_BETWEEN = (r"of\b(?!\s+[A-Z])|de\b|out\b|per\b|million|years?\b|days?\b|months?\b|weeks?\b|countries\b|"
                r"trainers\b|formateurs\b|experts?\b|instructors?\b|facilitators?\b|speakers?\b|"
                r"pays\b|January|February|March|April|May|June|July|August|"
                r"September|October|November|December")
_COUNT = re.compile(rf"(?<![\w.,-]){_QUALIFIER}(?P<count>\d{{1,5}}|{_COUNT_WORD})(?![\w.,%-])"
                    rf"(?P<between>(?:,?\s+(?!{_NOT_BETWEEN})[^\W\d][\w'’-]*){{0,6}}?)\s+(?P<people>{PEOPLE})"
                    r"(?![\w])", re.I)


def amount_text(amount) -> str:
    """An amount for the curator to read, with its digits as given (5, 12.5, 1,000.0)."""
    return number_as_written(amount)


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str
    start: int
    end: int

    def as_json(self) -> dict:
        amount = int(self.amount) if float(self.amount).is_integer() else round(self.amount, 2)
        return {"amount": amount, "currency": self.currency}


@dataclass(frozen=True)
class Count:
    value: int
    start: int
    end: int
    people: str


def parse_number(text: str, scaled: bool = False) -> float:
    """'42 223 927', '189,403.21', '1.425.000', '8,8' (a decimal comma before 'million')."""
    text = text.replace(" ", "")
    if "," in text and "." in text:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        text = text.replace("," if decimal == "." else ".", "").replace(",", ".")
    elif "," in text:
        parts = text.split(",")
        thousands = all(len(p) == 3 for p in parts[1:]) and not scaled
        text = text.replace(",", "") if thousands else text.replace(",", ".")
    elif text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3 and not scaled):
        text = text.replace(".", "")
    return float(text)


def find_money(doc: Document) -> list[Money]:
    found = []
    for match in _MONEY.finditer(doc.text):
        number = match.group("num") or match.group("num2")
        scale = match.group("scale") or match.group("scale2")
        if scale and scale.lower() == "m" and not match.group("sign"):
            continue  # "3 m" after a number without a currency sign is a distance
        try:
            amount = parse_number(number, bool(scale)) * _SCALES.get((scale or "").lower(), 1)
        except ValueError:
            continue
        if match.group("sign"):
            sign = match.group("sign")
            currency = CURRENCY_SIGNS.get(sign.upper(), CURRENCY_SIGNS.get(sign))
        else:
            currency = CURRENCY_WORDS.get(match.group("word").lower())
        if currency and amount > 0:
            found.append(Money(amount, currency, match.start(), match.end()))
    return found


def budget_lines(doc: Document, money: list[Money]) -> list[Money]:
    """The amounts that are a budget or grant, without the parts of a total stated beside it."""
    kept = []
    for item in money:
        start, end = doc.sentence_of(item.start)
        line = doc.line_index(item.start)
        previous = doc.text[slice(*doc.lines[line - 1])] if line > 0 else ""
        if _BUDGET_WORDS.search(doc.text[start:end]) or re.search(r"budget|montant", previous, re.I):
            kept.append(item)
    by_sentence: dict[tuple[int, int], list[Money]] = {}
    for item in kept:
        by_sentence.setdefault(doc.sentence_of(item.start), []).append(item)
    parts = set()
    for items in by_sentence.values():
        for total in items:
            others = [i for i in items if i is not total and i.currency == total.currency]
            if len(others) >= 2 and abs(sum(i.amount for i in others) - total.amount) < 0.005 * total.amount:
                parts.update(others)
    unique = []
    for item in kept:
        repeated = any(u.amount == item.amount and u.currency == item.currency for u in unique)
        if item not in parts and not repeated:
            unique.append(item)
    return unique


def count_value(word: str) -> int | None:
    word = word.lower().replace("a hundred", "hundred").replace("one hundred", "hundred")
    if word.isdigit():
        return int(word)
    if word == "hundred":
        return 100
    if word in _FRENCH:
        return _FRENCH[word]
    parts = re.split(r"[- ]", word)
    total = 0
    for part in parts:
        if part in _TENS:
            total += _TENS[part]
        elif part in _UNITS:
            total += _UNITS[part]
        else:
            return None
    return total or None


def find_counts(doc: Document) -> list[Count]:
    found = []
    for match in _COUNT.finditer(doc.text):
        value = count_value(match.group("count"))
        after = doc.text[match.end():match.end() + 14].lower()
        before = doc.text[max(0, match.start() - 12):match.start()].lower()
        if value is None or value < 2 or re.match(r"\s*(?:of them|d'entre eux|d’entre eux)", after) or (
                "total" in before and "a total of" not in match.group().lower()):
            continue
        found.append(Count(value, match.start(), match.end(), match.group("people").lower()))
    return found
