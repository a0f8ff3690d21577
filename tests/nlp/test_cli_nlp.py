"""irkg annotate / irkg eval through CliRunner, results checked through the API."""

import json

from typer.testing import CliRunner

from kg.cli import app
from kg.ingest.pubtator import read_pubtator

runner = CliRunner()
GOLD = (
    "1|t|STING in MC38 tumours of mice.\n"
    "1|a|Cisplatin and lithium-induced damage.\n"
    "1\t0\t5\tSTING\tGene\t72512\n"
    "1\t31\t40\tCisplatin\tChemical\tD002945\n"
    "1\t45\t52\tlithium\tChemical\tD008094\n"
    "\n"
    "2|t|Breast cancer patients on pembrolizumab.\n"
    "2|a|Hypertension was seen.\n"
    "2\t0\t13\tBreast cancer\tDisease\tD001943\n"
    "2\t26\t39\tpembrolizumab\tChemical\tC582435\n"
    "2\t41\t53\tHypertension\tDisease\tD006973|D000001\n"
)


def test_annotate_then_eval(tmp_path, tiny_lex_file):
    gold = tmp_path / "gold.PubTator"
    gold.write_text(GOLD, encoding="utf-8")
    pred = tmp_path / "pred.PubTator"
    common = ["--lexicon", str(tiny_lex_file), "--learnt", "none"]
    result = runner.invoke(app, ["annotate", str(gold), "--out", str(pred), *common])
    assert result.exit_code == 0, result.output
    docs = {d.document.id: d for d in read_pubtator(pred)}
    assert {(m.text, m.ids) for m in docs["1"].mentions} >= {
        ("STING", ("NCBIGene:72512",)),
        ("lithium", ("MESH:D008094",)),
    }
    report_path = tmp_path / "report.json"
    result = runner.invoke(
        app,
        [
            "eval",
            "--gold",
            str(gold),
            "--pred",
            str(pred),
            "--split",
            "all",
            "--json",
            str(report_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "strict span+id" in result.output
    report = json.loads(report_path.read_text())
    scores = {s["type"]: s for s in report["scores"]}
    assert scores["Chemical"]["strict"]["f1"] == 1.0
    assert scores["Disease"]["strict"]["tp"] == 2 and scores["Gene"]["strict"]["tp"] == 1

    # without --pred, eval annotates the gold texts itself: same numbers
    again = tmp_path / "again.json"
    result = runner.invoke(
        app,
        ["eval", "--gold", str(gold), "--split", "all", "--json", str(again), *common],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(again.read_text())["scores"] == report["scores"]


def test_annotate_formats_and_bad_input(tmp_path, tiny_lex_file):
    text = tmp_path / "paper.txt"
    text.write_text("Cisplatin in MC38 tumours.\n\nSTING in mice.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    common = ["--lexicon", str(tiny_lex_file), "--learnt", "none"]
    result = runner.invoke(app, ["annotate", str(text), "-f", "jsonl", "-o", str(out), *common])
    assert result.exit_code == 0, result.output
    from kg.nlp.output import read_annotated_jsonl

    (doc,) = read_annotated_jsonl(out)
    assert [m.text for m in doc.mentions][:2] == ["Cisplatin", "MC38"]

    result = runner.invoke(app, ["annotate", str(tmp_path / "missing.txt"), *common])
    assert result.exit_code != 0
    result = runner.invoke(app, ["eval", "--gold", str(tmp_path / "nope.PubTator"), "--pred", "x"])
    assert result.exit_code == 2 and "no such file" in result.output
