"""Oracle for test/robotparser/differential.test.ts: CPython's urllib.robotparser on each case.
stdin: [{"lines": [...], "queries": [[ua, url], ...], "agents": [...]}]; stdout: results."""
import json
import sys
import urllib.robotparser


def run(case):
    rp = urllib.robotparser.RobotFileParser()
    try:
        rp.parse(case["lines"])
    except Exception as e:
        return {"error": type(e).__name__}
    out = {"can": [], "delay": [], "rate": [], "sitemaps": rp.site_maps(), "str": str(rp)}
    for ua, url in case["queries"]:
        try:
            out["can"].append(rp.can_fetch(ua, url))
        except Exception as e:
            out["can"].append(type(e).__name__)
    for ua in case["agents"]:
        out["delay"].append(rp.crawl_delay(ua))
        rate = rp.request_rate(ua)
        out["rate"].append(None if rate is None else [rate.requests, rate.seconds])
    return out


json.dump([run(c) for c in json.load(sys.stdin)], sys.stdout)
