from __future__ import annotations

from auditor.document import Document, Span


def test_lines_keep_offsets_with_crlf_and_cr() -> None:
    doc = Document("one\r\ntwo\rthree\nfour")
    assert [doc.text[s.start : s.end] for s in doc.lines] == ["one", "two", "three", "four"]
    assert doc.position(doc.text.index("three")) == (3, 1)
    assert doc.position(doc.text.index("hree")) == (3, 2)
    assert doc.position(0) == (1, 1)


def test_paragraphs_are_trimmed_non_blank_lines() -> None:
    doc = Document("Title\n\n  First para.  \n\t\nSecond para.\n")
    assert [doc.text[p.start : p.end] for p in doc.paragraphs] == ["Title", "First para.", "Second para."]
    second = doc.text.index("Second")
    assert doc.paragraph_index(second) == 2
    assert doc.paragraph_at(second) == doc.paragraphs[2]
    assert doc.paragraph_index(doc.text.index("\t")) is None


def test_sentence_splitter_knows_abbreviations_initials_and_acronyms() -> None:
    text = (
        "Mr. Biden met Gen. Milley in the U.S. Capitol on Jan. 5. J. R. Smith said it cost 2.5 billion. "
        "Then he left! “Why?” she asked. It ended."
    )
    doc = Document(text)
    got = [text[s.start : s.end] for s in doc.sentences]
    assert got == [
        "Mr. Biden met Gen. Milley in the U.S. Capitol on Jan. 5.",
        "J. R. Smith said it cost 2.5 billion.",
        "Then he left!",
        "“Why?” she asked.",
        "It ended.",
    ]
    assert doc.sentence_starts == frozenset(s.start for s in doc.sentences)


def test_sentences_never_cross_paragraphs() -> None:
    doc = Document("No stop here\nNext line starts anew. Two.")
    assert [doc.text[s.start : s.end] for s in doc.sentences] == ["No stop here", "Next line starts anew.", "Two."]


def test_word_count_and_empty_document() -> None:
    assert Document("Three small words").words == 3
    empty = Document("")
    assert empty.words == 0 and empty.paragraphs == () and empty.sentences == ()
    assert empty.lines == (Span(0, 0),)


def test_lower_keeps_every_offset() -> None:
    doc = Document("İstanbul and ANKARA")
    assert len(doc.lower) == len(doc.text)
    assert doc.lower.endswith("and ankara")


def test_per_document_computes_once_per_document() -> None:
    from auditor.document import per_document

    calls = []

    @per_document
    def count_words(doc: Document) -> int:
        calls.append(doc)
        return doc.words

    a, b = Document("one two"), Document("three")
    assert (count_words(a), count_words(a), count_words(b)) == (2, 2, 1)
    assert calls == [a, b]


def test_sentences_end_after_a_run_of_stops_and_the_run_is_read_once() -> None:
    text = "He waited... Then left?! “Done.” … Nobody came.  Runs " + "." * 50_000 + " stay whole"
    doc = Document(text)
    got = [text[s.start : s.end] for s in doc.sentences]
    assert got[:4] == ["He waited...", "Then left?!", "“Done.” …", "Nobody came."]
    assert len(got) == 5 and got[4].endswith("stay whole")
