// A minimal test client on node:http/node:https (our own client is not what these tests check):
// one request per connection, exact headers, optional chunked body, whole response buffered.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** A buffered response. */
export interface RawResponse {
  status: number;
  /** Reason phrase of the status line. */
  reason: string;
  headers: IncomingHttpHeaders;
  /** Raw header list as received: [name, value, name, value, …]. */
  rawHeaders: string[];
  body: Buffer;
}

/** One request to send. */
export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string | string[]>;
  /** A sized body (Content-Length), or a list of pieces sent with chunked framing. */
  body?: string | Buffer;
  chunks?: Array<string | Buffer>;
  /** Trusted CA for https URLs. */
  ca?: string;
}

/** Send `req` to `base` (e.g. "http://127.0.0.1:8080") and buffer the answer. Bounded by 20 s. */
export function send(base: string, req: RawRequest): Promise<RawResponse> {
  // The path is sent verbatim (new URL() would read "//x" as a host).
  const url = new URL(base);
  const headers: Record<string, string | string[] | number> = { Connection: 'close', ...(req.headers ?? {}) };
  if (req.body !== undefined) headers['Content-Length'] = Buffer.byteLength(req.body);
  const make = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const r = make({ protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port, path: req.path, method: req.method ?? 'GET', headers, agent: false, ca: req.ca, timeout: 20_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? '', headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    r.on('timeout', () => r.destroy(new Error(`timeout: ${req.path}`)));
    r.on('error', reject);
    if (req.chunks !== undefined) {
      for (const piece of req.chunks) r.write(piece);
      r.end();
    } else {
      r.end(req.body);
    }
  });
}

/** The JSON body of `res`. */
export function json(res: RawResponse): any {
  return JSON.parse(res.body.toString('utf8'));
}
