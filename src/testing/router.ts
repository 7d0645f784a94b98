// Werkzeug-style routing: rules like "/redirect/<int:n>" or "/anything/<path:rest>" matched on the
// decoded path. GET rules also answer HEAD; every rule answers OPTIONS (Flask's automatic
// options); a path that matches with the wrong method gets 405 with an Allow header.
import type { Reply } from './reply.js';
import type { HttpbinRequest } from './request.js';

/** A route handler: may be async (delays, streams). */
export type Handler = (req: HttpbinRequest) => Reply | Promise<Reply>;

/** One rule of the route table. */
export interface Route {
  readonly rule: string;
  readonly methods: readonly string[];
  readonly handler: Handler;
}

interface Compiled {
  readonly re: RegExp;
  readonly names: string[];
  readonly route: Route;
}

/** Result of matching a method and path against the table. */
export type Match =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method'; allow: string[] }
  | { kind: 'none' };

// Werkzeug converters: default [^/]+, int \d+, path [^/].*? (anchored, so greedy is equivalent).
const CONVERTERS: Record<string, string> = { default: '[^/]+', int: '\\d+', path: '[^/].*' };

function compile(route: Route): Compiled {
  const names: string[] = [];
  const source = route.rule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<(?:(\w+):)?(\w+)>/g, (_m, conv: string | undefined, name: string) => {
    names.push(name);
    return `(${CONVERTERS[conv ?? 'default'] ?? CONVERTERS['default']})`;
  });
  return { re: new RegExp(`^${source}$`, 's'), names, route };
}

/** Methods a rule accepts, with Flask's implicit HEAD (for GET) and OPTIONS. */
export function allowedMethods(route: Route): string[] {
  const set = new Set(route.methods);
  if (set.has('GET')) set.add('HEAD');
  set.add('OPTIONS');
  return [...set].sort();
}

/** A compiled route table. */
export class Router {
  readonly #rules: Compiled[];

  constructor(routes: readonly Route[]) {
    this.#rules = routes.map(compile);
  }

  /** Find the rule for `method` on the decoded `path`. */
  match(method: string, path: string): Match {
    const allow = new Set<string>();
    for (const rule of this.#rules) {
      const m = rule.re.exec(path);
      if (m === null) continue;
      const methods = allowedMethods(rule.route);
      if (methods.includes(method)) {
        const params: Record<string, string> = {};
        rule.names.forEach((name, i) => { params[name] = m[i + 1]!; });
        return { kind: 'found', route: rule.route, params };
      }
      for (const x of methods) allow.add(x);
    }
    return allow.size > 0 ? { kind: 'method', allow: [...allow].sort() } : { kind: 'none' };
  }
}
