/**
 * What an HTTPConnection needs only once it does I/O: the engine (node:net, node:tls), the
 * engine's errors, chunk encoding and the debug printer. connection.ts loads this module on the
 * first connect, not at import, so `import('httpkit/client')` stays cheap (issue 3: under 10 ms;
 * on Node 20 every module on the static import path costs about 0.3 to 0.5 ms on its own).
 */
export { connect } from '../engine/connect.js';
export * as engineErrors from '../engine/errors.js';
export { encodeChunk, LAST_CHUNK } from '../protocol/writers.js';
export { debugReply, debugSend } from './debug.js';
