# Reference side of test/parse/differential.test.ts: runs each case through CPython's
# urllib.parse (/usr/bin/python3, Debian 3.11.2) and prints the canonical results as JSON.
# Wire format: str as JSON strings (lone surrogates travel as \udXXX escapes), bytes as
# {"b": [ints]}, errors as {"e": <exception class>, "m": <message>}.
import json
import sys
from urllib import parse as P

RESULT_TYPES = (P.SplitResult, P.ParseResult, P.SplitResultBytes, P.ParseResultBytes)
DEFRAG_TYPES = (P.DefragResult, P.DefragResultBytes)


def dec(v):
    if isinstance(v, dict):
        if 'b' in v:
            return bytes(v['b'])
        if 'pairs' in v:
            return [tuple(dec(x) for x in p) for p in v['pairs']]
        if 'map' in v:
            return {dec(k): dec(x) for k, x in v['map']}
        if 'tuple' in v:
            return tuple(dec(x) for x in v['tuple'])
        if 'via' in v:
            return {'quote': P.quote, 'quotePlus': P.quote_plus}[v['via']]
    if isinstance(v, list):
        return [dec(x) for x in v]
    return v


def err(e):
    return {'e': type(e).__name__, 'm': str(e)}


def attempt(fn):
    try:
        return enc(fn())
    except Exception as e:  # noqa: BLE001 - every exception is data here
        return err(e)


def enc(r):
    if isinstance(r, RESULT_TYPES):
        return {'r': [enc(x) for x in r], 'u': attempt(lambda: r.username), 'pw': attempt(lambda: r.password),
                'h': attempt(lambda: r.hostname), 'p': attempt(lambda: r.port), 'g': attempt(r.geturl)}
    if isinstance(r, DEFRAG_TYPES):
        return {'r': [enc(x) for x in r], 'g': attempt(r.geturl)}
    if isinstance(r, (bytes, bytearray)):
        return {'b': list(r)}
    if isinstance(r, (list, tuple)):
        return [enc(x) for x in r]
    if isinstance(r, dict):
        items = [[enc(k), enc(v)] for k, v in r.items()]
        items.sort(key=lambda kv: json.dumps(kv[0]))
        return {'d': items}
    return r


FUNCS = {
    'urlsplit': P.urlsplit, 'urlparse': P.urlparse, 'urlunsplit': P.urlunsplit, 'urlunparse': P.urlunparse,
    'urldefrag': P.urldefrag, 'urljoin': P.urljoin, 'quote': P.quote, 'quotePlus': P.quote_plus,
    'quoteFromBytes': P.quote_from_bytes, 'unquote': P.unquote, 'unquotePlus': P.unquote_plus,
    'unquoteToBytes': P.unquote_to_bytes, 'urlencode': P.urlencode, 'parseQs': P.parse_qs, 'parseQsl': P.parse_qsl,
}

KWARGS = {
    'scheme': 'scheme', 'allowFragments': 'allow_fragments', 'safe': 'safe', 'encoding': 'encoding',
    'errors': 'errors', 'doseq': 'doseq', 'keepBlankValues': 'keep_blank_values',
    'strictParsing': 'strict_parsing', 'maxNumFields': 'max_num_fields', 'separator': 'separator',
    'quoteVia': 'quote_via',
}


def run(case):
    fn = FUNCS[case['f']]
    args = [dec(a) for a in case['a']]
    kwargs = {KWARGS[k]: dec(v) for k, v in case.get('k', {}).items()}
    return attempt(lambda: fn(*args, **kwargs))


def main():
    cases = json.load(sys.stdin)
    P.clear_cache()
    out = [run(c) for c in cases]
    sys.stdout.write(json.dumps(out, ensure_ascii=True))


main()
