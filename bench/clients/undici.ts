/**
 * undici 7 (the npm package, not Node's bundled copy): `Client` for one connection, `Pool` for
 * several — `request()` is undici's fastest public API.
 */
import type { Target } from '../servers.js';
import type { BenchClient, ClientSpec } from './types.js';

async function createUndici(t: Target, connections: number): Promise<BenchClient> {
  const { Client, Pool } = await import('undici');
  const origin = `http://${t.host}:${t.port}`;
  const d = connections === 1 ? new Client(origin, { pipelining: 1 }) : new Pool(origin, { connections });
  return {
    async get(path) {
      const { body } = await d.request({ path, method: 'GET' });
      return (await body.arrayBuffer()).byteLength;
    },
    async download(path) {
      const { body } = await d.request({ path, method: 'GET' });
      let n = 0;
      for await (const chunk of body) n += (chunk as Buffer).length;
      return n;
    },
    async upload(path, payload) {
      const { body } = await d.request({ path, method: 'POST', body: payload });
      return (await body.arrayBuffer()).byteLength;
    },
    close: () => d.close(),
  };
}

export const undici: ClientSpec = {
  name: 'undici 7 request',
  unavailable: async () => null,
  create: (t, { connections }) => createUndici(t, connections),
  importSpecifier: async () => 'undici',
};

/** undici's own `fetch` (the npm package, on a dispatcher with the case's connection count). */
async function createUndiciFetch(t: Target, connections: number): Promise<BenchClient> {
  const { fetch: ufetch, Agent } = await import('undici');
  const dispatcher = new Agent({ connections });
  const base = `http://${t.host}:${t.port}`;
  return {
    async get(path) {
      const res = await ufetch(base + path, { dispatcher });
      return (await res.arrayBuffer()).byteLength;
    },
    async download(path) {
      const res = await ufetch(base + path, { dispatcher });
      let n = 0;
      for await (const chunk of res.body!) n += (chunk as Uint8Array).length;
      return n;
    },
    async upload(path, body) {
      const res = await ufetch(base + path, { method: 'POST', body, dispatcher });
      return (await res.arrayBuffer()).byteLength;
    },
    close: () => dispatcher.close(),
  };
}

export const undiciFetch: ClientSpec = {
  name: 'undici 7 fetch',
  unavailable: async () => null,
  create: (t, { connections }) => createUndiciFetch(t, connections),
};
