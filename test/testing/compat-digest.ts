// Digest handshakes run against both servers; each step's status, Set-Cookie, challenge and JSON
// must agree after normalisation. The client side is computed here with node:crypto (RFC 7616).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { send, type RawResponse } from './client.js';

const HASH: Record<string, string> = { MD5: 'md5', 'SHA-256': 'sha256', 'SHA-512': 'sha512' };

function h(algorithm: string, data: string): string {
  return createHash(HASH[algorithm] ?? 'md5').update(data).digest('hex');
}

/** Parse `Digest k="v", k2=v2` into a record. */
export function parseChallenge(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.replace(/^Digest\s+/i, '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) out[m[1]!] = m[2] ?? m[3] ?? '';
  return out;
}

/** An Authorization header answering `challenge` for GET `uri`. */
export function digestAuthorization(challenge: Record<string, string>, uri: string, user: string, password: string, nc = 1): string {
  const algorithm = challenge['algorithm'] ?? 'MD5';
  const qop = (challenge['qop'] ?? 'auth').split(',')[0]!.trim();
  const cnonce = 'c0ffee42';
  const ncText = nc.toString(16).padStart(8, '0');
  const ha1 = h(algorithm, `${user}:${challenge['realm']}:${password}`);
  const ha2 = qop === 'auth-int' ? h(algorithm, `GET:${uri}:${h(algorithm, '')}`) : h(algorithm, `GET:${uri}`);
  const response = h(algorithm, `${ha1}:${challenge['nonce']}:${ncText}:${cnonce}:${qop}:${ha2}`);
  return `Digest username="${user}", realm="${challenge['realm']}", nonce="${challenge['nonce']}", uri="${uri}", algorithm=${algorithm}, `
    + `response="${response}", opaque="${challenge['opaque']}", qop=${qop}, nc=${ncText}, cnonce="${cnonce}"`;
}

class Jar {
  readonly #cookies = new Map<string, string>();

  update(res: RawResponse): void {
    for (const line of [res.headers['set-cookie'] ?? []].flat()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.#cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }

  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

type Step = { status: number; setCookie: string[]; challenge: string; body: string };

function observe(res: RawResponse): Step {
  const norm = (s: string): string => s.replace(/(nonce|opaque)="([0-9a-f]+)"/g, (_m, k: string, v: string) => `${k}=<${v.length}>`).replace(/last_nonce=[0-9a-f]+/, 'last_nonce=<hex>');
  return {
    status: res.status,
    setCookie: [res.headers['set-cookie'] ?? []].flat().map(norm),
    challenge: norm(String(res.headers['www-authenticate'] ?? '')),
    body: res.body.toString('utf8'),
  };
}

// challenge → answer (password `answerWith`) → answer again with the same nonce.
async function flow(base: string, path: string, answerWith: string, query = ''): Promise<Step[]> {
  const jar = new Jar();
  const steps: Step[] = [];
  const first = await send(base, { path: path + query });
  jar.update(first);
  steps.push(observe(first));
  const challenge = parseChallenge(String(first.headers['www-authenticate']));
  for (let nc = 1; nc <= 2; nc++) {
    const res = await send(base, { path: path + query, headers: { Authorization: digestAuthorization(challenge, path + query, 'user', answerWith, nc), Cookie: jar.header() } });
    jar.update(res);
    steps.push(observe(res));
  }
  return steps;
}

// Spellings of one correct Authorization header that Werkzeug's parser treats differently.
const VARIANTS: Array<[string, (header: string) => string]> = [
  ['lower-case scheme', (a) => a.replace(/^Digest/, 'digest')],
  ['spaces around =', (a) => a.replace('username="user"', 'username = "user"')],
  ['unquoted values', (a) => a.replace(/realm="([^"]*)"/, 'realm=$1').replace(/nonce="([0-9a-f]+)"/, 'nonce=$1')],
  ['escaped quote in username', (a) => a.replace('username="user"', 'username="us\\"er"')],
  ['qop without nc', (a) => a.replace(/, nc=[0-9a-f]+/, '')],
  ['qop without value', (a) => a.replace(/qop=[a-z-]+/, 'qop')],
  ['no response', (a) => a.replace(/response="[0-9a-f]+", /, '')],
  ['extra commas', (a) => a.replace(/, /g, ',, ')],
];

async function variantFlow(base: string, path: string, name: string, rewrite: (a: string) => string): Promise<Step[]> {
  const first = await send(base, { path });
  const challenge = parseChallenge(String(first.headers['www-authenticate']));
  const authorization = rewrite(digestAuthorization(challenge, path, 'user', 'passwd'));
  const res = await send(base, { path, headers: { Authorization: authorization, Cookie: 'stale_after=never; fake=fake_value' } });
  return [observe(first), { ...observe(res), body: `${name}: ${res.body.toString('utf8')}` }];
}

/** Every digest flow, compared between the reference and ours. */
export async function digestFlows(reference: string, ours: string): Promise<void> {
  const cases: Array<[string, string]> = [
    ['/digest-auth/auth/user/passwd', 'passwd'],
    ['/digest-auth/auth/user/passwd/SHA-256', 'passwd'],
    ['/digest-auth/auth-int/user/passwd/SHA-512', 'passwd'],
    ['/digest-auth/auth/user/passwd/MD5/1', 'passwd'],
    ['/digest-auth/auth/user/passwd/MD5/never', 'wrong'],
    ['/digest-auth/none/user/passwd', 'passwd'],
  ];
  for (const [name, rewrite] of VARIANTS) {
    const path = '/digest-auth/auth/user/passwd';
    assert.deepEqual(await variantFlow(ours, path, name, rewrite), await variantFlow(reference, path, name, rewrite), `digest header ${name}`);
  }
  for (const [path, password] of cases) {
    const theirs = await flow(reference, path, password);
    const mine = await flow(ours, path, password);
    assert.deepEqual(mine, theirs, `digest flow ${path} with password ${password}`);
  }
}
