/**
 * HTTPie's JSON formatting — Python's `json.dumps(json.loads(body), indent=4, sort_keys=True,
 * ensure_ascii=False)` — without JavaScript's number rounding: numbers keep their literal text
 * (`12345678901234567890` and `1.0` print as received, where JSON.parse would give
 * 12345678901234567000 and 1). A repeated key keeps its last value, as a Python dict does.
 */
type Node =
  | { kind: 'object'; entries: Map<string, Node> }
  | { kind: 'array'; items: Node[] }
  | { kind: 'string'; value: string }
  | { kind: 'literal'; text: string };

class Parser {
  readonly #s: string;
  #i = 0;

  constructor(s: string) {
    this.#s = s;
  }

  parse(): Node {
    const node = this.#value(0);
    this.#ws();
    if (this.#i !== this.#s.length) throw new SyntaxError(`extra data at ${this.#i}`);
    return node;
  }

  #ws(): void {
    while (/[ \t\n\r]/.test(this.#s[this.#i] ?? '')) this.#i++;
  }

  #value(depth: number): Node {
    // Bounded nesting: a hostile body cannot exhaust the stack.
    if (depth > 1000) throw new SyntaxError('nesting too deep');
    this.#ws();
    const ch = this.#s[this.#i];
    if (ch === '{') return this.#object(depth);
    if (ch === '[') return this.#array(depth);
    if (ch === '"') return { kind: 'string', value: this.#string() };
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.#s.slice(this.#i, this.#i + 400));
    if (!m) throw new SyntaxError(`unexpected token at ${this.#i}`);
    this.#i += m[0].length;
    return { kind: 'literal', text: m[0] };
  }

  #string(): string {
    const m = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(this.#s.slice(this.#i));
    if (!m) throw new SyntaxError(`bad string at ${this.#i}`);
    this.#i += m[0].length;
    return JSON.parse(m[0]) as string;
  }

  #expect(ch: string): void {
    this.#ws();
    if (this.#s[this.#i] !== ch) throw new SyntaxError(`expected ${ch} at ${this.#i}`);
    this.#i++;
  }

  #object(depth: number): Node {
    this.#i++;
    const entries = new Map<string, Node>();
    this.#ws();
    if (this.#s[this.#i] === '}') {
      this.#i++;
      return { kind: 'object', entries };
    }
    for (;;) {
      this.#ws();
      if (this.#s[this.#i] !== '"') throw new SyntaxError(`expected a key at ${this.#i}`);
      const key = this.#string();
      this.#expect(':');
      entries.set(key, this.#value(depth + 1));
      this.#ws();
      if (this.#s[this.#i] === '}') break;
      this.#expect(',');
    }
    this.#i++;
    return { kind: 'object', entries };
  }

  #array(depth: number): Node {
    this.#i++;
    const items: Node[] = [];
    this.#ws();
    if (this.#s[this.#i] === ']') {
      this.#i++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.#value(depth + 1));
      this.#ws();
      if (this.#s[this.#i] === ']') break;
      this.#expect(',');
    }
    this.#i++;
    return { kind: 'array', items };
  }
}

function render(node: Node, indent: string, sort: boolean): string {
  const inner = indent + '    ';
  switch (node.kind) {
    case 'literal': return node.text;
    case 'string': return JSON.stringify(node.value);
    case 'array':
      if (node.items.length === 0) return '[]';
      return `[\n${node.items.map((n) => inner + render(n, inner, sort)).join(',\n')}\n${indent}]`;
    case 'object': {
      if (node.entries.size === 0) return '{}';
      const keys = [...node.entries.keys()];
      if (sort) keys.sort();
      return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${render(node.entries.get(k)!, inner, sort)}`).join(',\n')}\n${indent}}`;
    }
  }
}

/** The body re-indented by 4 (keys sorted unless `sort` is false); throws SyntaxError when it is not JSON. */
export function prettyJson(text: string, sort = true): string {
  return render(new Parser(text).parse(), '', sort);
}
