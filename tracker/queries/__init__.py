"""What the pages and the API both show: the record's states (folded by the read models) presented as the
bodies both adapters render, per audience (`full` readers get contact data and minors' names; the public
does not).

The JSON API (`tracker/api/`) answers with these bodies as they are, dumped through the response schemas of
`tracker/contract/`; the pages (`tracker/web/`) render the same bodies, so a page never shows what the API
would hide from the same reader.

The pages' own reads live here too, as view models the templates render: `forum_pages` (home, a forum's public
page, the dashboard), `secretariat_pages` (roster, sessions, plan), `contribution_pages`, `commitment_pages`,
`audit_log` (the log page and its download), `page_charts` and `reminder_status`. They take the application's
`services` by argument from the view that calls them. Plain Python: no Flask, no marshmallow, neither adapter.
"""
