/**
 * The states of one HTTP/1.1 client connection, both directions, and the only code that changes
 * them (h11's model reduced to the client role). Our side: IDLE → SEND_BODY → DONE. Their side:
 * IDLE → SEND_RESPONSE (awaiting the head) → SEND_BODY → DONE. Either side may go to ERROR,
 * which is sticky. The peer's EOF is a flag of the connection, not a state: bytes it sent before
 * closing are still parsed (connection.ts). A new cycle starts only when both are DONE and the
 * connection may be reused.
 */
import { ProtocolError } from './errors.js';

export const IDLE = 'IDLE';
export const SEND_RESPONSE = 'SEND_RESPONSE';
export const SEND_BODY = 'SEND_BODY';
export const DONE = 'DONE';
export const ERROR = 'ERROR';

export type OurState = typeof IDLE | typeof SEND_BODY | typeof DONE | typeof ERROR;
export type TheirState = typeof IDLE | typeof SEND_RESPONSE | typeof SEND_BODY | typeof DONE | typeof ERROR;

/** Allowed transitions; anything else is ILLEGAL_STATE. */
const OUR: Record<OurState, readonly OurState[]> = {
  IDLE: [SEND_BODY, DONE, ERROR],
  SEND_BODY: [DONE, ERROR],
  DONE: [IDLE, ERROR],
  ERROR: [],
};
const THEIRS: Record<TheirState, readonly TheirState[]> = {
  IDLE: [SEND_RESPONSE, ERROR],
  SEND_RESPONSE: [SEND_BODY, DONE, ERROR],
  SEND_BODY: [DONE, ERROR],
  DONE: [IDLE, ERROR],
  ERROR: [],
};

export class ConnectionState {
  our: OurState = IDLE;
  their: TheirState = IDLE;
  /** False once anything (Connection: close, TE+CL, until-close body, an error) rules out reuse. */
  keepAlive = true;

  setOur(to: OurState): void {
    if (to !== this.our && !OUR[this.our].includes(to)) throw illegal('our', this.our, to);
    this.our = to;
  }

  setTheir(to: TheirState): void {
    if (to !== this.their && !THEIRS[this.their].includes(to)) throw illegal('their', this.their, to);
    this.their = to;
  }

  /** Sticky error state for both sides. */
  fail(): void {
    this.our = ERROR;
    this.their = ERROR;
    this.keepAlive = false;
  }

  /** Back to IDLE/IDLE for the next request; only after a complete, reusable exchange. */
  startNextCycle(): void {
    if (this.our !== DONE || this.their !== DONE || !this.keepAlive) {
      throw new ProtocolError('ILLEGAL_STATE', `Cannot start a new request: our side ${this.our}, their side ${this.their}, keep-alive ${this.keepAlive}`);
    }
    this.our = IDLE;
    this.their = IDLE;
  }
}

function illegal(side: string, from: string, to: string): ProtocolError {
  return new ProtocolError('ILLEGAL_STATE', `Illegal transition of ${side} state from ${from} to ${to}`);
}
