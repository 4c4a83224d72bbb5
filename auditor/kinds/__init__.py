"""Rule kinds that are data, after Vale's: a rule of one of these kinds needs no code.

- ``existence``: phrases, a pattern, or the rows of a table that must not appear;
- ``substitution``: a table of wrong forms and what to write instead;
- ``repetition``: a token written twice in a row;
- ``occurrence``: too many (or too few) of something in a sentence, paragraph or document;
- ``metric``: a document measure (reading ease) outside bounds;
- ``consistency``: two accepted variants of one term mixed in one article;
- ``script``: letters of a writing system the article is not written in.

Each kind is registered like a detector (``auditor.registry``) with its options
declared; in a rule pack its options are written as top-level keys of the rule.
"""
