// httpkit/testing: an httpbin-compatible server for tests (the pytest-httpbin of httpkit).
//
//   import { startHttpbin } from 'httpkit/testing';
//   const httpbin = await startHttpbin();               // http://127.0.0.1:<free port>
//   const secure = await startHttpbin({ tls: true });   // https, verify with secure.ca
//   ... requests to `${httpbin.url}/get`, /post, /status/418, /digest-auth/auth/u/p ...
//   await httpbin.close(); await secure.close();
//
// Same routes and JSON shapes as httpbin (Debian's 0.7.0 as the reference, current httpbin where
// 0.7.0 lacks a route or serves a placeholder), built on node:http only.
export { startHttpbin } from './server.js';
export type { HttpbinOptions, HttpbinServer } from './server.js';
export { CA_CERT } from './certs.js';
