"""Runs test/requests/differential.test.ts scenarios through Python's Requests.

argv[1]: the httpbin base URL. stdin: JSON list of scenarios, each {steps: [request, ...]} run on
one fresh Session (trust_env off). A request: {method, path, params?, data?, json?, files?,
headers?, cookies?, auth?: ["basic"|"digest", user, pass], allow_redirects?}. Pairs come as lists
of [k, v]. stdout: per scenario, per step {status, url, history, history_urls, body}.
"""
import json
import sys

import requests
from requests.auth import HTTPDigestAuth


def tuples(v):
    if isinstance(v, list) and all(isinstance(x, list) and len(x) == 2 for x in v):
        return [tuple(x) for x in v]
    return v


def files_of(v):
    if v is None:
        return None
    return {k: tuple(spec) if isinstance(spec, list) else spec for k, spec in v.items()}


def auth_of(a):
    if a is None:
        return None
    kind, user, password = a
    return (user, password) if kind == "basic" else HTTPDigestAuth(user, password)


def run_step(s, base, step):
    kwargs = dict(
        params=tuples(step.get("params")),
        data=tuples(step.get("data")),
        json=step.get("json"),
        headers=step.get("headers"),
        cookies=step.get("cookies"),
        hooks=None,
        files=files_of(step.get("files")),
        auth=auth_of(step.get("auth")),
    )
    if "allow_redirects" in step:
        kwargs["allow_redirects"] = step["allow_redirects"]
    r = s.request(step.get("method", "GET"), base + step["path"], **kwargs)
    try:
        body = r.json()
    except ValueError:
        body = None
    try:
        r.raise_for_status()
        raised = None
    except requests.HTTPError as e:
        raised = str(e)
    return {
        "meta": {
            "encoding": r.encoding,
            "ok": r.ok,
            "is_redirect": r.is_redirect,
            "is_permanent_redirect": r.is_permanent_redirect,
            "links": r.links,
            "reason": r.reason,
            "raised": raised,
            "content_length": len(r.content),
            "text_length": len(r.text) if r.encoding else None,
        },
        "status": r.status_code,
        "url": r.url,
        "history": [h.status_code for h in r.history],
        "history_urls": [h.url for h in r.history],
        "body": body,
        "cookies": s.cookies.get_dict(),
    }


def main():
    base = sys.argv[1]
    scenarios = json.load(sys.stdin)
    out = []
    for sc in scenarios:
        with requests.Session() as s:
            s.trust_env = False
            cfg = sc.get("session") or {}
            s.headers.update(cfg.get("headers") or {})
            for k, v in (cfg.get("headers") or {}).items():
                if v is None:
                    del s.headers[k]
            s.params = cfg.get("params") or {}
            if cfg.get("auth"):
                s.auth = tuple(cfg["auth"])
            for k, v in (cfg.get("cookies") or {}).items():
                s.cookies.set(k, v)
            out.append([run_step(s, base, step) for step in sc["steps"]])
    json.dump(out, sys.stdout)


main()
