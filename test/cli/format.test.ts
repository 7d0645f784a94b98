import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BINARY_NOTICE, charsetOf, formatBody, formatHead, httpVersion, type MessageView } from '../../src/cli/format.js';
import { contentRangeStart, filenameFromContentDisposition, filenameFromUrl, uniqueFilename } from '../../src/cli/download.js';
import { writeExchange } from '../../src/cli/output.js';

const enc = (s: string) => new TextEncoder().encode(s);
const json: MessageView = {
  startLine: 'HTTP/1.1 200 OK',
  headers: [['Server', 'x'], ['Content-Type', 'application/json'], ['Content-Length', '15'], ['Access-Control-Allow-Origin', '*']],
  body: enc('{"b":1,"a":[true,"é"]}'),
  contentType: 'application/json',
};

test('formatHead: sorted headers when formatting, as received with CRLF when not', () => {
  assert.equal(formatHead(json, { pretty: 'format', toTerminal: true }),
    'HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: *\nContent-Length: 15\nContent-Type: application/json\nServer: x');
  assert.equal(formatHead(json, { pretty: 'none', toTerminal: false }),
    'HTTP/1.1 200 OK\r\nServer: x\r\nContent-Type: application/json\r\nContent-Length: 15\r\nAccess-Control-Allow-Origin: *');
  const colored = formatHead(json, { pretty: 'all', toTerminal: true });
  assert.match(colored, /\u001b\[/);
  assert.equal(colored.replace(/\u001b\[[\d;]*m/g, ''), formatHead(json, { pretty: 'format', toTerminal: true }));
});

test('formatBody: JSON indented by 4 with sorted keys, raw bytes with --pretty=none', () => {
  assert.equal(formatBody(json, { pretty: 'format', toTerminal: true }), '{\n    "a": [\n        true,\n        "é"\n    ],\n    "b": 1\n}');
  assert.deepEqual(formatBody(json, { pretty: 'none', toTerminal: false }), json.body);
  const colored = formatBody(json, { pretty: 'all', toTerminal: true }) as string;
  assert.equal(colored.replace(/\u001b\[[\d;]*m/g, ''), formatBody(json, { pretty: 'format', toTerminal: true }));
  // Not JSON-ish: left alone; invalid JSON: left alone.
  const html: MessageView = { ...json, contentType: 'image/svg', body: enc('{"a":1}') };
  assert.equal(formatBody(html, { pretty: 'format', toTerminal: true }), '{"a":1}');
  assert.equal(formatBody(html, { pretty: 'format', toTerminal: true, explicitJson: true }), '{\n    "a": 1\n}');
  const bad: MessageView = { ...json, body: enc('{nope') };
  assert.equal(formatBody(bad, { pretty: 'format', toTerminal: true }), '{nope');
});

test('binary bodies: a notice on a terminal, bytes otherwise', () => {
  const bin: MessageView = { ...json, contentType: 'application/octet-stream', body: new Uint8Array([1, 0, 2]) };
  assert.equal(formatBody(bin, { pretty: 'all', toTerminal: true }), BINARY_NOTICE);
  assert.deepEqual(formatBody(bin, { pretty: 'format', toTerminal: false }), bin.body);
});

test('charset decoding and helpers', () => {
  assert.equal(charsetOf('text/html; charset="ISO-8859-1"'), 'iso-8859-1');
  assert.equal(charsetOf('text/html'), null);
  const latin: MessageView = { ...json, contentType: 'text/plain; charset=latin1', body: new Uint8Array([0x63, 0x61, 0x66, 0xe9]) };
  assert.equal(formatBody(latin, { pretty: 'format', toTerminal: true }), 'café');
  assert.equal(httpVersion(10), 'HTTP/1.0');
  assert.equal(httpVersion(11), 'HTTP/1.1');
});

test('writeExchange: request and response parts as --print says', () => {
  const out: string[] = [];
  const sink = { write: (c: string | Uint8Array) => out.push(typeof c === 'string' ? c : new TextDecoder().decode(c)) };
  const request: MessageView = { startLine: 'POST /post HTTP/1.1', headers: [['Host', 'x']], body: enc('{"a": 1}'), contentType: 'application/json' };
  writeExchange(sink, request, json, { print: 'HBhb', pretty: 'format', toTerminal: true });
  const text = out.join('');
  assert.match(text, /^POST \/post HTTP\/1\.1\nHost: x\n\n\{\n {4}"a": 1\n\}\n\n\nHTTP\/1\.1 200 OK\n/);
  out.length = 0;
  writeExchange(sink, request, json, { print: 'b', pretty: 'none', toTerminal: false });
  assert.equal(out.join(''), '{"b":1,"a":[true,"é"]}');
});

test('download file names as HTTPie', () => {
  assert.equal(filenameFromContentDisposition('attachment; filename="report.csv"'), 'report.csv');
  assert.equal(filenameFromContentDisposition('attachment; filename=plain.txt'), 'plain.txt');
  assert.equal(filenameFromContentDisposition("attachment; filename*=UTF-8''na%C3%AFve.txt"), 'naïve.txt');
  assert.equal(filenameFromContentDisposition('attachment; filename="../../etc/passwd"'), 'passwd');
  assert.equal(filenameFromContentDisposition('inline'), null);
  assert.equal(filenameFromUrl('http://x.org/a/file.tar.gz', 'application/gzip'), 'file.tar.gz');
  assert.equal(filenameFromUrl('http://x.org/', 'text/html; charset=utf-8'), 'index.html');
  assert.equal(filenameFromUrl('http://x.org/get', 'application/json'), 'get.json');
  assert.equal(filenameFromUrl('http://x.org/bytes/10', 'application/octet-stream'), '10.bin');
  assert.equal(filenameFromUrl('http://x.org/robots', 'text/plain'), 'robots.txt');
  const taken = new Set(['a.txt', 'a.txt-1']);
  assert.equal(uniqueFilename('a.txt', (p) => taken.has(p)), 'a.txt-2');
  assert.equal(uniqueFilename('b.txt', (p) => taken.has(p)), 'b.txt');
});

test('--unsorted keeps header and JSON key order', () => {
  const o = { pretty: 'format' as const, toTerminal: true, sorted: false };
  assert.equal(formatHead(json, o), 'HTTP/1.1 200 OK\nServer: x\nContent-Type: application/json\nContent-Length: 15\nAccess-Control-Allow-Origin: *');
  assert.equal(formatBody(json, o), '{\n    "b": 1,\n    "a": [\n        true,\n        "é"\n    ]\n}');
});

test('Content-Range first byte', () => {
  assert.equal(contentRangeStart('bytes 100-999/1000'), 100);
  assert.equal(contentRangeStart('bytes 0-0/*'), 0);
  assert.equal(contentRangeStart('bytes */1000'), null);
  assert.equal(contentRangeStart(null), null);
});
