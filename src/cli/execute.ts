/**
 * Runs a RequestPlan through the Requests layer (a `Session`, as HTTPie runs on requests) and
 * turns what came back into printable MessageViews. The only file of cli/ that talks to requests/.
 */
import { HTTPDigestAuth } from '../requests/auth.js';
import { Request, type PreparedRequest } from '../requests/models.js';
import { Session } from '../requests/session.js';
import type { Response } from '../requests/response.js';
import { httpVersion, type MessageView } from './format.js';
import type { RequestPlan } from './request.js';

export type { Response };

function auth(plan: RequestPlan): [string, string] | HTTPDigestAuth | undefined {
  if (!plan.auth) return undefined;
  return plan.auth.type === 'digest' ? new HTTPDigestAuth(plan.auth.user, plan.auth.password) : [plan.auth.user, plan.auth.password];
}

function requestInit(plan: RequestPlan, extraHeaders: Array<[string, string]>) {
  return {
    headers: [...plan.headers, ...extraHeaders],
    params: plan.params,
    data: plan.data,
    files: plan.files.length > 0 ? plan.files : undefined,
    auth: auth(plan),
  };
}

/** A Session configured as HTTPie configures its requests session. */
export function openSession(plan: RequestPlan): Session {
  const s = new Session();
  s.maxRedirects = plan.maxRedirects;
  return s;
}

/** Sends the request. `stream` leaves the body unread (downloads). */
export async function send(s: Session, plan: RequestPlan, opts: { stream: boolean; extraHeaders?: Array<[string, string]> }): Promise<Response> {
  return s.request(plan.method, plan.url, {
    ...requestInit(plan, opts.extraHeaders ?? []),
    timeout: plan.timeout ?? undefined,
    allowRedirects: plan.allowRedirects,
    verify: plan.verify,
    cert: plan.cert ?? undefined,
    proxies: Object.keys(plan.proxies).length > 0 ? plan.proxies : undefined,
    stream: opts.stream,
  });
}

/** `--offline`: the request prepared by the session, never sent. */
export function prepareOffline(s: Session, plan: RequestPlan): PreparedRequest {
  return s.prepareRequest(new Request(plan.method, plan.url, requestInit(plan, [])));
}

function headerValue(headers: Iterable<readonly [string, string]>, name: string): string | null {
  for (const [k, v] of headers) if (k.toLowerCase() === name) return v;
  return null;
}

const enc = new TextEncoder();

/** The request as HTTPie prints it: origin-form target, Host first when the headers lack it. */
export function requestView(p: PreparedRequest): MessageView {
  const url = new URL(p.url ?? '');
  const headers: Array<[string, string]> = [...p.headers];
  if (!headers.some(([k]) => k.toLowerCase() === 'host')) headers.unshift(['Host', url.host]);
  let body: Uint8Array | null = null;
  if (typeof p.body === 'string') body = enc.encode(p.body);
  else if (p.body instanceof Uint8Array) body = p.body;
  else if (p.body !== null) body = enc.encode('<streamed body>');
  return { startLine: `${p.method} ${p.pathUrl} HTTP/1.1`, headers, body, contentType: headerValue(headers, 'content-type') };
}

/** Headers as received (repeats kept) when the raw response has them, else the merged dict. */
function rawHeaders(r: Response): Array<[string, string]> {
  const flat = (r.raw as { headers?: unknown } | null)?.headers;
  if (Array.isArray(flat) && flat.every((x) => typeof x === 'string')) {
    const out: Array<[string, string]> = [];
    for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] as string, flat[i + 1] as string]);
    return out;
  }
  return [...r.headers] as Array<[string, string]>;
}

/** The response as HTTPie prints it. `withBody` false for a streamed (download) response. */
export function responseView(r: Response, withBody: boolean): MessageView {
  const version = (r.raw as { version?: number } | null)?.version;
  const headers = rawHeaders(r);
  return {
    startLine: `${httpVersion(version)} ${r.statusCode} ${r.reason ?? ''}`.trimEnd(),
    headers,
    body: withBody ? r.content : null,
    contentType: headerValue(headers, 'content-type'),
  };
}
