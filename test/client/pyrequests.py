"""Request-side oracle: send each spec with CPython's http.client to 127.0.0.1:<port>.

stdin: {"port": N, "specs": [...]}; a spec is {"kind": "request", "method", "url", "body",
"headers": [[k, v]...], "encode_chunked"} or {"kind": "low", "method", "url", "skip_host",
"skip_accept_encoding", "headers": [[k, [v...]]...], "body", "encode_chunked"}. A body is null,
{"str": s}, {"bytes": latin-1 text} or {"chunks": [latin-1 text...]}. The server records the bytes.
"""
import http.client, json, sys


def body_of(b):
    if b is None:
        return None
    if "str" in b:
        return b["str"]
    if "bytes" in b:
        return b["bytes"].encode("latin-1")
    return [c.encode("latin-1") for c in b["chunks"]]


def value_of(v):
    return v if isinstance(v, str) else int(v)


cfg = json.load(sys.stdin)
for spec in cfg["specs"]:
    conn = http.client.HTTPConnection("127.0.0.1", cfg["port"], timeout=10)
    if spec["kind"] == "request":
        headers = {k: value_of(v) for k, v in spec["headers"]}
        conn.request(spec["method"], spec["url"], body_of(spec["body"]), headers, encode_chunked=spec["encode_chunked"])
    else:
        conn.putrequest(spec["method"], spec["url"], skip_host=spec["skip_host"], skip_accept_encoding=spec["skip_accept_encoding"])
        for k, vs in spec["headers"]:
            conn.putheader(k, *[value_of(v) for v in vs])
        conn.endheaders(body_of(spec["body"]), encode_chunked=spec["encode_chunked"])
    conn.getresponse().read()
    conn.close()
print("done")
