/**
 * TLS options → the engine's TlsSettings, and the TLS part of the pool key.
 *
 * Files (CA bundle, CA directory, client cert and key) are read once and cached by path, size
 * and mtime, so a pool's connections share one frozen TlsSettings object (the engine may cache
 * its secure context on that identity). The key covers every option: two requests with
 * different `verify`, CA or client certificate never share a socket (urllib3's pool key).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TlsSettings } from '../engine/types.js';
import type { PoolTlsOptions } from './types.js';

const MAX_CACHED = 64;
const settingsCache = new Map<string, Readonly<TlsSettings>>();
const digestCache = new Map<string | Uint8Array, string>();

/** Requests' CA bundle environment variables, in its order: REQUESTS_CA_BUNDLE, then CURL_CA_BUNDLE. */
export function caBundleFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  return env['REQUESTS_CA_BUNDLE'] || env['CURL_CA_BUNDLE'] || null;
}

/** Per-request options over the manager's defaults (undefined fields fall back). */
export function mergeTls(base: PoolTlsOptions | undefined, over: PoolTlsOptions | undefined): PoolTlsOptions {
  if (!over) return base ?? {};
  if (!base || isEmpty(base)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) if (v !== undefined) out[k] = v;
  return out as PoolTlsOptions;
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

const TLS_FIELDS = ['verify', 'checkHostname', 'ca', 'caFile', 'caDir', 'cert', 'certFile', 'key', 'keyFile', 'passphrase', 'servername', 'minVersion', 'ciphers'] as const;

/** Same options, field by field (identity of values): lets callers that build a fresh options object per request hit caches. */
export function sameTls(a: PoolTlsOptions, b: PoolTlsOptions): boolean {
  if (a === b) return true;
  for (const f of TLS_FIELDS) if (a[f] !== b[f]) return false;
  return true;
}

/** The pool-key part for TLS options: stable, short, and different for any differing option. */
export function tlsKey(opts: PoolTlsOptions): string {
  return [
    opts.verify === false ? 'noverify' : 'verify',
    opts.checkHostname === false ? 'nohost' : 'host',
    digestOf(opts.ca), fileId(opts.caFile), fileId(opts.caDir),
    digestOf(opts.cert), fileId(opts.certFile), digestOf(opts.key), fileId(opts.keyFile),
    opts.passphrase === undefined ? '' : digestOf(opts.passphrase),
    opts.servername ?? '', opts.minVersion ?? '', opts.ciphers ?? '',
  ].join('|');
}

/** The engine settings for these options, cached by key (files read once per change). */
export function resolveTls(opts: PoolTlsOptions, key = tlsKey(opts)): Readonly<TlsSettings> {
  const hit = settingsCache.get(key);
  if (hit) return hit;
  const settings = Object.freeze(buildSettings(opts));
  if (settingsCache.size >= MAX_CACHED) settingsCache.delete(settingsCache.keys().next().value!);
  settingsCache.set(key, settings);
  return settings;
}

function buildSettings(opts: PoolTlsOptions): TlsSettings {
  const verify = opts.verify !== false;
  const out: TlsSettings = { rejectUnauthorized: verify, checkHostname: verify && opts.checkHostname !== false };
  const ca = collectCa(opts);
  if (ca.length > 0) out.ca = ca;
  const cert = opts.cert ?? (opts.certFile ? readFileSync(opts.certFile) : undefined);
  if (cert !== undefined) out.cert = cert;
  // Requests' cert='both.pem': the key may sit in the certificate file.
  const key = opts.key ?? (opts.keyFile ? readFileSync(opts.keyFile) : opts.certFile && !opts.cert ? cert : undefined);
  if (key !== undefined) out.key = key;
  if (opts.passphrase !== undefined) out.passphrase = opts.passphrase;
  if (opts.servername !== undefined) out.servername = opts.servername;
  if (opts.minVersion !== undefined) out.minVersion = opts.minVersion;
  if (opts.ciphers !== undefined) out.ciphers = opts.ciphers;
  return out;
}

function collectCa(opts: PoolTlsOptions): Array<string | Uint8Array> {
  const ca: Array<string | Uint8Array> = [];
  if (opts.ca !== undefined) {
    if (typeof opts.ca === 'string' || opts.ca instanceof Uint8Array) ca.push(opts.ca);
    else ca.push(...(opts.ca as ReadonlyArray<string | Uint8Array>));
  }
  if (opts.caFile) ca.push(readFileSync(opts.caFile));
  if (opts.caDir) {
    // OpenSSL's capath holds hashed names (abcd1234.0) as well as *.pem: take every PEM file.
    for (const name of readdirSync(opts.caDir).sort()) {
      const path = join(opts.caDir, name);
      if (!statSync(path).isFile()) continue;
      const text = readFileSync(path, 'latin1');
      if (text.includes('-----BEGIN CERTIFICATE-----')) ca.push(text);
    }
  }
  return ca;
}

/** Recheck a file's identity at most this often (ms): requests may arrive with fresh option objects. */
const FILE_RECHECK_MS = 1000;
const fileIds = new Map<string, { id: string; at: number }>();

function fileId(path: string | undefined): string {
  if (!path) return '';
  const now = Date.now();
  const memo = fileIds.get(path);
  if (memo && now - memo.at < FILE_RECHECK_MS) return memo.id;
  let id: string;
  try {
    const st = statSync(path);
    id = `${path}@${st.size}:${st.mtimeMs}`;
  } catch {
    // A missing file surfaces when the settings are built; the key only has to be stable.
    id = `${path}@missing`;
  }
  if (fileIds.size >= MAX_CACHED) fileIds.clear();
  fileIds.set(path, { id, at: now });
  return id;
}

function digestOf(v: string | Uint8Array | ReadonlyArray<string | Uint8Array> | undefined): string {
  if (v === undefined) return '';
  if (typeof v !== 'string' && !(v instanceof Uint8Array)) return v.map((x) => digestOf(x)).join(',');
  if (typeof v === 'string' && v.length <= 64) return JSON.stringify(v);
  let d = digestCache.get(v);
  if (d === undefined) {
    d = createHash('sha256').update(v).digest('base64');
    if (digestCache.size >= MAX_CACHED) digestCache.delete(digestCache.keys().next().value!);
    digestCache.set(v, d);
  }
  return d;
}
