"""Oracle for the hostile suite: serves each case of cases.ts (JSON on stdin, from dump-cases.ts)
on a raw socket and reads it with CPython's http.client, Requests and urllib.request; prints one
line per case and layer: the error (class, MRO, message) or the status/body, and how many
connections the second request needed. Run: npx tsx test/hostile/dump-cases.ts | /usr/bin/python3 test/hostile/py_oracle.py [name...]
"""
import base64, http.client, json, socket, sys, threading, time, urllib.request
import requests

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"


class Server:
    def __init__(self, steps):
        self.steps, self.count, self.socks = steps, 0, []
        self.lsock = socket.socket()
        self.lsock.bind(("127.0.0.1", 0))
        self.lsock.listen(16)
        self.port = self.lsock.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                s, _ = self.lsock.accept()
            except OSError:
                return
            self.socks.append(s)
            idx, self.count = self.count, self.count + 1
            threading.Thread(target=self.serve, args=(s, idx), daemon=True).start()

    def read_head(self, s, buf):
        while b"\r\n\r\n" not in buf:
            d = s.recv(65536)
            if not d:
                return None
            buf += d
        return buf[buf.index(b"\r\n\r\n") + 4:]

    def serve(self, s, idx):
        buf = b""
        try:
            if idx > 0:
                for _ in range(8):
                    buf = self.read_head(s, buf)
                    if buf is None:
                        return
                    s.sendall(OK)
                return
            for st in self.steps:
                if "respond" in st:
                    buf = self.read_head(s, buf)
                    if buf is None:
                        return
                    for i, part in enumerate(st["respond"]):
                        if i and st.get("gap"):
                            time.sleep(st["gap"] / 1000)
                        s.sendall(base64.b64decode(part))
                elif "awaitRequest" in st:
                    buf = self.read_head(s, buf)
                elif "close" in st:
                    s.shutdown(socket.SHUT_WR)
                elif "destroy" in st:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    s.close()
                    return
            time.sleep(3)
        except OSError:
            pass

    def close(self):
        self.lsock.close()
        for s in self.socks:
            try:
                s.close()
            except OSError:
                pass


def err(e):
    return {"error": type(e).__module__ + "." + type(e).__name__, "mro": [c.__name__ for c in type(e).__mro__[:-2]], "msg": str(e)[:200]}


def via_client(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=0.3)
    out = []
    for _ in range(2):
        try:
            c.request("GET", "/")
            r = c.getresponse()
            out.append({"status": r.status, "body": r.read()[:60].decode("latin1")})
        except Exception as e:
            out.append(err(e))
    c.close()
    return out


def via_requests(port):
    s = requests.Session()
    s.trust_env = False
    out = []
    for _ in range(2):
        try:
            r = s.get(f"http://127.0.0.1:{port}/", timeout=0.3)
            out.append({"status": r.status_code, "body": r.content[:60].decode("latin1")})
        except Exception as e:
            out.append(err(e))
    s.close()
    return out


def via_urllib(port):
    out = []
    for _ in range(2):
        try:
            r = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=0.3)
            out.append({"status": r.status, "body": r.read()[:60].decode("latin1")})
        except Exception as e:
            out.append(err(e))
    return out


def main():
    cases = json.load(sys.stdin)
    names = sys.argv[1:]
    for case in cases:
        if names and case["name"] not in names:
            continue
        for layer, fn in (("client", via_client), ("requests", via_requests), ("urllib", via_urllib)):
            srv = Server(case["steps"])
            try:
                res = fn(srv.port)
            except Exception as e:
                res = [err(e)]
            print(json.dumps({"case": case["name"], "layer": layer, "conns": srv.count, "res": res}), flush=True)
            srv.close()


main()
