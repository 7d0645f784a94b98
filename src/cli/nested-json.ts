/**
 * HTTPie 3's nested JSON keys (httpie/cli/nested_json.py), the common subset:
 *   a=1            {"a": "1"}                 a[b]=1       {"a": {"b": "1"}}
 *   a[]=1 a[]=2    {"a": ["1", "2"]}           a[0][b]=1    {"a": [{"b": "1"}]}
 *   []:=1 []:=2    [1, 2] (a top-level array when every key starts with "[")
 * A key that is not valid path syntax is taken literally, as HTTPie does with `a[` or `a]b`.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Step = { kind: 'key'; name: string } | { kind: 'index'; index: number } | { kind: 'append' };

/** Parses `name[a][0][]` into steps, or null when the key is not path syntax. */
function parsePath(key: string): Step[] | null {
  const first = /^[^[\]]*/.exec(key)![0];
  const steps: Step[] = first === '' ? [] : [{ kind: 'key', name: first }];
  let rest = key.slice(first.length);
  if (rest === '') return steps.length ? steps : [{ kind: 'key', name: '' }];
  while (rest !== '') {
    const m = /^\[([^[\]]*)\]/.exec(rest);
    if (!m) return null;
    const inner = m[1]!;
    if (inner === '') steps.push({ kind: 'append' });
    else if (/^\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
    else steps.push({ kind: 'key', name: inner });
    rest = rest.slice(m[0].length);
  }
  return steps;
}

function container(step: Step): Json {
  return step.kind === 'key' ? {} : [];
}

function setStep(cursor: Json, step: Step, make: () => Json): Json {
  if (step.kind === 'key') {
    if (typeof cursor !== 'object' || cursor === null || Array.isArray(cursor)) throw new TypeError(`cannot use key [${step.name}] on a non-object`);
    if (!(step.name in cursor)) cursor[step.name] = make();
    return cursor[step.name]!;
  }
  if (!Array.isArray(cursor)) throw new TypeError('cannot use an array index on a non-array');
  const index = step.kind === 'append' ? cursor.length : step.index;
  while (cursor.length <= index) cursor.push(null);
  if (cursor[index] === null) cursor[index] = make();
  return cursor[index]!;
}

function assign(cursor: Json, step: Step, value: Json): void {
  if (step.kind === 'key') {
    if (typeof cursor !== 'object' || cursor === null || Array.isArray(cursor)) throw new TypeError(`cannot use key [${step.name}] on a non-object`);
    cursor[step.name] = value;
    return;
  }
  if (!Array.isArray(cursor)) throw new TypeError('cannot use an array index on a non-array');
  if (step.kind === 'append') cursor.push(value);
  else {
    while (cursor.length <= step.index) cursor.push(null);
    cursor[step.index] = value;
  }
}

/** Builds the JSON body from ordered [key, value] pairs. */
export function buildNestedJson(pairs: ReadonlyArray<readonly [string, unknown]>): Json {
  const paths = pairs.map(([k, v]) => ({ steps: parsePath(k) ?? [{ kind: 'key', name: k } as Step], value: v as Json }));
  const topArray = paths.length > 0 && paths.every((p) => p.steps[0]?.kind !== 'key');
  const root: Json = topArray ? [] : {};
  for (const { steps, value } of paths) {
    if (steps[0]?.kind !== 'key' && !topArray) throw new TypeError('cannot mix top-level array items with object keys');
    let cursor: Json = root;
    for (let i = 0; i < steps.length - 1; i++) cursor = setStep(cursor, steps[i]!, () => container(steps[i + 1]!));
    assign(cursor, steps[steps.length - 1]!, value);
  }
  return root;
}

/** Python's `json.dumps(obj)` (ensure_ascii, ", " and ": " separators), as HTTPie sends JSON bodies. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
}
