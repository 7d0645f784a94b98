/**
 * Global `fetch` (Node's bundled undici). Its connection count cannot be set without importing
 * undici, so it uses the global dispatcher as users do: one connection when sequential, as many
 * as needed when 64 requests are in flight.
 */
import type { BenchClient, ClientSpec } from './types.js';

export const globalFetch: ClientSpec = {
  name: 'global fetch',
  unavailable: async () => (typeof fetch === 'function' ? null : 'no global fetch in this Node'),
  async create(t): Promise<BenchClient> {
    const base = `http://${t.host}:${t.port}`;
    return {
      async get(path) {
        const res = await fetch(base + path);
        return (await res.arrayBuffer()).byteLength;
      },
      async download(path) {
        const res = await fetch(base + path);
        const reader = res.body!.getReader();
        let n = 0;
        for (let r = await reader.read(); !r.done; r = await reader.read()) n += r.value.length;
        return n;
      },
      async upload(path, body) {
        const res = await fetch(base + path, { method: 'POST', body });
        return (await res.arrayBuffer()).byteLength;
      },
      close: async () => {},
    };
  },
};
