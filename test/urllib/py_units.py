"""Oracle for test/urllib/units-differential.test.ts: CPython's urllib.request helpers on
generated inputs. stdin: {"requests": [...], "mimetypes": [...], ...}; stdout: same keys, results."""
import base64
import json
import mimetypes
import posixpath
import sys
import urllib.request as ur
from urllib.parse import _splitport


def err(e):
    return {"error": type(e).__name__}


def request(spec):
    try:
        data = spec["data"].encode() if spec.get("data") is not None else None
        r = ur.Request(spec["url"], data=data, headers=spec.get("headers", {}), method=spec.get("method"))
        for k, v in spec.get("unredirected", []):
            r.add_unredirected_header(k, v)
        out = {"type": r.type, "host": r.host, "selector": r.selector, "full_url": r.full_url,
               "fragment": r.fragment, "origin_req_host": r.origin_req_host, "method": r.get_method(),
               "items": sorted(r.header_items()), "has_ct": r.has_header("Content-type"),
               "get_ct": r.get_header("Content-type")}
        if spec.get("newData") is not None:
            r.data = spec["newData"].encode()
            out["after_data"] = sorted(r.header_items())
        if spec.get("proxy"):
            r.set_proxy(spec["proxy"][0], spec["proxy"][1])
            out["proxied"] = [r.type, r.host, r.selector, r.has_proxy(), r._tunnel_host]
        return out
    except Exception as e:
        return err(e)


def dataurl(url):
    try:
        resp = ur.DataHandler().data_open(ur.Request(url))
        return {"headers": list(resp.info().items()), "body": base64.b64encode(resp.read()).decode(), "url": resp.geturl()}
    except Exception as e:
        return err(e)


def safe(fn):
    def run(x):
        try:
            r = fn(x)
            return list(r) if isinstance(r, tuple) else r
        except Exception as e:
            return err(e)
    return run


def password(spec):
    mgr = {"plain": ur.HTTPPasswordMgr, "default": ur.HTTPPasswordMgrWithDefaultRealm,
           "prior": ur.HTTPPasswordMgrWithPriorAuth}[spec["kind"]]()
    for realm, uri, user, pw in spec["add"]:
        mgr.add_password(realm, uri, user, pw)
    out = {"find": [list(mgr.find_user_password(realm, uri)) for realm, uri in spec["find"]],
           "reduce": [list(mgr.reduce_uri(u, d)) for u, d in spec["reduce"]]}
    if spec["kind"] == "prior":
        out["auth"] = [mgr.is_authenticated(u) for u, _ in spec["reduce"]]
    return out


def main():
    spec = json.load(sys.stdin)
    from urllib.request import _parse_proxy, proxy_bypass_environment
    out = {
        "requests": [request(s) for s in spec["requests"]],
        "mimetypes": [safe(lambda u: mimetypes.guess_type(u))(u) for u in spec["mimetypes"]],
        "dataurls": [dataurl(u) for u in spec["dataurls"]],
        "proxies": [safe(_parse_proxy)(p) for p in spec["proxies"]],
        "bypass": [proxy_bypass_environment(h, {"no": n}) for h, n in spec["bypass"]],
        "passwords": [password(s) for s in spec["passwords"]],
        "httplist": [ur.parse_http_list(s) for s in spec["httplist"]],
        "realms": [list(ur.AbstractBasicAuthHandler()._parse_realm(h)) for h in spec["realms"]],
        "normpath": [posixpath.normpath(p) for p in spec["normpath"]],
        "pathname2url": [safe(ur.pathname2url)(p) for p in spec["pathname2url"]],
        "url2pathname": [safe(ur.url2pathname)(p) for p in spec["url2pathname"]],
        "splitport": [list(_splitport(h)) for h in spec["splitport"]],
        "title": [s.title() for s in spec["title"]],
        "capitalize": [s.capitalize() for s in spec["capitalize"]],
    }
    json.dump(out, sys.stdout)


import warnings
warnings.simplefilter("ignore")
main()
