"""Output formats keep every value: CSV parses back, TSV escapes, JSON round-trips."""

import csv
import io
import json

import pytest

from kg.errors import QueryError
from kg.query.output import format_result
from kg.query.run import QueryResult, parse_adhoc_params, parse_param_options

ROWS = (
    {"name": 'a\\b"c', "n": 1, "x": 0.5, "ok": True, "tags": ["x, y", "z;w"], "none": None},
    {"name": "line\nbreak\tand tab", "n": 2, "x": None, "ok": False, "tags": [], "none": None},
)
RESULT = QueryResult(("name", "n", "x", "ok", "tags", "none"), ROWS)


def test_json_round_trips():
    assert json.loads(format_result(RESULT, "json")) == list(ROWS)


def test_csv_parses_back():
    rows = list(csv.reader(io.StringIO(format_result(RESULT, "csv"))))
    assert rows[0] == list(RESULT.columns)
    assert rows[1] == ['a\\b"c', "1", "0.5", "true", '["x, y", "z;w"]', ""]
    assert rows[2][0] == "line\nbreak\tand tab"


def test_tsv_is_one_line_per_row():
    lines = format_result(RESULT, "tsv").split("\n")
    assert len(lines) == 3
    assert lines[2].split("\t")[0] == "line\\nbreak\\tand tab"
    assert lines[1].split("\t")[0] == 'a\\\\b"c'


def test_unknown_format_and_bad_params():
    with pytest.raises(QueryError, match="unknown format 'xml'"):
        format_result(RESULT, "xml")
    with pytest.raises(QueryError, match="expected key=value"):
        parse_param_options(["novalue"])
    with pytest.raises(QueryError, match="given twice"):
        parse_param_options(["a=1", "a=2"])
    assert parse_param_options(["q=a=b"]) == {"q": "a=b"}
    assert parse_adhoc_params(["n:int=5", "x:float=0.5", "s=5"]) == {"n": 5, "x": 0.5, "s": "5"}
    with pytest.raises(QueryError, match="is not int"):
        parse_adhoc_params(["n:int=five"])
