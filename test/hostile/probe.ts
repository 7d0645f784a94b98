/** Dev aid: prints what each layer does for every hostile case (compare with py_oracle.py). */
import { CASES } from './cases.js';
import { describe, viaClient, viaRequests, viaUrllib } from './harness.js';

const names = process.argv.slice(2);
for (const name of CASES.keys()) {
  if (names.length > 0 && !names.includes(name)) continue;
  for (const [layer, fn] of [['cli', () => viaClient(name)], ['req', () => viaRequests(name)], ['url', () => viaUrllib(name)]] as const) {
    try {
      const r = await fn();
      console.log(name.slice(0, 26).padEnd(26), layer, r.connections, describe(r.first), '|', describe(r.second));
    } catch (e) {
      console.log(name.slice(0, 26).padEnd(26), layer, 'HARNESS', String(e));
    }
  }
}
