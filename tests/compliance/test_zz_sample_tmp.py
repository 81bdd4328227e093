from tests.compliance.test_final_report import assessed_after_the_period, final, implemented


def test_sample(app, api, clock):
    r = implemented(api)
    for lang in ("es", "en"):
        for fmt in ("html", "pdf", "md", "docx"):
            open(f"/tmp/h3/draft-{lang}.{fmt}", "wb").write(final(api, r.plan, format=fmt, lang=lang).get_data())
    assessed_after_the_period(app, api, clock, r)
    for lang in ("es", "en"):
        for fmt in ("html", "pdf", "md", "docx", "json"):
            open(f"/tmp/h3/final-{lang}.{fmt}", "wb").write(final(api, r.plan, format=fmt, lang=lang).get_data())
