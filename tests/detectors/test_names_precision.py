"""Names precision (issue 13): a name is corrected only when the article agrees it is that person.

The articles are invented: other people, other places, other publishers' conventions.
"""

from __future__ import annotations

from auditor.detectors.names.analysis import analyse
from auditor.detectors.names.batch import collect, judge, topic
from auditor.detectors.names.candidates import accepted_transliteration
from auditor.detectors.names.context import article_year, occupation, start_year
from auditor.detectors.names.gazetteer import load
from auditor.detectors.names.text import news_key
from auditor.document import Document


def issues(text: str) -> list[tuple[str, str, str]]:
    return [(i.kind, text[i.start : i.end], i.suggestion) for i in analyse(Document(text)).issues]


def test_news_key_folds_the_transliterations_news_copy_mixes() -> None:
    assert news_key("al-assad") == news_key("el-assad") == news_key("assad")
    assert news_key("kadhafi") == news_key("kadafi")
    assert news_key("ahmadinejad") == news_key("ahmadinijad")
    assert news_key("abbas") != news_key("abas") and news_key("abbas", doubles=True) == news_key("abas", doubles=True)


def test_a_transliteration_must_be_in_use_and_from_another_script() -> None:
    gaz = load()
    assert accepted_transliteration("abbas", "abas", gaz)  # both names people bear; Arabic
    assert not accepted_transliteration("roddick", "rodick", gaz)  # "Rodick" is no one's name
    assert not accepted_transliteration("austin", "austen", gaz, origin=False)  # Latin script: a misspelling


def test_mixed_transliterations_are_info_not_misspellings() -> None:
    text = "Palestinian leader Mahmoud Abbas met envoys in Ramallah. Mr Abbas said talks would resume. Later Abas left."
    assert issues(text) == [("variant", "Abas", "Abbas")]
    assert issues("Tennis star Andy Roddick won in Miami. Rodick said it was hard. Roddick left.") == [
        ("inconsistent", "Rodick", "Roddick")
    ]


def test_lone_surname_needs_first_name_role_or_topic() -> None:
    assert issues("The Zelenksy family runs a bakery in Leeds. Mr Zelenksy said bread prices had risen.") == []
    assert [i[1] for i in issues("Officials in Kyiv met. Zelenksy said the shelling had stopped.")] == ["Zelenksy"]
    assert [i[1] for i in issues("Volodymyr spoke first. Zelenksy said the shelling had stopped.")] == ["Zelenksy"]


def test_an_occupation_that_is_no_office_of_theirs_is_someone_else() -> None:
    assert issues("Film director Jerome Powel premiered his documentary at the festival in Austin.") == []
    assert issues("Rugby: replacement Jerome Powel came on for Davies.") == []
    assert [i[2] for i in issues("Fed chair Jerome Powel said rates would stay on hold.")] == ["Jerome Powell"]


def test_offices_that_start_after_the_article_are_ignored() -> None:
    assert article_year("Published: 12 March 2005\n\nText.") == 2005
    assert article_year("By Ana Ruiz\nMarch 3, 2011\n\nText.") == 2011
    assert article_year("No date here, only 2004 in passing.") is None
    assert start_year("President of France (2017-)") == 2017
    assert issues("Published: 12 March 2005\n\nTalks with President Emanuel Macron in Paris went well.") == []
    assert [i[1] for i in issues("Published: 12 March 2019\n\nTalks with President Emanuel Macron went well.")] == [
        "Emanuel Macron"
    ]


def test_occupation_words() -> None:
    assert occupation("film director") and occupation("the rugby replacement")
    assert not occupation("Treasury Secretary") and not occupation("")


def test_batch_lone_surname_needs_topic_agreement() -> None:
    politics = {
        f"p{i}.txt": f"Deputy Prime Minister John Prescott spoke in Hull on day {i}. Tony Blair and Labour agreed."
        for i in range(7)
    }
    texts = {**politics, "rugby.txt": "Bath: Replacements: Priscott for Roberts, Green for Dowd, Skivington."}
    docs = {p: Document(t, path=p) for p, t in texts.items()}
    mentions = {p: collect(d) for p, d in docs.items()}
    topics = {p: topic(d, mentions[p]) for p, d in docs.items()}
    assert judge(mentions, topics=topics) == {}
    texts["blair.txt"] = "Tony Blair said in Hull that Priscott would lead the Labour campaign."
    docs["blair.txt"] = Document(texts["blair.txt"], path="blair.txt")
    mentions["blair.txt"], topics["rugby.txt"] = collect(docs["blair.txt"]), topics["rugby.txt"]
    topics["blair.txt"] = topic(docs["blair.txt"], mentions["blair.txt"])
    found = judge(mentions, topics=topics)
    assert list(found) == ["blair.txt"]
