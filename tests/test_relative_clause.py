"""The unclosed «который» clause: found by syntax, parsed only in candidate sentences."""

import subprocess
import sys

import plainreply

RULE = {"select": ["unclosed-relative-clause"]}
CADASTRE = ("Если Вы считаете кадастровую стоимость завышенной, обратитесь в бюджетное учреждение, "
            "которое определяет кадастровую стоимость с заявлением о ее пересмотре.")


def findings(text: str):
    return plainreply.check(text, config=RULE).findings


def test_a_phrase_of_the_main_clause_inside_the_clause_is_found():
    [finding] = findings(CADASTRE)
    assert CADASTRE[finding.start:finding.end] == "определяет кадастровую стоимость с заявлением"
    assert finding.replacement is None
    assert "«…стоимость, с заявлением»" in finding.suggestion


def test_the_closed_clause_is_not_reported():
    closed = CADASTRE.replace("стоимость с заявлением", "стоимость, с заявлением")
    assert findings(closed) == []


def test_a_phrase_that_belongs_to_the_clause_is_not_reported():
    for text in ["Мы направили запрос в подрядную организацию, которая выполняет ремонт дороги по улице Мира.",
                 "Вы можете обратиться в отдел, который принимает заявления по вторникам.",
                 "Заявление можно подать в управление, которое предоставляет услугу в соответствии с регламентом.",
                 "Решения совета оформляются протоколом, который подписывает председательствующий на заседании совета."]:
        assert findings(text) == [], text


def test_natasha_loads_only_for_a_candidate_sentence():
    code = (
        "import sys, plainreply\n"
        "plainreply.check('Обратитесь в управляющую компанию, которая обслуживает Ваш дом.')\n"
        "print('natasha' in sys.modules)\n"
        f"plainreply.check({CADASTRE!r})\n"
        "print('natasha' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]
