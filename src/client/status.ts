/**
 * http.HTTPStatus and http.client.responses, with exactly the members of CPython 3.11
 * (Lib/http/__init__.py): name, value, phrase and description.
 *
 * `HTTPStatus` is enum-like: `HTTPStatus.OK.value === 200`, `HTTPStatus.OK.phrase === 'OK'`,
 * lookup by value with `HTTPStatus(200)` (as Python's `HTTPStatus(200)`) or `HTTPStatus[200]`,
 * iteration with `HTTPStatus.members()`. A member converts to its number (`+HTTPStatus.OK`,
 * `HTTPStatus.OK == 200`) and prints as one (`String(HTTPStatus.OK) === '200'`, Python's str()).
 */

/** CPython http.client: HTTP_PORT. */
export const HTTP_PORT = 80;
/** CPython http.client: HTTPS_PORT. */
export const HTTPS_PORT = 443;

/** One HTTP status (a member of HTTPStatus). */
export interface HTTPStatusMember {
  readonly name: string;
  readonly value: number;
  readonly phrase: string;
  readonly description: string;
  valueOf(): number;
  toString(): string;
}

// [name, value, phrase, description] — generated from /usr/bin/python3's http.HTTPStatus.
const TABLE: ReadonlyArray<readonly [string, number, string, string]> = [
  ["CONTINUE", 100, "Continue", "Request received, please continue"],
  ["SWITCHING_PROTOCOLS", 101, "Switching Protocols", "Switching to new protocol; obey Upgrade header"],
  ["PROCESSING", 102, "Processing", ""],
  ["EARLY_HINTS", 103, "Early Hints", ""],
  ["OK", 200, "OK", "Request fulfilled, document follows"],
  ["CREATED", 201, "Created", "Document created, URL follows"],
  ["ACCEPTED", 202, "Accepted", "Request accepted, processing continues off-line"],
  ["NON_AUTHORITATIVE_INFORMATION", 203, "Non-Authoritative Information", "Request fulfilled from cache"],
  ["NO_CONTENT", 204, "No Content", "Request fulfilled, nothing follows"],
  ["RESET_CONTENT", 205, "Reset Content", "Clear input form for further input"],
  ["PARTIAL_CONTENT", 206, "Partial Content", "Partial content follows"],
  ["MULTI_STATUS", 207, "Multi-Status", ""],
  ["ALREADY_REPORTED", 208, "Already Reported", ""],
  ["IM_USED", 226, "IM Used", ""],
  ["MULTIPLE_CHOICES", 300, "Multiple Choices", "Object has several resources -- see URI list"],
  ["MOVED_PERMANENTLY", 301, "Moved Permanently", "Object moved permanently -- see URI list"],
  ["FOUND", 302, "Found", "Object moved temporarily -- see URI list"],
  ["SEE_OTHER", 303, "See Other", "Object moved -- see Method and URL list"],
  ["NOT_MODIFIED", 304, "Not Modified", "Document has not changed since given time"],
  ["USE_PROXY", 305, "Use Proxy", "You must use proxy specified in Location to access this resource"],
  ["TEMPORARY_REDIRECT", 307, "Temporary Redirect", "Object moved temporarily -- see URI list"],
  ["PERMANENT_REDIRECT", 308, "Permanent Redirect", "Object moved permanently -- see URI list"],
  ["BAD_REQUEST", 400, "Bad Request", "Bad request syntax or unsupported method"],
  ["UNAUTHORIZED", 401, "Unauthorized", "No permission -- see authorization schemes"],
  ["PAYMENT_REQUIRED", 402, "Payment Required", "No payment -- see charging schemes"],
  ["FORBIDDEN", 403, "Forbidden", "Request forbidden -- authorization will not help"],
  ["NOT_FOUND", 404, "Not Found", "Nothing matches the given URI"],
  ["METHOD_NOT_ALLOWED", 405, "Method Not Allowed", "Specified method is invalid for this resource"],
  ["NOT_ACCEPTABLE", 406, "Not Acceptable", "URI not available in preferred format"],
  ["PROXY_AUTHENTICATION_REQUIRED", 407, "Proxy Authentication Required", "You must authenticate with this proxy before proceeding"],
  ["REQUEST_TIMEOUT", 408, "Request Timeout", "Request timed out; try again later"],
  ["CONFLICT", 409, "Conflict", "Request conflict"],
  ["GONE", 410, "Gone", "URI no longer exists and has been permanently removed"],
  ["LENGTH_REQUIRED", 411, "Length Required", "Client must specify Content-Length"],
  ["PRECONDITION_FAILED", 412, "Precondition Failed", "Precondition in headers is false"],
  ["REQUEST_ENTITY_TOO_LARGE", 413, "Request Entity Too Large", "Entity is too large"],
  ["REQUEST_URI_TOO_LONG", 414, "Request-URI Too Long", "URI is too long"],
  ["UNSUPPORTED_MEDIA_TYPE", 415, "Unsupported Media Type", "Entity body in unsupported format"],
  ["REQUESTED_RANGE_NOT_SATISFIABLE", 416, "Requested Range Not Satisfiable", "Cannot satisfy request range"],
  ["EXPECTATION_FAILED", 417, "Expectation Failed", "Expect condition could not be satisfied"],
  ["IM_A_TEAPOT", 418, "I'm a Teapot", "Server refuses to brew coffee because it is a teapot."],
  ["MISDIRECTED_REQUEST", 421, "Misdirected Request", "Server is not able to produce a response"],
  ["UNPROCESSABLE_ENTITY", 422, "Unprocessable Entity", ""],
  ["LOCKED", 423, "Locked", ""],
  ["FAILED_DEPENDENCY", 424, "Failed Dependency", ""],
  ["TOO_EARLY", 425, "Too Early", ""],
  ["UPGRADE_REQUIRED", 426, "Upgrade Required", ""],
  ["PRECONDITION_REQUIRED", 428, "Precondition Required", "The origin server requires the request to be conditional"],
  ["TOO_MANY_REQUESTS", 429, "Too Many Requests", "The user has sent too many requests in a given amount of time (\"rate limiting\")"],
  ["REQUEST_HEADER_FIELDS_TOO_LARGE", 431, "Request Header Fields Too Large", "The server is unwilling to process the request because its header fields are too large"],
  ["UNAVAILABLE_FOR_LEGAL_REASONS", 451, "Unavailable For Legal Reasons", "The server is denying access to the resource as a consequence of a legal demand"],
  ["INTERNAL_SERVER_ERROR", 500, "Internal Server Error", "Server got itself in trouble"],
  ["NOT_IMPLEMENTED", 501, "Not Implemented", "Server does not support this operation"],
  ["BAD_GATEWAY", 502, "Bad Gateway", "Invalid responses from another server/proxy"],
  ["SERVICE_UNAVAILABLE", 503, "Service Unavailable", "The server cannot process the request due to a high load"],
  ["GATEWAY_TIMEOUT", 504, "Gateway Timeout", "The gateway server did not receive a timely response"],
  ["HTTP_VERSION_NOT_SUPPORTED", 505, "HTTP Version Not Supported", "Cannot fulfill request"],
  ["VARIANT_ALSO_NEGOTIATES", 506, "Variant Also Negotiates", ""],
  ["INSUFFICIENT_STORAGE", 507, "Insufficient Storage", ""],
  ["LOOP_DETECTED", 508, "Loop Detected", ""],
  ["NOT_EXTENDED", 510, "Not Extended", ""],
  ["NETWORK_AUTHENTICATION_REQUIRED", 511, "Network Authentication Required", "The client needs to authenticate to gain network access"],
];

type StatusName = (typeof TABLE)[number][0];

interface HTTPStatusStatic {
  /** Python's HTTPStatus(value): the member for a number; throws RangeError when none. */
  (value: number): HTTPStatusMember;
  readonly prototype: HTTPStatusMember;
  /** Every member in value order (Python's `list(HTTPStatus)`). */
  members(): HTTPStatusMember[];
  readonly [value: number]: HTTPStatusMember;
}

/** http.HTTPStatus: `HTTPStatus.NOT_FOUND`, `HTTPStatus(404)`, `HTTPStatus[404]`. */
export const HTTPStatus = function HTTPStatus(value: number): HTTPStatusMember {
  const member = byValue.get(Number(value));
  if (member === undefined) throw new RangeError(`${String(value)} is not a valid HTTPStatus`);
  return member;
} as unknown as HTTPStatusStatic & { readonly [K in StatusName]: HTTPStatusMember } & Record<string, HTTPStatusMember>;

const byValue = new Map<number, HTTPStatusMember>();

Object.defineProperties(HTTPStatus.prototype, {
  valueOf: { value(this: HTTPStatusMember) { return this.value; } },
  toString: { value(this: HTTPStatusMember) { return String(this.value); } },
  [Symbol.toPrimitive]: { value(this: HTTPStatusMember, hint: string) { return hint === 'string' ? String(this.value) : this.value; } },
});

// Built at import, so kept cheap (this loop was a quarter of `import('httpkit/client')`): members
// from a constructor sharing HTTPStatus.prototype, names assigned (made read-only by the freeze
// below), the numeric keys defined hidden in one call.
function Member(this: { -readonly [K in keyof HTTPStatusMember]: HTTPStatusMember[K] }, name: string, value: number, phrase: string, description: string): void {
  this.name = name;
  this.value = value;
  this.phrase = phrase;
  this.description = description;
  Object.freeze(this);
}
Member.prototype = HTTPStatus.prototype;
const byNumber: PropertyDescriptorMap = {};
for (let i = 0; i < TABLE.length; i++) {
  const [name, value, phrase, description] = TABLE[i]!;
  const member = new (Member as unknown as new (...args: [string, number, string, string]) => HTTPStatusMember)(name, value, phrase, description);
  byValue.set(value, member);
  (HTTPStatus as Record<string, HTTPStatusMember>)[name] = member;
  byNumber[value] = { value: member, enumerable: false };
}
Object.defineProperties(HTTPStatus, byNumber);
Object.defineProperty(HTTPStatus, 'members', { value: (): HTTPStatusMember[] => [...byValue.values()] });
Object.freeze(HTTPStatus);

/** http.client.responses: status code → reason phrase, for every HTTPStatus member. */
export const responses: Readonly<Record<number, string>> = Object.freeze(Object.fromEntries(TABLE.map(([, value, phrase]) => [value, phrase])));

/** One member of HTTPMethod (Python 3.11 http.HTTPMethod, a StrEnum): prints as its value. */
export interface HTTPMethodMember {
  readonly name: string;
  readonly value: string;
  readonly description: string;
  toString(): string;
}

const METHODS: ReadonlyArray<readonly [string, string]> = [
  ['CONNECT', 'Establish a connection to the server.'],
  ['DELETE', 'Remove the target.'],
  ['GET', 'Retrieve the target.'],
  ['HEAD', 'Same as GET, but only retrieve the status line and header section.'],
  ['OPTIONS', 'Describe the communication options for the target.'],
  ['PATCH', 'Apply partial modifications to a target.'],
  ['POST', 'Perform target-specific processing with the request payload.'],
  ['PUT', 'Replace the target with the request payload.'],
  ['TRACE', 'Perform a message loop-back test along the path to the target.'],
];

/** http.HTTPMethod: `HTTPMethod.GET.value === 'GET'`, `String(HTTPMethod.GET) === 'GET'`. */
export const HTTPMethod: Readonly<Record<'CONNECT' | 'DELETE' | 'GET' | 'HEAD' | 'OPTIONS' | 'PATCH' | 'POST' | 'PUT' | 'TRACE', HTTPMethodMember>> = Object.freeze(
  Object.fromEntries(METHODS.map(([name, description]) => [name, Object.freeze({ name, value: name, description, toString: () => name })])) as Record<'CONNECT' | 'DELETE' | 'GET' | 'HEAD' | 'OPTIONS' | 'PATCH' | 'POST' | 'PUT' | 'TRACE', HTTPMethodMember>,
);
