/**
 * Python's second base classes for `instanceof`.
 *
 * JavaScript has single inheritance; Python's exception trees do not (`ConnectTimeout` is a
 * `ConnectionError` and a `Timeout`; urllib's `HTTPError` is a `URLError` and a response). The
 * prototype chain follows Python's first base; each extra base gets a brand symbol that
 * `Symbol.hasInstance` checks, so `err instanceof Timeout` is true for a `ConnectTimeout`.
 */

/** Marks `cls` (and its subclasses) as also being an instance of `base` for `instanceof`. */
export function addSecondBase(cls: abstract new (...args: any[]) => unknown, base: abstract new (...args: any[]) => unknown): void {
  const brands = brandSetOf(base);
  brands.add(cls);
}

const registry = new WeakMap<object, Set<object>>();

function brandSetOf(base: object): Set<object> {
  let brands = registry.get(base);
  if (brands === undefined) {
    brands = new Set();
    registry.set(base, brands);
    const original = Function.prototype[Symbol.hasInstance];
    const set = brands;
    Object.defineProperty(base, Symbol.hasInstance, {
      value(this: object, value: unknown): boolean {
        if (original.call(this, value)) return true;
        // Only the base itself honours the extra children; subclasses of the base keep plain semantics.
        if (this !== base || value === null || typeof value !== 'object') return false;
        for (const child of set) if (original.call(child, value)) return true;
        return false;
      },
    });
  }
  return brands;
}
