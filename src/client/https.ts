/**
 * HTTPSConnection: HTTPConnection over TLS (CPython http.client.HTTPSConnection).
 *
 * Verification is on by default (chain and host name, as ssl.create_default_context()); SNI is
 * the host (the tunnel host through a proxy); ALPN offers http/1.1 as CPython does. A failed
 * verification is an SSLCertVerificationError whose message names the host.
 */
import type { ConnectOptions, TlsSettings } from '../engine/types.js';
import { HTTPConnection, type HTTPConnectionOptions } from './connection.js';
import { HTTPS_PORT } from './status.js';

/**
 * TLS options (the SSLContext settings that matter here): the engine's TlsSettings — `ca`, `cert`,
 * `key`, `passphrase`, `rejectUnauthorized` (default true), `checkHostname` (default: true when
 * verifying), `servername` (default: the host, or the tunnel host), `alpnProtocols` (default
 * ['http/1.1'], as CPython's default context), `minVersion`, `ciphers`.
 */
export type HTTPSContext = TlsSettings;

export interface HTTPSConnectionOptions extends HTTPConnectionOptions, HTTPSContext {
  /** A context object with the same fields (Python's `context=`); explicit options win over it. */
  context?: HTTPSContext;
}

export class HTTPSConnection extends HTTPConnection {
  static override defaultPort = HTTPS_PORT;
  /** The effective TLS settings (Python's `_context`). */
  readonly context: Readonly<TlsSettings>;

  constructor(host: string, opts: HTTPSConnectionOptions = {}) {
    super(host, opts);
    this.context = tlsSettings({ ...opts.context, ...definedTls(opts) });
  }

  protected override connectOptions(direct: boolean): ConnectOptions {
    const base = super.connectOptions(direct);
    if (!direct) return base; // TLS starts after CONNECT (see tunnelTls)
    return { ...base, tls: { ...this.context, servername: this.context.servername ?? sni(this.host) } };
  }

  protected override tunnelTls(): TlsSettings & { servername?: string } {
    return { ...this.context };
  }
}

/** SNI must not be an IP literal (RFC 6066 §3); the engine defaults the same way. */
function sni(host: string): string | undefined {
  return /^[\d.]+$/.test(host) || host.includes(':') ? undefined : host;
}

function definedTls(opts: HTTPSContext): HTTPSContext {
  const out: Record<string, unknown> = {};
  for (const key of ['ca', 'cert', 'key', 'passphrase', 'rejectUnauthorized', 'checkHostname', 'servername', 'minVersion', 'ciphers', 'alpnProtocols'] as const) {
    if (opts[key] !== undefined) out[key] = opts[key];
  }
  return out as HTTPSContext;
}

/** Python: check_hostname needs verification ("check_hostname needs a SSL context with either CERT_OPTIONAL or CERT_REQUIRED"). */
function tlsSettings(ctx: HTTPSContext): TlsSettings {
  const verify = ctx.rejectUnauthorized ?? true;
  if (ctx.checkHostname === true && !verify) {
    throw new RangeError('checkHostname needs verification: rejectUnauthorized: false cannot be combined with checkHostname: true');
  }
  const settings: TlsSettings = { rejectUnauthorized: verify, checkHostname: ctx.checkHostname ?? verify, alpnProtocols: ctx.alpnProtocols ?? ['http/1.1'] };
  if (ctx.ca !== undefined) settings.ca = ctx.ca;
  if (ctx.cert !== undefined) settings.cert = ctx.cert;
  if (ctx.key !== undefined) settings.key = ctx.key;
  if (ctx.passphrase !== undefined) settings.passphrase = ctx.passphrase;
  if (ctx.servername !== undefined) settings.servername = ctx.servername;
  if (ctx.minVersion !== undefined) settings.minVersion = ctx.minVersion;
  if (ctx.ciphers !== undefined) settings.ciphers = ctx.ciphers;
  return Object.freeze(settings);
}
