"""irkg annotate / irkg eval through CliRunner, results checked through the API."""

import json

import pytest
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


def test_annotate_keep_unlinked(tmp_path, tiny_lex_file, monkeypatch):
    """An entity the normaliser cannot link is left out, unless --keep-unlinked asks for it."""
    from kg.nlp.normalize import Normalizer
    from kg.nlp.output import read_annotated_jsonl

    exact = Normalizer._exact
    monkeypatch.setattr(  # "lithium" as if the vocabulary had no identifier for it
        Normalizer,
        "_exact",
        lambda self, ent, *rest: None if ent.text == "lithium" else exact(self, ent, *rest),
    )
    monkeypatch.setattr(Normalizer, "_tfidf", lambda self, ents: {})
    text = tmp_path / "paper.txt"
    text.write_text("Cisplatin and lithium in MC38 tumours.\n", encoding="utf-8")
    common = ["--lexicon", str(tiny_lex_file), "--learnt", "none", "-f", "jsonl"]
    found = {}
    for flag in ([], ["--keep-unlinked"]):
        out = tmp_path / f"out{len(flag)}.jsonl"
        result = runner.invoke(app, ["annotate", str(text), "-o", str(out), *common, *flag])
        assert result.exit_code == 0, result.output
        (doc,) = read_annotated_jsonl(out)
        found[bool(flag)] = {m.text: m.ids for m in doc.mentions}
    assert "lithium" not in found[False] and found[False]["Cisplatin"] == ("MESH:D002945",)
    assert found[True]["lithium"] == () and found[True]["Cisplatin"] == ("MESH:D002945",)


def test_annotate_crash_leaves_no_half_output(tmp_path, tiny_lex_file, monkeypatch):
    """A run that dies mid-way leaves the previous predictions whole (or no file), never a
    truncated file that `irkg eval --pred` would read without a word."""
    import kg.nlp.pipeline

    gold = tmp_path / "gold.PubTator"
    gold.write_text(GOLD, encoding="utf-8")
    pred = tmp_path / "pred.PubTator"
    pred.write_text("previous predictions\n", encoding="utf-8")
    real = kg.nlp.pipeline.to_annotated
    done: list[str] = []

    def dies_on_the_second(document, doc):
        if done:
            raise MemoryError("killed mid-run")
        done.append(document.id)
        return real(document, doc)

    monkeypatch.setattr(kg.nlp.pipeline, "to_annotated", dies_on_the_second)
    args = ["annotate", str(gold), "--out", str(pred), "--lexicon", str(tiny_lex_file)]
    result = runner.invoke(app, [*args, "--learnt", "none"])
    assert isinstance(result.exception, MemoryError) and done == ["1"]
    assert pred.read_text(encoding="utf-8") == "previous predictions\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gold.PubTator", "pred.PubTator"]


def test_eval_with_a_misspelt_type_is_one_line(tmp_path):
    from kg.errors import ConfigError
    from kg.nlp.evalrun import run_eval

    gold = tmp_path / "gold.PubTator"
    gold.write_text(GOLD, encoding="utf-8")
    args = ["eval", "--gold", str(gold), "--pred", str(gold), "--split", "all"]
    result = runner.invoke(app, [*args, "--types", "Disease", "--types", "Deasese"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("irkg: error: unknown entity type 'Deasese'; known: Gene, Chemical")
    with pytest.raises(ConfigError, match="Deasese"):
        run_eval(gold, pred=gold, split="all", types=["Deasese"])
    ok = runner.invoke(app, [*args, "--types", "GeneOrGeneProduct"])  # PubTator spellings too
    assert ok.exit_code == 0, ok.output
