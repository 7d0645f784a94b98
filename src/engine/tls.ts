/**
 * TLS on top of a connected TCP socket: for new HTTPS connections and for CONNECT tunnels
 * (startTls). Verification is on unless `rejectUnauthorized: false`; the hostname check can be
 * turned off alone (`checkHostname: false`, Python's ssl check_hostname); SNI is sent for DNS
 * names only (RFC 6066 §3); ALPN offers http/1.1. Failures are TlsError naming host and port.
 */
import * as net from 'node:net';
import type * as tls from 'node:tls';
import { TlsError } from './errors.js';
import type { TlsSettings } from './types.js';

/** Strips IPv6 brackets: "[::1]" → "::1". */
export function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** node:tls, loaded on first use: plain-HTTP users never pay its import (~3 ms). */
let tlsModule: typeof tls | null = null;

/**
 * Secure contexts cached per frozen settings object (issue 5: "TLS contexts cached, not rebuilt
 * per connection"). Building one parses the CA bundle and key (milliseconds for Node's roots);
 * the pool hands every connection of a pool the same frozen TlsSettings. Only frozen objects
 * are cached: a mutable one could change under its cached context.
 */
const contexts = new WeakMap<TlsSettings, tls.SecureContext>();

/** Counters for tests and diagnostics: secure contexts built and reused. */
export const tlsContextStats = { created: 0, reused: 0 };

function secureContextFor(api: typeof tls, settings: TlsSettings): tls.SecureContext {
  const cacheable = Object.isFrozen(settings);
  if (cacheable) {
    const hit = contexts.get(settings);
    if (hit !== undefined) {
      tlsContextStats.reused++;
      return hit;
    }
  }
  const ctx = api.createSecureContext({
    ca: settings.ca as tls.SecureContextOptions['ca'],
    cert: settings.cert as tls.SecureContextOptions['cert'],
    key: settings.key as tls.SecureContextOptions['key'],
    passphrase: settings.passphrase,
    minVersion: settings.minVersion,
    ciphers: settings.ciphers,
  });
  tlsContextStats.created++;
  if (cacheable) contexts.set(settings, ctx);
  return ctx;
}

/** Runs the TLS handshake over a connected socket (also used by startTls for CONNECT tunnels). */
export async function upgradeTls(socket: net.Socket, settings: TlsSettings, host: string, port: number, track?: (s: net.Socket) => void): Promise<tls.TLSSocket> {
  tlsModule ??= await import('node:tls');
  const tlsApi = tlsModule;
  return new Promise((resolve, reject) => {
    const name = bareHost(settings.servername ?? host);
    const verify = settings.rejectUnauthorized !== false;
    const options: tls.ConnectionOptions = {
      socket,
      host: name,
      rejectUnauthorized: verify,
      ALPNProtocols: settings.alpnProtocols ?? ['http/1.1'],
    };
    // RFC 6066 §3: SNI carries DNS names only, never IP literals.
    if (net.isIP(name) === 0) options.servername = name;
    if (verify && settings.checkHostname === false) options.checkServerIdentity = () => undefined;
    let tlsSocket: tls.TLSSocket;
    try {
      // CA, certificate, key, passphrase, minVersion and ciphers all live in the (cached) context.
      options.secureContext = secureContextFor(tlsApi, settings);
      tlsSocket = tlsApi.connect(options);
      track?.(tlsSocket);
    } catch (err) {
      socket.destroy();
      reject(new TlsError(`TLS setup for ${host}:${port} failed: ${(err as Error).message}`, { cause: err }));
      return;
    }
    const onError = (err: Error): void => {
      tlsSocket.destroy();
      socket.destroy(); // the TLS wrapper does not always take the TCP socket down with it
      reject(tlsError(err, host, port));
    };
    tlsSocket.once('error', onError);
    tlsSocket.once('secureConnect', () => {
      tlsSocket.off('error', onError);
      resolve(tlsSocket);
    });
  });
}

const VERIFY_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_REVOKED', 'CERT_UNTRUSTED', 'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH', 'INVALID_CA', 'CERT_SIGNATURE_FAILURE',
]);

/** Python's ssl wording ("CERTIFICATE_VERIFY_FAILED") plus the host, so users see which peer failed. */
function tlsError(err: Error, host: string, port: number): TlsError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (VERIFY_CODES.has(code)) {
    return new TlsError(`[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed for ${host}:${port}: ${err.message} (${code})`, { cause: err });
  }
  return new TlsError(`TLS handshake with ${host}:${port} failed: ${err.message}`, { cause: err });
}

