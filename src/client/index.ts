/** httpkit/client — Python's http.client (+ http.HTTPStatus) on httpkit's engine. */
export { HTTPConnection } from './connection.js';
export type { HTTPConnectionOptions, RequestOptions, HeadersInit, HeaderValue } from './connection.js';
export { HTTPSConnection } from './https.js';
export type { HTTPSConnectionOptions, HTTPSContext } from './https.js';
export { HTTPResponse } from './response.js';
export { HTTPMessage } from './message.js';
export { HTTPStatus, HTTPMethod, responses, HTTP_PORT, HTTPS_PORT } from './status.js';
export type { HTTPStatusMember, HTTPMethodMember } from './status.js';
export type { BodyInit } from './body.js';
export {
  HTTPException, NotConnected, InvalidURL, UnknownProtocol, UnknownTransferEncoding, UnimplementedFileMode, IncompleteRead,
  ImproperConnectionState, CannotSendRequest, CannotSendHeader, ResponseNotReady, BadStatusLine, LineTooLong, RemoteDisconnected,
  OSError, ConnectionError, ConnectionRefusedError, ConnectionResetError, ConnectionAbortedError, BrokenPipeError, TimeoutError,
  gaierror, SSLError, SSLCertVerificationError, MAX_LINE,
} from './errors.js';
