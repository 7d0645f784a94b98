"""Oracle for test/urllib/differential.test.ts: runs each scenario with CPython's urllib
against the same embedded httpbin and prints one JSON result per scenario (a JSON list).

stdin: {"base": "http://127.0.0.1:PORT", "raw": "http://127.0.0.1:PORT2", "scenarios": [...]}
"""
import base64
import gzip
import json
import ssl
import sys
import urllib.error
import urllib.request


def normalise_echo(body):
    if isinstance(body, str):
        body = body.encode()
    try:
        data = json.loads(body)
    except Exception:
        return {"raw": base64.b64encode(body).decode()}
    if isinstance(data, dict) and isinstance(data.get("headers"), dict):
        if "User-Agent" in data["headers"]:
            data["headers"]["User-Agent"] = "<ua>"
    return {"json": data}


def build(sc):
    handlers = []
    for h in sc.get("handlers", []):
        if h == "basic":
            mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            mgr.add_password(None, [sc["base"], SPEC["raw"]], sc["auth"][0], sc["auth"][1])
            handlers.append(urllib.request.HTTPBasicAuthHandler(mgr))
        elif h == "digest":
            mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            mgr.add_password(None, [sc["base"], SPEC["raw"]], sc["auth"][0], sc["auth"][1])
            handlers.append(urllib.request.HTTPDigestAuthHandler(mgr))
        elif h == "cookies":
            handlers.append(urllib.request.HTTPCookieProcessor())
        elif h == "noredirect":
            class NoRedirect(urllib.request.HTTPRedirectHandler):
                def redirect_request(self, *a, **k):
                    return None
            handlers.append(NoRedirect)
        elif h == "tls":
            ctx = ssl.create_default_context(cafile=SPEC["caFile"])
            handlers.append(urllib.request.HTTPSHandler(context=ctx))
        elif h == "proxy":
            handlers.append(urllib.request.ProxyHandler({"http": sc["proxy"], "https": sc["proxy"]}))
    if "proxy" not in sc.get("handlers", []):
        handlers.append(urllib.request.ProxyHandler({}))
    opener = urllib.request.build_opener(*handlers)
    opener.addheaders = [("User-agent", "differential/1.0")]  # same bytes on both sides
    return opener


def error_result(e):
    out = {"error": type(e).__name__}
    if isinstance(e, urllib.error.HTTPError):
        out.update(code=e.code, reason=e.reason, url=e.geturl(), body=normalise_echo(e.read()))
    elif isinstance(e, urllib.error.URLError):
        out["reason"] = e.reason if isinstance(e.reason, str) else type(e.reason).__name__
    return out


def make_request(sc, url):
    data = sc["data"].encode() if sc.get("data") is not None else None
    return urllib.request.Request(url, data=data, headers=sc.get("headers", {}), method=sc.get("method"))


def run_open(sc):
    opener = build(sc)
    try:
        resp = opener.open(make_request(sc, sc["url"]), timeout=10)
        body = resp.read()
        if resp.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)  # proves it arrived still compressed
        out = {"status": resp.status, "reason": getattr(resp, "reason", None), "url": resp.geturl(),
               "body": normalise_echo(body),
               "headers": {k: resp.headers.get(k) for k in sc.get("respHeaders", [])}}
        resp.close()
        if sc.get("then"):
            r2 = opener.open(sc["then"], timeout=10)
            out["then"] = {"status": r2.status, "url": r2.geturl(), "body": normalise_echo(r2.read())}
        return out
    except Exception as e:
        return error_result(e)


def run_retrieve(sc):
    calls = []
    try:
        urllib.request.install_opener(build(sc))
        data = sc["data"].encode() if sc.get("data") is not None else None
        filename, headers = urllib.request.urlretrieve(sc["url"], sc.get("filename"), lambda *a: calls.append(list(a)), data)
        with open(filename, "rb") as f:
            size = len(f.read())
        return {"calls": calls, "size": size, "ctype": headers.get("Content-Type")}
    except Exception as e:
        out = error_result(e)
        out["calls"] = calls
        return out
    finally:
        urllib.request.urlcleanup()


SPEC = {}


def main():
    spec = json.load(sys.stdin)
    SPEC.update(spec)
    results = []
    for sc in spec["scenarios"]:
        sc = dict(sc)
        for key in ("url", "then"):
            if sc.get(key):
                sc[key] = sc[key].replace("{base}", spec["base"]).replace("{raw}", spec["raw"])
        sc["base"] = spec["base"]
        results.append(run_retrieve(sc) if sc.get("kind") == "retrieve" else run_open(sc))
    json.dump(results, sys.stdout)


main()
