/**
 * The User-agent urllib sends: `httpkit-urllib/<version>`, the version read from package.json
 * (CPython sends `Python-urllib/<major.minor>`). The path resolves from src/urllib and dist/urllib alike.
 */
import { readFileSync } from 'node:fs';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0';
  } catch {
    return '0';
  }
}

/** Package version, e.g. '0.1.0'. */
export const VERSION = packageVersion();

/** `httpkit-urllib/<version>`. */
export const USER_AGENT = `httpkit-urllib/${VERSION}`;
