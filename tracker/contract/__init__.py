"""The command contract: what each command accepts, as marshmallow schemas, and the vocabularies it offers.

Both HTTP adapters load a body with these schemas before they call a command handler (`tracker/commands/`):
the JSON API (`tracker/api/`, which also documents them in its OpenAPI document) and the pages' forms
(`tracker/web/`), so a page accepts and refuses exactly what the API does, with the same messages under the
same field names. The sample forum (`tracker/demo/`) and `bench/generate.py` load their commands through them
too. The response bodies the API documents sit beside the requests they answer.

One module per area: `forums`, `sessions`, `contributions`, `plans` (plans, publications, consultations,
commitments, endorsements, assessments, judgements), `compliance` and `report` (their query parameters and
answers); `base` holds the fields and schemas they share and `errors` flattens their refusals. The closed lists
of codes they offer are defined once, in `tracker/domain/vocabulary.py`.

marshmallow only: nothing here imports Flask, flask-smorest or an adapter.
"""
