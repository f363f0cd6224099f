"""Words a narrow PDF table column broke at its edge are joined back; two words are not."""
from __future__ import annotations

import pytest

from esep.readers.pdf import rejoin_text

WORDS = {"тұлғаларды", "ақпараттық", "тарту", "радикалдық", "идеологияға", "қарсы", "политики", "актау", "тұрақтылықты"}


@pytest.mark.parametrize("cell, expected", [
    ("Танымал тұлғалард ы тарту", "Танымал тұлғаларды тарту"),          # the whole is a word of the text
    ("радикалд ық идеологи яға", "радикалдық идеологияға"),
    ("Мерғалиева Гүлсина Бақытжанқыз ы", "Мерғалиева Гүлсина Бақытжанқызы"),  # a stray letter
    ("ақпаратт ық-түсіндіру", "ақпараттық-түсіндіру"),
    ("Отдел внутренней политики г. Актау", "Отдел внутренней политики г. Актау"),  # "г." is a word
    ("Көпбалалы және аз қамтылған", "Көпбалалы және аз қамтылған"),     # "және" never starts a broken word
    ("басқа санаттар", "басқа санаттар"),
])
def test_rejoin(cell, expected):
    assert rejoin_text(cell, WORDS) == expected


def test_a_hyphen_set_on_its_own_line_is_put_back_when_the_text_writes_the_word_so():
    assert rejoin_text("Интернет - кеңістікте", WORDS, {"интернет-кеңістікте"}) == "Интернет-кеңістікте"
    assert rejoin_text("жеке - жеке", WORDS, {"интернет-кеңістікте"}) == "жеке - жеке"
