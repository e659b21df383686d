#!/usr/bin/env python3
"""Writes the HFS example cohort as a Russian-locale spreadsheet would save it, and its twin.

    python3 scripts/study/make_locale_twins.py

From examples/hfs-study/cohort.csv it writes, with Cyrillic headers and Cyrillic group,
sex and side values:
  examples/hfs-study/ru/cohort-excel-ru.csv  Windows-1251, ';'-delimited, decimal comma, CRLF
                                             line ends, as Excel in a Russian locale saves
                                             "CSV (разделители - точки с запятой)"
  examples/hfs-study/ru/cohort-utf8.csv      UTF-8, ','-delimited, decimal point: the same
                                             table as a UTF-8 tool would write it
Both are read with examples/hfs-study/ru/protocol.toml; the study test checks that they give
the same report. Only the standard library is used.
"""
import csv
import io
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(ROOT, "examples", "hfs-study", "cohort.csv")
OUT = os.path.join(ROOT, "examples", "hfs-study", "ru")

HEADERS = {
    "id": "№",
    "group": "Группа",
    "sex": "Пол",
    "age": "Возраст, лет",
    "duration_years": "Длительность ГФС, лет",
    "b12_pg_ml": "Витамин B12, пг/мл",
    "cortisol_nmol_l": "Кортизол, нмоль/л",
    "dopamine_ng_ml": "Дофамин, нг/мл",
    "bdi": "BDI, баллы",
    "anxiety": "Тревожность, баллы",
    "spasm_per_day": "Частота спазмов в день",
    "vas": "ВАШ, баллы",
    "side": "Сторона",
}
VALUES = {
    "group": {"hfs": "ГФС", "control": "Контроль"},
    "sex": {"male": "муж", "female": "жен"},
    "side": {"right": "правая", "left": "левая"},
}


def main():
    with open(SRC, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    columns = list(rows[0].keys())
    table = [[HEADERS[c] for c in columns]]
    for row in rows:
        table.append([VALUES.get(c, {}).get(row[c], row[c]) for c in columns])
    os.makedirs(OUT, exist_ok=True)

    utf8 = io.StringIO()
    csv.writer(utf8, lineterminator="\n").writerows(table)
    with open(os.path.join(OUT, "cohort-utf8.csv"), "w", encoding="utf-8", newline="") as fh:
        fh.write(utf8.getvalue())

    excel = io.StringIO()
    writer = csv.writer(excel, delimiter=";", lineterminator="\r\n")
    writer.writerow(table[0])
    for row in table[1:]:
        writer.writerow([cell.replace(".", ",") for cell in row])
    with open(os.path.join(OUT, "cohort-excel-ru.csv"), "wb") as fh:
        fh.write(excel.getvalue().encode("cp1251"))


if __name__ == "__main__":
    main()
