/** Prints the hostile case table as JSON for py_oracle.py: `npx tsx test/hostile/dump-cases.ts | /usr/bin/python3 test/hostile/py_oracle.py` */
import { CASES } from './cases.js';

const b64 = (x: string | Uint8Array): string => (typeof x === 'string' ? Buffer.from(x, 'latin1') : Buffer.from(x)).toString('base64');
const out = [...CASES.values()].map((c) => ({
  name: c.name,
  steps: c.steps.map((s) => {
    if (typeof s === 'string' || s instanceof Uint8Array) return { respond: [b64(s)] };
    if ('respond' in s) return { respond: (Array.isArray(s.respond) ? s.respond : [s.respond]).map(b64), gap: s.gap ?? 0 };
    return s;
  }),
}));
process.stdout.write(JSON.stringify(out));
