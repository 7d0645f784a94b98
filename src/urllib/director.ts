/**
 * urllib.request.OpenerDirector: keeps four handler chains (open, request processors, response
 * processors, error handlers), each ordered by `handlerOrder`, and runs a request through them.
 * A handler method "declines" by returning null/undefined; the first other result wins, and a
 * throw stops the chain (CPython's _call_chain convention).
 */
import { type MethodKind, type Parent, classifyMethod, insort, methodNames } from './handler.js';
import { Request } from './request.js';
import type { addinfourl } from './response.js';
import { USER_AGENT } from './version.js';

type Handler = object;
type Chain = Map<string, Handler[]>;

/** Options of {@link OpenerDirector.open}. */
export interface OpenOptions {
  /** Body for a URL string, or replacement body for a Request. */
  data?: Request['data'];
  /** Milliseconds for connect and each read; null: none; omitted: the library default. */
  timeout?: number | null;
}

function callMethod(handler: Handler, name: string, args: unknown[]): unknown {
  const fn = (handler as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new TypeError(`handler has no method ${name}`);
  return fn.apply(handler, args);
}

/** Runs a chain of handlers built from `BaseHandler` subclasses. */
export class OpenerDirector implements Parent {
  /** Headers every HTTP request gets unless it has them: [['User-agent', 'httpkit-urllib/<version>']]. */
  addheaders: Array<[string, string]> = [['User-agent', USER_AGENT]];
  /** Every handler added, in order (CPython keeps it for backward compatibility). */
  handlers: Handler[] = [];
  /** protocol → open handlers ('default', 'http', ..., 'unknown'). */
  handleOpen: Chain = new Map();
  /** protocol → (error kind → handlers); kinds are status codes as strings and 'default'. */
  handleError: Map<string, Chain> = new Map();
  processResponse: Chain = new Map();
  processRequest: Chain = new Map();

  /** Registers every handler method of `handler` (throws TypeError for a non-handler). */
  addHandler(handler: Handler): void {
    if (typeof (handler as { addParent?: unknown })?.addParent !== 'function') {
      throw new TypeError(`expected BaseHandler instance, got ${typeof handler === 'object' ? handler?.constructor?.name : typeof handler}`);
    }
    let added = false;
    for (const name of methodNames(handler)) {
      const kind = classifyMethod(name);
      if (kind === null) continue;
      const list = this.#lookup(kind);
      insort(list, handler);
      added = true;
    }
    if (added) {
      insort(this.handlers, handler);
      (handler as { addParent(p: Parent): void }).addParent(this);
    }
  }

  #lookup(kind: MethodKind): Handler[] {
    let chain: Chain;
    let key: string;
    if (kind.chain === 'error') {
      chain = this.handleError.get(kind.protocol) ?? new Map();
      this.handleError.set(kind.protocol, chain);
      key = kind.kind;
    } else {
      chain = kind.chain === 'open' ? this.handleOpen : kind.chain === 'request' ? this.processRequest : this.processResponse;
      key = kind.protocol;
    }
    let list = chain.get(key);
    if (!list) chain.set(key, (list = []));
    return list;
  }

  /** Kept for API parity. */
  close(): void {}

  async #callChain(chain: Chain | undefined, kind: string, methName: string, args: unknown[]): Promise<unknown> {
    for (const handler of [...(chain?.get(kind) ?? [])]) {
      const result = await callMethod(handler, methName, args);
      if (result !== null && result !== undefined) return result;
    }
    return undefined;
  }

  /** Opens a URL or Request through the chains; resolves with the response. */
  async open(fullurl: string | URL | Request, options: OpenOptions = {}): Promise<addinfourl> {
    let req: Request;
    if (typeof fullurl === 'string' || fullurl instanceof URL) {
      req = new Request(fullurl, { data: options.data ?? null });
    } else {
      req = fullurl;
      if (options.data !== undefined && options.data !== null) req.data = options.data;
    }
    req.timeout = options.timeout;
    const protocol = req.type;
    for (const processor of [...(this.processRequest.get(protocol) ?? [])]) {
      req = (await callMethod(processor, `${protocol}Request`, [req])) as Request;
    }
    let response = (await this.#open(req)) as addinfourl;
    for (const processor of [...(this.processResponse.get(protocol) ?? [])]) {
      response = (await callMethod(processor, `${protocol}Response`, [req, response])) as addinfourl;
    }
    return response;
  }

  async #open(req: Request): Promise<unknown> {
    const first = await this.#callChain(this.handleOpen, 'default', 'defaultOpen', [req]);
    if (first) return first;
    const protocol = req.type;
    const result = await this.#callChain(this.handleOpen, protocol, `${protocol}Open`, [req]);
    if (result) return result;
    return this.#callChain(this.handleOpen, 'unknown', 'unknownOpen', [req]);
  }

  /**
   * Runs the error handlers: for 'http'/'https', `error(proto, req, fp, code, msg, hdrs)` tries
   * `httpError<code>` handlers, then `httpErrorDefault` ones.
   */
  async error(proto: string, ...args: unknown[]): Promise<unknown> {
    if (proto === 'http' || proto === 'https') {
      // CPython: https is not different than http; the chain is keyed by the status code.
      const chain = this.handleError.get('http');
      const code = String(args[2]);
      const result = await this.#callChain(chain, code, `httpError${code}`, args);
      if (result) return result;
      return this.#callChain(chain, 'default', 'httpErrorDefault', args);
    }
    return this.#callChain(this.handleError.get(proto), 'error', `${proto}Error`, args);
  }
}
