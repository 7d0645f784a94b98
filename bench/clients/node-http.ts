/** `node:http` with a keep-alive `Agent` (maxSockets = the case's connection count). */
import { Agent, request, type IncomingMessage } from 'node:http';
import type { Target } from '../servers.js';
import type { BenchClient, ClientSpec } from './types.js';

function call(t: Target, agent: Agent, method: string, path: string, body?: Uint8Array): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const headers = body ? { 'content-length': body.length } : undefined;
    const req = request({ host: t.host, port: t.port, method, path, agent, headers }, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

function drain(res: IncomingMessage): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    res.on('data', (c: Buffer) => { n += c.length; });
    res.on('end', () => resolve(n));
    res.on('error', reject);
  });
}

function collect(res: IncomingMessage): Promise<number> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    res.on('data', (c: Buffer) => parts.push(c));
    res.on('end', () => resolve(Buffer.concat(parts).length));
    res.on('error', reject);
  });
}

export const nodeHttp: ClientSpec = {
  name: 'node:http keep-alive',
  unavailable: async () => null,
  async create(t, { connections }): Promise<BenchClient> {
    const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
    return {
      get: async (path) => collect(await call(t, agent, 'GET', path)),
      download: async (path) => drain(await call(t, agent, 'GET', path)),
      upload: async (path, body) => collect(await call(t, agent, 'POST', path, body)),
      close: async () => agent.destroy(),
    };
  },
  importSpecifier: async () => 'node:http',
};
