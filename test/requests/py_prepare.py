"""Prepares requests with Python's Requests for test/requests/models.test.ts.

stdin: a JSON list of cases {method, url, params?, data?, json?, headers?, files?}; pairs arrive as
lists of [k, v] and are turned into lists of tuples. stdout: one JSON result per case:
{url, headers, body (latin-1 text or null)} or {error: ExceptionClassName}.
"""
import json
import sys

import requests


def tuples(v):
    if isinstance(v, list) and all(isinstance(x, list) and len(x) == 2 for x in v):
        return [tuple(x) for x in v]
    return v


def files_of(v):
    if v is None:
        return None
    out = {}
    for k, spec in v.items():
        out[k] = tuple(spec) if isinstance(spec, list) else spec
    return out


def main():
    cases = json.load(sys.stdin)
    results = []
    for c in cases:
        try:
            p = requests.Request(
                c.get("method", "GET"),
                c["url"],
                params=tuples(c.get("params")),
                data=tuples(c.get("data")),
                json=c.get("json"),
                headers=c.get("headers"),
                files=files_of(c.get("files")),
            ).prepare()
            body = p.body
            if isinstance(body, str):
                body = body.encode("utf-8")
            results.append({
                "url": p.url,
                "path_url": p.path_url,
                "headers": dict(p.headers),
                "body": body.decode("latin-1") if body is not None else None,
            })
        except Exception as e:  # noqa: BLE001
            results.append({"error": type(e).__name__})
    json.dump(results, sys.stdout)


main()
