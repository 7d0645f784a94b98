/** axios and got, both on a `node:http` keep-alive Agent (maxSockets = the case's connection count). */
import { Agent } from 'node:http';
import type { Readable } from 'node:stream';
import type { BenchClient, ClientSpec } from './types.js';

async function count(stream: AsyncIterable<Buffer>): Promise<number> {
  let n = 0;
  for await (const c of stream) n += c.length;
  return n;
}

export const axios: ClientSpec = {
  name: 'axios',
  unavailable: async () => null,
  async create(t, { connections }): Promise<BenchClient> {
    const { default: ax } = await import('axios');
    const httpAgent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
    const inst = ax.create({ baseURL: `http://${t.host}:${t.port}`, httpAgent, maxBodyLength: Infinity, maxContentLength: Infinity });
    return {
      get: async (path) => (await inst.get<ArrayBuffer>(path, { responseType: 'arraybuffer' })).data.byteLength,
      download: async (path) => count((await inst.get<Readable>(path, { responseType: 'stream' })).data),
      upload: async (path, body) => (await inst.post<ArrayBuffer>(path, body, { responseType: 'arraybuffer' })).data.byteLength,
      close: async () => httpAgent.destroy(),
    };
  },
  importSpecifier: async () => 'axios',
};

export const got: ClientSpec = {
  name: 'got',
  unavailable: async () => null,
  async create(t, { connections }): Promise<BenchClient> {
    const { default: g } = await import('got');
    const http = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
    const inst = g.extend({ agent: { http }, retry: { limit: 0 } });
    const base = `http://${t.host}:${t.port}`;
    return {
      get: async (path) => (await inst.get(base + path).buffer()).length,
      download: async (path) => count(inst.stream(base + path)),
      upload: async (path, body) => (await inst.post(base + path, { body: Buffer.from(body.buffer, body.byteOffset, body.byteLength) }).buffer()).length,
      close: async () => http.destroy(),
    };
  },
  importSpecifier: async () => 'got',
};
