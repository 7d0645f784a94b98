/**
 * buildOpener / installOpener / urlopen. The default chain is CPython's (without FTP):
 * ProxyHandler (from the environment), UnknownHandler, HTTPHandler, HTTPDefaultErrorHandler,
 * HTTPRedirectHandler, FileHandler, HTTPErrorProcessor, DataHandler, HTTPSHandler. A handler
 * passed as a class, or an instance, replaces every default it is a subclass/instance of.
 */
import type { HTTPSContext } from '../client/https.js';
import { OpenerDirector } from './director.js';
import { HTTPDefaultErrorHandler, HTTPErrorProcessor, UnknownHandler } from './handlers-basic.js';
import { HTTPHandler, HTTPSHandler } from './handlers-http.js';
import { DataHandler, FileHandler } from './handlers-local.js';
import { ProxyHandler } from './handlers-proxy.js';
import { HTTPRedirectHandler } from './handlers-redirect.js';
import type { Request } from './request.js';
import type { addinfourl } from './response.js';

type HandlerClass = new () => object;
/** A handler instance, or a handler class to instantiate without arguments. */
export type HandlerLike = object | HandlerClass;

const DEFAULT_CLASSES: HandlerClass[] = [
  ProxyHandler, UnknownHandler, HTTPHandler, HTTPDefaultErrorHandler, HTTPRedirectHandler,
  FileHandler, HTTPErrorProcessor, DataHandler, HTTPSHandler,
];

function isClass(h: HandlerLike): h is HandlerClass {
  return typeof h === 'function';
}

/** An OpenerDirector with the default handlers, minus those replaced by `handlers`, plus `handlers`. */
export function buildOpener(...handlers: HandlerLike[]): OpenerDirector {
  const opener = new OpenerDirector();
  const skip = new Set<HandlerClass>();
  for (const klass of DEFAULT_CLASSES) {
    for (const check of handlers) {
      if (isClass(check) ? check === klass || check.prototype instanceof klass : check instanceof klass) skip.add(klass);
    }
  }
  for (const klass of DEFAULT_CLASSES) if (!skip.has(klass)) opener.addHandler(new klass());
  for (const h of handlers) opener.addHandler(isClass(h) ? new h() : h);
  return opener;
}

let installed: OpenerDirector | null = null;

/** Makes `opener` the one urlopen uses (null: back to a fresh default one). */
export function installOpener(opener: OpenerDirector | null): void {
  installed = opener;
}

/** Forgets the installed/default opener (urlcleanup does this). */
export function resetOpener(): void {
  installed = null;
}

/** Options of {@link urlopen}. */
export interface UrlopenOptions {
  /** Request body (bytes or a stream of bytes); makes the default method POST. */
  data?: Request['data'];
  /** Milliseconds for connecting and for each read; null: none; omitted: the defaults (10 s / 300 s). */
  timeout?: number | null;
  /** TLS options for https (Python's SSLContext): uses a one-off opener with HTTPSHandler({ context }). */
  context?: HTTPSContext | null;
}

/**
 * Opens a URL (string or Request). HTTP error statuses throw HTTPError (itself a readable
 * response); failures to connect and unknown schemes throw URLError.
 */
export async function urlopen(url: string | URL | Request, options: UrlopenOptions = {}): Promise<addinfourl> {
  let opener: OpenerDirector;
  if (options.context) opener = buildOpener(new HTTPSHandler({ context: options.context }));
  else opener = installed ??= buildOpener();
  return opener.open(url, { data: options.data, timeout: options.timeout });
}
