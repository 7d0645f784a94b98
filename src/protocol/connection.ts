/**
 * The sans-I/O HTTP/1.1 client connection: bytes in, events out, no I/O, timers or promises.
 *
 *   const c = new ClientConnection();
 *   socket.write(c.send({ type: 'request', method: 'GET', target: '/', headers: ['Host', 'x'] }));
 *   c.send({ type: 'end' });
 *   c.receiveData(chunk);            // as bytes arrive; receiveEof() when the peer closes
 *   c.nextEvent();                   // response | data | end | NEED_DATA | PAUSED
 *   c.startNextCycle();              // after a complete, reusable exchange
 *
 * Invariants: requests are validated before any byte is produced; the same events come out
 * however the input is split; the first ProtocolError moves both sides to ERROR and is thrown
 * again by every later call (sticky). One request at a time (no pipelining).
 */
import { ProtocolError } from './errors.js';
import { NEED_DATA, PAUSED } from './events.js';
import type { HeaderList, InformationalEvent, NextEvent, RequestEvent, ResponseEvent, SendEvent } from './events.js';
import { decideFraming } from './framing.js';
import { validateMethod, validateTarget } from './grammar.js';
import { headerFacts } from './header-facts.js';
import { isBlankLine, parseFieldLine, parseStatusLine } from './head.js';
import type { StatusLine } from './head.js';
import { MAX_HEADERS, MAX_HEAD_BYTES, MAX_INTERIM_RESPONSES, MAX_LINE_BYTES } from './limits.js';
import { ChunkedReader, ContentLengthReader, UntilCloseReader } from './readers.js';
import type { BodyFramer } from './readers.js';
import { NO_LINE, ReceiveBuffer, TOO_LONG_LINE } from './receive-buffer.js';
import { ConnectionState, DONE, ERROR, IDLE, SEND_BODY, SEND_RESPONSE } from './state.js';
import type { OurState, TheirState } from './state.js';
import { LAST_CHUNK, encodeChunk, encodeHeadAndBody, framingFor, headWithFields } from './writers.js';

const EMPTY = new Uint8Array(0);
/** The head list of an idle connection; expectResponse() starts a fresh one before any field is parsed. */
const NO_HEADERS: HeaderList = Object.freeze([]) as unknown as HeaderList;

export class ClientConnection {
  #state = new ConnectionState();
  #buf = new ReceiveBuffer();
  #eof = false;
  #error: ProtocolError | null = null;
  #method = 'GET';
  #chunkedOut = false;
  #status: StatusLine | null = null;
  #headers: HeaderList = [];
  #headBytes = 0;
  #interim = 0;
  #framer: BodyFramer | null = null;

  get ourState(): OurState {
    return this.#state.our;
  }
  get theirState(): TheirState {
    return this.#state.their;
  }
  /** False once the connection cannot carry another request. */
  get keepAlive(): boolean {
    return this.#state.keepAlive;
  }
  /** Received bytes not yet consumed by events. */
  get bufferedBytes(): number {
    return this.#buf.length;
  }
  /** The peer closed its side. */
  get eof(): boolean {
    return this.#eof;
  }
  /** The sticky error, if any. */
  get error(): ProtocolError | null {
    return this.#error;
  }
  /** Bytes still expected of a length-delimited body, else null. */
  get bodyRemaining(): number | null {
    return this.#framer === null ? null : this.#framer.remaining;
  }
  /** The request body being sent uses the chunked coding. */
  get chunkedOut(): boolean {
    return this.#chunkedOut;
  }
  /** Safe to send another request: a finished, reusable exchange and no stray bytes or EOF. */
  get canReuse(): boolean {
    return this.#state.keepAlive && this.#buf.length === 0 && !this.#eof && this.#error === null;
  }

  /** Serialises a request event (head, body data, end) into bytes to write. */
  send(event: SendEvent): Uint8Array {
    this.#checkError();
    if (event.type === 'request') return this.startRequest(event, null, event.bodyLength === undefined);
    if (this.#state.our !== SEND_BODY) throw new ProtocolError('ILLEGAL_STATE', `Cannot send ${event.type} in state ${this.#state.our}`);
    if (event.type === 'data') return this.#chunkedOut ? encodeChunk(event.data) : event.data;
    this.#state.setOur(DONE);
    return this.#chunkedOut ? LAST_CHUNK : EMPTY;
  }

  /**
   * Validates and serialises a request head, with `inline` body bytes in the same buffer. With
   * `complete` the request ends here (our side DONE); otherwise body data follows via send().
   * Starts awaiting the response.
   */
  startRequest(ev: RequestEvent, inline: Uint8Array | null, complete: boolean): Buffer {
    this.#checkError();
    if (this.#state.our !== IDLE) throw new ProtocolError('ILLEGAL_STATE', `Cannot send a request in state ${this.#state.our}`);
    validateMethod(ev.method);
    validateTarget(ev.target);
    const facts = headerFacts(ev.headers); // validates the headers (once per frozen list)
    let head: string;
    let chunked = ev.encodeChunked === true;
    if (ev.addFraming === false) {
      head = headWithFields(ev.method, ev.target, facts.fields);
    } else {
      const f = framingFor(ev.method, facts.hasLength, facts.hasTe, ev.bodyLength, chunked);
      chunked = f.chunked;
      head = headWithFields(ev.method, ev.target, facts.fields, f.name, f.value);
    }
    this.#chunkedOut = chunked;
    // RFC 9112 §9.6: a request carrying "Connection: close" ends the connection after its response.
    if (facts.asksClose) this.#state.keepAlive = false;
    let body = inline;
    if (chunked && body !== null) body = complete ? concat(encodeChunk(body), LAST_CHUNK) : encodeChunk(body);
    else if (chunked && complete) body = LAST_CHUNK;
    this.#state.setOur(complete ? DONE : SEND_BODY);
    this.expectResponse(ev.method);
    return encodeHeadAndBody(head, body);
  }

  /** Marks that a request with `method` was sent by other means (raw writes): await its response. */
  expectResponse(method: string): void {
    this.#checkError();
    if (this.#state.their === SEND_RESPONSE) return;
    this.#state.setTheir(SEND_RESPONSE);
    this.#method = method.toUpperCase();
    this.#resetHead();
    this.#interim = 0;
  }

  /** For raw writes: records that the request was completely sent. */
  requestSent(): void {
    if (this.#state.our !== DONE) this.#state.setOur(DONE);
  }

  receiveData(chunk: Uint8Array): void {
    if (this.#eof) throw new ProtocolError('ILLEGAL_STATE', 'Data received after EOF');
    this.#buf.append(chunk);
  }

  /**
   * The peer closed its side: no more data will arrive. The state does not move here: bytes
   * received before the close (a whole response that raced ahead of expectResponse) are still
   * parsed, and the EOF is judged when the parser reaches it (REMOTE_DISCONNECTED, INCOMPLETE,
   * or the end of an until-close body).
   */
  receiveEof(): void {
    this.#eof = true;
  }

  /** The next event, NEED_DATA when more bytes are required, PAUSED when no response is pending. */
  nextEvent(): NextEvent {
    this.#checkError();
    try {
      const t = this.#state.their;
      if (t === SEND_BODY) return this.#readBody();
      if (t === SEND_RESPONSE) return this.#readHead();
      return PAUSED;
    } catch (e) {
      if (e instanceof ProtocolError) {
        this.#error = e;
        this.#state.fail();
      }
      throw e;
    }
  }

  /** After a complete exchange: ready for the next request (throws unless reusable). */
  startNextCycle(): void {
    this.#checkError();
    this.#state.startNextCycle();
    this.#framer = null;
    this.#chunkedOut = false;
    // The last head was handed out in its event; an idle connection keeps none of it.
    this.#status = null;
    this.#headers = NO_HEADERS;
    this.#buf.releaseIdle();
  }

  #readHead(): NextEvent {
    const buf = this.#buf;
    for (;;) {
      const r = buf.nextLine(MAX_LINE_BYTES);
      if (r === TOO_LONG_LINE) {
        throw new ProtocolError('LINE_TOO_LONG', `${this.#status === null ? 'Status' : 'Header'} line longer than ${MAX_LINE_BYTES} bytes`);
      }
      if (r === NO_LINE) {
        if (this.#eof) throw this.#eofInHead();
        return NEED_DATA;
      }
      const line = buf.lineBuf;
      const start = buf.lineStart;
      const end = buf.lineEnd;
      this.#headBytes += end - start;
      if (this.#headBytes > MAX_HEAD_BYTES) throw new ProtocolError('HEAD_TOO_LARGE', `Response head larger than ${MAX_HEAD_BYTES} bytes`);
      if (this.#status === null) {
        this.#status = parseStatusLine(line, start, end);
      } else if (isBlankLine(line, start, end)) {
        return this.#headDone(this.#status);
      } else {
        parseFieldLine(line, start, end, this.#headers, 'header');
        // CPython http.client _read_headers appends every line, the blank one included, before
        // `if len(headers) > _MAXHEADERS: raise HTTPException(...)`: with 100 fields, whatever
        // line comes next (or EOF) is the 101st. So 99 fields pass and 100 fail, as there.
        if (this.#headers.length >= 2 * MAX_HEADERS) throw new ProtocolError('TOO_MANY_HEADERS', `got more than ${MAX_HEADERS} headers`);
      }
    }
  }

  #headDone(s: StatusLine): InformationalEvent | ResponseEvent {
    const headers = this.#headers;
    if (s.status < 200 && s.status !== 101) {
      // RFC 9110 §15.2: interim responses precede the final one; skip them, boundedly.
      if (++this.#interim > MAX_INTERIM_RESPONSES) throw new ProtocolError('TOO_MANY_INTERIM', `More than ${MAX_INTERIM_RESPONSES} interim (1xx) responses`);
      this.#resetHead();
      return { type: 'informational', version: s.version, status: s.status, reason: s.reason, headers };
    }
    const f = decideFraming(this.#method, s.version, s.status, headers);
    if (s.status === 101) f.willClose = true; // the connection now speaks another protocol
    if (f.chunked) this.#framer = new ChunkedReader();
    else if (f.length !== null) this.#framer = new ContentLengthReader(f.length);
    else this.#framer = new UntilCloseReader();
    if (f.willClose) this.#state.keepAlive = false;
    this.#state.setTheir(SEND_BODY);
    return { type: 'response', version: s.version, status: s.status, reason: s.reason, headers, chunked: f.chunked, length: f.length, willClose: f.willClose };
  }

  #readBody(): NextEvent {
    const ev = this.#framer!.next(this.#buf, this.#eof);
    if (ev.type === 'end') this.#state.setTheir(DONE);
    return ev;
  }

  #eofInHead(): ProtocolError {
    if (this.#status === null) {
      if (this.#headBytes === 0 && this.#buf.length === 0) {
        return new ProtocolError('REMOTE_DISCONNECTED', 'Remote end closed connection without response');
      }
      // CPython reads a status line cut by EOF as if it were whole: "HTTP/1.1 20" or "garbage"
      // is BadStatusLine(line). One that would parse is still an error here (no blank line came).
      const rest = this.#buf.takeAll();
      try {
        parseStatusLine(rest, 0, rest.length);
      } catch (e) {
        return e as ProtocolError;
      }
    }
    return new ProtocolError('INCOMPLETE', 'Connection closed in the middle of the response head', { partial: EMPTY, expected: null });
  }

  #resetHead(): void {
    this.#status = null;
    this.#headers = [];
    this.#headBytes = 0;
  }

  #checkError(): void {
    if (this.#error !== null) throw this.#error;
    if (this.#state.our === ERROR) throw new ProtocolError('ILLEGAL_STATE', 'Connection is in the error state');
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
