"""What the pages and the API both show: the record's states (folded by the read models) presented as the
bodies both adapters render, per audience (`full` readers get contact data and minors' names; the public
does not).

The JSON API (`tracker/api/`) answers with these bodies as they are, dumped through the response schemas of
`tracker/contract/`; the pages (`tracker/web/`, through their `*_queries.py`) render the same bodies, so a
page never shows what the API would hide from the same reader. Plain Python: no Flask, no marshmallow.
"""
