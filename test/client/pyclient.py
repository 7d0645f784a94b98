"""Differential oracle: read raw responses with CPython's http.client and print JSON lines.

stdin: JSON list of {"name", "port", "method", "mode"} (mode: "all" = read(), "read7" = read(7)
until b'', "lines" = readline() until b''); for each, one JSON line on stdout with the head
(status, reason, version, headers, chunked, will_close, length), the body (base64) or the error
(class name, where it happened, and the key arguments).
"""
import base64, http.client, json, socket, sys


def describe(exc, where):
    out = {"error": type(exc).__name__, "where": where}
    if isinstance(exc, http.client.IncompleteRead):
        out["partial"] = base64.b64encode(exc.partial).decode()
        out["expected"] = exc.expected
    elif isinstance(exc, http.client.BadStatusLine):
        out["line"] = exc.line
    elif isinstance(exc, http.client.UnknownProtocol):
        out["version"] = exc.version
    out["message"] = str(exc)
    return out


def run(case):
    conn = http.client.HTTPConnection("127.0.0.1", case["port"], timeout=10)
    try:
        conn.request(case["method"], "/" + case["name"])
        try:
            r = conn.getresponse()
        except Exception as exc:  # noqa: BLE001 — we report whatever CPython raises
            return describe(exc, "head")
        out = {
            "status": r.status, "reason": r.reason, "version": r.version,
            "headers": [[k, v] for k, v in r.getheaders()],
            "chunked": r.chunked, "will_close": r.will_close, "length": r.length,
        }
        pieces = []
        try:
            mode = case.get("mode", "all")
            if mode == "all":
                pieces.append(r.read())
            else:
                for _ in range(1_000_000):
                    piece = r.read(7) if mode == "read7" else r.readline()
                    if not piece:
                        break
                    pieces.append(piece)
                out["pieces"] = [len(p) for p in pieces]
            out["body"] = base64.b64encode(b"".join(pieces)).decode()
        except Exception as exc:  # noqa: BLE001
            if pieces and case.get("mode", "all") != "all":
                out["pieces"] = [len(p) for p in pieces]
            out.update(describe(exc, "body"))
        return out
    finally:
        conn.close()


for case in json.load(sys.stdin):
    result = run(case)
    result["name"] = case["name"] + "/" + case.get("mode", "all")
    print(json.dumps(result), flush=True)
