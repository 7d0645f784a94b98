/**
 * What every benchmarked client implements. One `BenchClient` owns up to `connections` keep-alive
 * connections to one origin; the harness calls it sequentially (one connection) or with many
 * requests in flight (one request per connection at a time: no client here pipelines).
 */
import type { RunResult } from '../measure.js';
import type { Target } from '../servers.js';

/** A client that runs its own timed loop out of process (Python): one call = one measured round. */
export type ExternalRun = (caseId: string, t: Target, o: { durationMs: number; connections: number; concurrency: number }) => Promise<RunResult>;

export interface BenchClient {
  /** GET a small resource with the client's usual "read the whole body" call; resolves to the body length. */
  get(path: string): Promise<number>;
  /** GET a large resource consuming the body as a stream (never buffered whole); resolves to bytes read. */
  download(path: string): Promise<number>;
  /** POST `body` (known length) and read the whole response; resolves to the response body length. */
  upload(path: string, body: Uint8Array): Promise<number>;
  close(): Promise<void>;
}

export interface ClientSpec {
  /** Row label in the table. */
  name: string;
  /** Why the client cannot run here (e.g. its httpkit layer is not built yet), or null when it can. */
  unavailable(): Promise<string | null>;
  create(target: Target, opts: { connections: number }): Promise<BenchClient>;
  /**
   * What `import()` loads for the import-time measure: a bare specifier or a file URL. Omitted when
   * meaningless (global fetch).
   */
  importSpecifier?(): Promise<string | null>;
  /** Set for out-of-process clients; `create` is then never called. */
  external?: ExternalRun;
}

/** Distributes calls over `n` lazily created connection-like workers, one call per worker at a time. */
export class Lanes<W> {
  readonly #make: () => W | Promise<W>;
  readonly #max: number;
  readonly #idle: W[] = [];
  readonly #all: W[] = [];
  readonly #waiting: Array<(w: W) => void> = [];

  constructor(max: number, make: () => W | Promise<W>) {
    this.#max = max;
    this.#make = make;
  }

  get all(): readonly W[] {
    return this.#all;
  }

  async run<T>(fn: (w: W) => Promise<T>): Promise<T> {
    const w = await this.#acquire();
    try {
      return await fn(w);
    } finally {
      const next = this.#waiting.shift();
      if (next) next(w);
      else this.#idle.push(w);
    }
  }

  async #acquire(): Promise<W> {
    const idle = this.#idle.pop();
    if (idle !== undefined) return idle;
    if (this.#all.length < this.#max) {
      const placeholder = this.#all.length;
      this.#all.push(undefined as W);
      const w = await this.#make();
      this.#all[placeholder] = w;
      return w;
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
}
