/**
 * The process's terminal side: stdin as a request body, and the password prompt. Kept apart from
 * main.ts so the command logic can be driven with an injected `Io`.
 */
import { fstatSync } from 'node:fs';

/** stdin as a request body only when it is a pipe, socket or file (never a terminal, never /dev/null). */
export async function readProcessStdin(): Promise<Uint8Array | null> {
  let st;
  try {
    st = fstatSync(0);
  } catch {
    return null;
  }
  if (!st.isFIFO() && !st.isFile() && !st.isSocket()) return null;
  // A socket is what a parent process's spawn()/execFile() gives by default, often never
  // written nor closed: without data within a grace period it is taken as no body, where HTTPie
  // would hang. Shell pipes (FIFOs) and files are read to the end, as HTTPie does.
  return readAll(process.stdin, st.isSocket() ? STDIN_GRACE_MS : null);
}

const STDIN_GRACE_MS = 300;

function readAll(stream: NodeJS.ReadStream, graceMs: number | null): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const timer = graceMs === null ? null : setTimeout(() => { stream.pause(); stream.destroy(); resolve(null); }, graceMs);
    stream.on('data', (c: Buffer) => {
      if (timer) clearTimeout(timer);
      chunks.push(c);
    });
    stream.once('end', () => {
      if (timer) clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    stream.once('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(e);
    });
  });
}

/** Reads a line from the terminal without echoing it (raw mode), bounded to 1 KiB. */
export function promptOnTerminal(prompt: string): Promise<string | null> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return Promise.resolve(null);
  process.stderr.write(prompt);
  return new Promise((resolve) => {
    let pw = '';
    const done = (value: string | null): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (buf: Buffer): void => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(pw);
        if (ch === '\u0003') return done(null); // Ctrl-C
        if (ch === '\u007f' || ch === '\b') pw = pw.slice(0, -1);
        else if (pw.length < 1024) pw += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
