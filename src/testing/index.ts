// httpkit/testing: an httpbin-compatible server for tests (the pytest-httpbin of httpkit).
export { startHttpbin } from './server.js';
export type { HttpbinOptions, HttpbinServer } from './server.js';
export { CA_CERT } from './certs.js';
