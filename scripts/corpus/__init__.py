"""A variety corpus for esep: realistic synthetic grant reports with ground truth.

`make_corpus.py` (the CLI) draws documents of three kinds (operator_report,
project_report, competition_results) in Kazakh and Russian, renders each to
DOCX (through scripts/_render_docx.py) and PDF (one LibreOffice call), and
writes `<name>.truth.json` in the facts format of tests/golden/seed_kk.facts.json.
`score_corpus.py` reads every document with esep and scores it against its
truth (see `corpus.score`).

Modules: `vocab` (places, bodies, NGOs, people, topics), `fmt` (the printed
variants of amounts, dates, phones, contract references, legal forms,
look-alike letters), `docs` (one generator per kind and language, building
blocks and truth side by side), `render` (DOCX/PDF), `score` (alignment and
accuracy). Nothing here imports esep except `score`'s reading step.
"""
