import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { decodeBytes, detectEncoding } from '../../src/requests/codec.js';
import { getEncodingFromHeaders, guessJsonUtf, parseDictHeader, parseHeaderLinks } from '../../src/requests/header-utils.js';
import { iterLinesOf, splitLinesBytes, splitLinesStr } from '../../src/requests/lines.js';

function python(code: string, input: unknown): any {
  const py = spawnSync('/usr/bin/python3', ['-c', `import json,sys\nfrom requests.utils import *\ndata=json.load(sys.stdin)\n${code}`], { input: JSON.stringify(input), encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  return JSON.parse(py.stdout);
}

test('header helpers agree with requests.utils', () => {
  const links = ['<http://a/p2>; rel="next", <http://a/p9>; rel=last', ' <u>; rel=x; type="text/html" ', '', '<a>, <b>;c=d', '<x>; broken'];
  assert.deepEqual(links.map((l) => parseHeaderLinks(l)), python('print(json.dumps([parse_header_links(v) for v in data]))', links));
  const dicts = ['realm="me@x.com", nonce="abc", qop="auth, auth-int", opaque=xyz, stale=FALSE', 'a, b=1, c="q\\"d"', 'k="v,w"'];
  assert.deepEqual(dicts.map((d) => parseDictHeader(d)), python('print(json.dumps([parse_dict_header(v) for v in data]))', dicts));
  const types = ['text/html', 'text/html; charset=UTF-8', 'application/json', 'application/json; charset="latin-1"', "text/plain; charset='x'", 'image/png', 'application/vnd.api+json', 'multipart/form-data; boundary=x', 'text/csv;charset=utf-16'];
  assert.deepEqual(types.map((t) => getEncodingFromHeaders(t)), python('print(json.dumps([get_encoding_from_headers({"content-type": v}) for v in data]))', types));
});

test('guess_json_utf over BOMs and null patterns', () => {
  const samples: Record<string, string> = {
    'utf-8': '{"a":1}',
  };
  assert.equal(guessJsonUtf(Buffer.from(samples['utf-8'] as string)), 'utf-8');
  assert.equal(guessJsonUtf(Buffer.from('{"a"', 'utf16le')), 'utf-16-le');
  assert.equal(guessJsonUtf(Buffer.from('\ufeff{"a"', 'utf16le')), 'utf-16');
  assert.equal(guessJsonUtf(Buffer.from([0xef, 0xbb, 0xbf, 0x7b])), 'utf-8-sig');
  assert.equal(guessJsonUtf(Buffer.from([0, 0, 0, 0x7b])), 'utf-32-be');
  assert.equal(guessJsonUtf(Buffer.from([0x7b, 0, 0, 0])), 'utf-32-le');
  assert.equal(guessJsonUtf(Buffer.from([0, 0x7b, 0, 0x22])), 'utf-16-be');
});

test('decoding with Python codec names: latin-1 is not windows-1252; ascii replaces; utf-16 BOM; unknown → utf-8', () => {
  const bytes = Buffer.from([0x41, 0x80, 0x9f, 0xe9]);
  assert.equal(decodeBytes(bytes, 'ISO-8859-1'), 'A\u0080\u009fé');
  assert.equal(decodeBytes(bytes, 'latin1'), 'A\u0080\u009fé');
  assert.equal(decodeBytes(bytes, 'ascii'), 'A\ufffd\ufffd\ufffd');
  assert.equal(decodeBytes(bytes, 'windows-1252'), 'A€Ÿé');
  assert.equal(decodeBytes(Buffer.from('\ufeffhi', 'utf16le'), 'utf-16'), 'hi');
  assert.equal(decodeBytes(Buffer.from('é'), 'no-such-codec'), 'é');
  assert.equal(decodeBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x68]), 'utf-8-sig'), 'h');
  assert.equal(decodeBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x68]), 'utf-8'), '\ufeffh');
});

test('apparentEncoding follows Python chardet on the common cases', () => {
  assert.equal(detectEncoding(Buffer.from('plain ascii {"a": 1}')), 'ascii');
  assert.equal(detectEncoding(Buffer.from('')), null);
  assert.equal(detectEncoding(Buffer.from('héllo wörld, ça va très bien, merci beaucoup', 'utf8')), 'utf-8');
  assert.equal(detectEncoding(Buffer.from('héllo wörld, ça va très bien, merci beaucoup', 'latin1')), 'ISO-8859-1');
});

test('splitlines and iter_lines as Python, including the split CRLF quirk', async () => {
  assert.deepEqual(splitLinesStr('a\nb\r\nc\rd\u2028e\n'), ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(splitLinesBytes(Buffer.from('a\nb\r\n\nc')).map((b) => Buffer.from(b).toString()), ['a', 'b', '', 'c']);
  async function* chunks(parts: string[]): AsyncGenerator<Uint8Array> {
    for (const p of parts) yield Buffer.from(p);
  }
  const collect = async (parts: string[], delimiter: string | null = null): Promise<string[]> => {
    const out: string[] = [];
    for await (const l of iterLinesOf(chunks(parts), delimiter)) out.push(Buffer.from(l as Uint8Array).toString());
    return out;
  };
  assert.deepEqual(await collect(['ab\ncd', 'ef\ngh']), ['ab', 'cdef', 'gh']);
  // Requests' known quirk: "\r" ending one chunk and "\n" starting the next yields an empty line.
  assert.deepEqual(await collect(['a\r', '\nb']), ['a', '', 'b']);
  assert.deepEqual(await collect(['a;b;', 'c'], ';'), ['a', 'b', '', 'c'], 'a trailing delimiter yields an empty line (Requests)');
  const py = python('import requests\nclass R(requests.Response):\n  pass\nr=R()\nr.raw=None\nr._content=False\nr._content_consumed=False\ndef it(chunk_size=1, decode_unicode=False):\n  return iter([c.encode() for c in data])\nr.iter_content=it\nprint(json.dumps([l.decode() for l in r.iter_lines()]))', ['ab\ncd', 'ef\ngh', 'x\r', '\ny\n\n', 'z']);
  assert.deepEqual(await collect(['ab\ncd', 'ef\ngh', 'x\r', '\ny\n\n', 'z']), py);
});
