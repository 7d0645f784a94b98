// /status/:codes (one code, or a weighted random pick from "200:3,500:1") and /response-headers
// (echoes the query as response headers and lists them, Content-Length included, in its body).
import { pyFloat, pyInt } from './params.js';
import { dict, pyDumps } from './pyjson.js';
import { BadRequest, statusReply, textReply, type Reply } from './reply.js';
import type { HttpbinRequest } from './request.js';
import type { Route } from './router.js';

const invalid = (): Reply => textReply(400, 'Invalid status code', 'text/plain; charset=utf-8');

// utils.weighted_choice: uniform in [0, total), then the first cumulative weight above it.
function weightedChoice(choices: Array<[number, number]>): number {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  const x = Math.random() * total;
  let cumulative = 0;
  for (const [code, weight] of choices) {
    cumulative += weight;
    if (x < cumulative) return code;
  }
  return choices[choices.length - 1]![0];
}

function parseChoices(codes: string): Array<[number, number]> | undefined {
  const choices: Array<[number, number]> = [];
  for (const choice of codes.split(',')) {
    const parts = choice.split(':');
    if (parts.length > 2) return undefined;
    try {
      const weight = parts.length === 2 ? pyFloat(parts[1], 'weight') : 1;
      // Python's weighted_choice fails (a 500) on an infinite or NaN total; refuse those lists.
      if (!Number.isFinite(weight)) throw new BadRequest('weight must be finite');
      choices.push([pyInt(parts[0], 'code'), weight]);
    } catch (err) {
      if (err instanceof BadRequest) return undefined;
      throw err;
    }
  }
  return choices;
}

function statusRoute(req: HttpbinRequest): Reply {
  const codes = req.params['codes'] ?? '';
  // Without a comma httpbin takes int(codes) as is ("200:2" is invalid there, not weighted).
  const choices = codes.includes(',') ? parseChoices(codes) : parseChoices(codes.includes(':') ? 'x' : codes);
  if (choices === undefined) return invalid();
  const code = choices.length === 1 ? choices[0]![0] : weightedChoice(choices);
  // node:http can only send three-digit codes; httpbin would try anything and fail oddly.
  if (code < 100 || code > 999) return invalid();
  return statusReply(code);
}

// httpbin recomputes the body until it lists its own final Content-Length (a fixed point).
function responseHeadersRoute(req: HttpbinRequest): Reply {
  const extra = req.args;
  let body = '';
  for (let guard = 0; guard < 10; guard++) {
    const headers: Array<[string, string]> = [['Content-Type', 'application/json'], ['Content-Length', String(Buffer.byteLength(body))], ...extra];
    const listed = dict();
    for (const [key] of headers) {
      const all = headers.filter(([k]) => k.toLowerCase() === key.toLowerCase()).map(([, v]) => v);
      listed[key] = all.length === 1 ? all[0]! : all;
    }
    const next = pyDumps(listed) + '\n';
    if (next === body) break;
    body = next;
  }
  const reply: Reply = { status: 200, headers: [['Content-Type', 'application/json']], body: Buffer.from(body, 'utf8') };
  // A Content-Length or Transfer-Encoding from the query is listed in the body but not sent:
  // httpbin sends it too, which breaks the response's own framing.
  const sendable = extra.filter(([k]) => !['content-length', 'transfer-encoding'].includes(k.toLowerCase()));
  reply.headers.push(['Content-Length', String(Buffer.byteLength(body))], ...sendable.map(([k, v]): [string, string] => [k, toLatin1(v)]));
  return reply;
}

// Header values go out as UTF-8 bytes, as Werkzeug encodes them.
function toLatin1(v: string): string {
  return Buffer.from(v, 'utf8').toString('latin1');
}

/** Status and header routes. */
export const statusRoutes: Route[] = [
  { rule: '/status/<codes>', methods: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE'], handler: statusRoute },
  { rule: '/response-headers', methods: ['GET', 'POST'], handler: responseHeadersRoute },
];
