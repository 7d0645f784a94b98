// httpbin helpers.get_dict: the url/args/form/data/origin/headers/files/json/method fields the echo
// routes report, with httpbin's rules — repeated names become lists (semiflatten), binary data
// becomes a data: URL (json_safe), proxy headers are hidden unless ?show_env is given.
import { parseForm, type ParsedForm } from './multipart.js';
import { dict, pyLoads, type JsonValue } from './pyjson.js';
import { arg, header, type HttpbinRequest } from './request.js';
import { decodeStrict, type Pairs } from './url.js';

/** The keys httpbin's get_dict knows. */
export type EchoKey = 'url' | 'args' | 'form' | 'data' | 'origin' | 'headers' | 'files' | 'json' | 'method';

// helpers.ENV_HEADERS: what a hosting proxy adds; hidden so the echo shows the client's own headers.
const ENV_HEADERS = new Set(['X-Varnish', 'X-Request-Start', 'X-Heroku-Queue-Depth', 'X-Real-Ip', 'X-Forwarded-Proto',
  'X-Forwarded-Protocol', 'X-Forwarded-Ssl', 'X-Heroku-Queue-Wait-Time', 'X-Forwarded-For', 'X-Heroku-Dynos-In-Use',
  'X-Forwarded-Port', 'X-Request-Id', 'Via', 'Total-Route-Time', 'Connect-Time']);

/** helpers.semiflatten: one value stays a string, repeats become a list, insertion order kept. */
export function semiflatten(pairs: Pairs): Record<string, JsonValue> {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of pairs) {
    const list = grouped.get(k);
    if (list === undefined) grouped.set(k, [v]);
    else list.push(v);
  }
  const out = dict();
  for (const [k, list] of grouped) out[k] = list.length === 1 ? list[0]! : list;
  return out;
}

/** helpers.json_safe: UTF-8 text as is, anything else as a base64 data: URL. */
export function jsonSafe(bytes: Uint8Array, contentType = 'application/octet-stream'): string {
  const text = decodeStrict(bytes);
  if (text !== undefined) return text;
  return `data:${contentType};base64,${Buffer.from(bytes).toString('base64')}`;
}

/** helpers.get_headers: request headers as a dict, proxy headers hidden unless ?show_env. */
export function echoHeaders(req: HttpbinRequest): Record<string, string> {
  const showEnv = arg(req, 'show_env') !== undefined;
  const out = dict<string>();
  for (const [k, v] of req.headers) if (showEnv || !ENV_HEADERS.has(k)) out[k] = v;
  return out;
}

/** X-Forwarded-For when a proxy set it, else the peer address. */
export function origin(req: HttpbinRequest): string {
  return header(req, 'X-Forwarded-For') ?? req.remoteAddr;
}

// get_files: only the first file per field name (MultiDict.items() is not multi).
function echoFiles(form: ParsedForm): Record<string, JsonValue> {
  const out = dict();
  for (const file of form.files) {
    if (file.name in out) continue;
    out[file.name] = jsonSafe(file.content, file.contentType || 'application/octet-stream');
  }
  return out;
}

/** helpers.get_url: the echoed url, with the scheme a proxy reports via X-Forwarded-Proto & co. */
export function echoUrl(req: HttpbinRequest): string {
  let proto = header(req, 'X-Forwarded-Proto') ?? header(req, 'X-Forwarded-Protocol');
  if (proto === undefined && header(req, 'X-Forwarded-Ssl') === 'on') proto = 'https';
  if (proto === undefined) return req.url;
  return proto + req.url.slice(req.url.indexOf(':'));
}

/** helpers.get_dict(*keys, **extras). */
export function getDict(req: HttpbinRequest, keys: readonly EchoKey[], extras: Record<string, JsonValue> = {}): Record<string, JsonValue> {
  const form = parseForm(header(req, 'Content-Type'), req.body);
  // Flask's request.data is empty once the form parser consumed the body.
  const data = form.isForm ? Buffer.alloc(0) : req.body;
  const text = decodeStrict(data);
  const all: Record<EchoKey, () => JsonValue> = {
    url: () => echoUrl(req),
    args: () => semiflatten(req.args),
    form: () => semiflatten(form.fields),
    data: () => jsonSafe(data),
    origin: () => origin(req),
    headers: () => echoHeaders(req),
    files: () => echoFiles(form),
    json: () => (text === undefined ? null : pyLoads(text)),
    method: () => req.method,
  };
  const out = dict();
  for (const key of keys) out[key] = all[key]();
  return Object.assign(out, extras);
}
