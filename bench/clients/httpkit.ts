/**
 * httpkit's own clients: `HTTPConnection` (httpkit/client), the pool (src/pool) and `Session`
 * (httpkit). Each layer is built by another owner, possibly later than this harness, so each is
 * loaded by a runtime path and skipped (with the reason in the table) while its file is missing.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Target } from '../servers.js';
import { Lanes, type BenchClient, type ClientSpec } from './types.js';
import { builtModule } from '../build.js';

const src = (rel: string): string => fileURLToPath(new URL(`../../src/${rel}`, import.meta.url));

/**
 * Throughput and memory are measured on what users run, the tsc output (bench/build.ts), as
 * import time is: through tsx, esbuild's helpers (`__name` on every closure) add per-request
 * work that the published package does not have. The source is the fallback when tsc emitted
 * nothing for the file.
 */
async function load(rel: string): Promise<any> {
  const built = await builtModule(rel.replace(/\.ts$/, '.js'));
  return import(built ?? new URL(`../../src/${rel}`, import.meta.url).href);
}

function missing(rel: string): Promise<string | null> {
  return Promise.resolve(existsSync(src(rel)) ? null : `src/${rel} not built yet`);
}

async function countIter(it: AsyncIterable<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const c of it) n += c.length;
  return n;
}

// ---- HTTPConnection: one http.client connection per lane, as a Python user would hold them.

async function createConnection(t: Target, connections: number): Promise<BenchClient> {
  const { HTTPConnection } = await load('client/index.ts');
  const lanes = new Lanes<any>(connections, () => new HTTPConnection(t.host, { port: t.port }));
  const exchange = (method: string, path: string, body: Uint8Array | undefined, read: (r: any) => Promise<number>) =>
    lanes.run(async (conn) => {
      await conn.request(method, path, body ? { body } : undefined);
      return read(await conn.getresponse());
    });
  return {
    get: (path) => exchange('GET', path, undefined, async (r) => (await r.read()).length),
    download: (path) => exchange('GET', path, undefined, (r) => countIter(r)),
    upload: (path, body) => exchange('POST', path, body, async (r) => (await r.read()).length),
    async close() {
      for (const c of lanes.all) c?.close();
    },
  };
}

export const httpkitConnection: ClientSpec = {
  name: 'httpkit HTTPConnection',
  unavailable: () => missing('client/index.ts'),
  create: (t, { connections }) => createConnection(t, connections),
  importSpecifier: () => builtModule('client/index.js'),
};

// ---- Pool: the urllib3 analogue (src/pool), through its PoolManager.

const POOL_FILE = 'pool/manager.ts';

async function createPool(t: Target, connections: number): Promise<BenchClient> {
  const { PoolManager } = await load(POOL_FILE);
  // Contract: src/pool/types.ts (PoolManagerLike.urlopen, PoolResponse).
  const pm = new PoolManager({ maxsize: connections, block: true, retries: false });
  const base = `http://${t.host}:${t.port}`;
  const call = (method: string, path: string, opts: Record<string, unknown>) => pm.urlopen(method, base + path, opts);
  return {
    get: async (path) => (await call('GET', path, {})).data.length,
    download: async (path) => countIter(await call('GET', path, { preloadContent: false })),
    upload: async (path, body) => (await call('POST', path, { body })).data.length,
    close: async () => pm.clear(),
  };
}

export const httpkitPool: ClientSpec = {
  name: 'httpkit pool',
  unavailable: () => missing(POOL_FILE),
  create: (t, { connections }) => createPool(t, connections),
};

// ---- Session: the Requests API.

async function createSession(t: Target, connections: number): Promise<BenchClient> {
  const { Session } = await load('requests/session.ts');
  const { HTTPAdapter } = await load('requests/adapters.ts');
  const s = new Session();
  if (connections > 1) s.mount('http://', new HTTPAdapter({ poolConnections: 1, poolMaxsize: connections, poolBlock: true }));
  const base = `http://${t.host}:${t.port}`;
  return {
    get: async (path) => (await s.get(base + path)).content.length,
    async download(path) {
      const r = await s.get(base + path, { stream: true });
      return countIter(r.iterContent({ chunkSize: 65536 }));
    },
    upload: async (path, body) => (await s.post(base + path, { data: body })).content.length,
    close: async () => s.close(),
  };
}

export const httpkitSession: ClientSpec = {
  name: 'httpkit Session',
  unavailable: async () => (await missing('requests/session.ts')) ?? (await missing('requests/adapters.ts')),
  create: (t, { connections }) => createSession(t, connections),
  importSpecifier: () => builtModule('index.js'),
};
