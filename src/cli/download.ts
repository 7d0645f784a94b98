/**
 * `--download` as HTTPie's downloads.py: the file name comes from Content-Disposition, else from
 * the final URL's path (`index` for `/`, an extension guessed from the Content-Type when the name
 * has none); an existing file is never overwritten (`name-1`, `name-2`, ...). Progress and the
 * summary go to stderr.
 */
import { createWriteStream, existsSync } from 'node:fs';
import type { Sink } from './output.js';

// HTTPie uses mimetypes.guess_extension; these are the common answers (text/plain → .txt, as HTTPie).
const EXT: Record<string, string> = {
  'text/plain': '.txt', 'text/html': '.html', 'application/json': '.json', 'application/xml': '.xml',
  'text/xml': '.xml', 'text/csv': '.csv', 'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif',
  'image/svg+xml': '.svg', 'application/pdf': '.pdf', 'application/zip': '.zip', 'application/gzip': '.gz',
  'text/css': '.css', 'text/javascript': '.js', 'application/javascript': '.js', 'application/octet-stream': '.bin',
};

/** filename= (or filename*=UTF-8''...) of a Content-Disposition, base name only, or null. */
export function filenameFromContentDisposition(cd: string | null): string | null {
  if (!cd) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(cd);
  const plain = /filename\s*=\s*(?:"((?:\\.|[^"\\])*)"|([^;]+))/i.exec(cd);
  let name: string | null = null;
  if (star) {
    try {
      name = decodeURIComponent(star[1]!.trim());
    } catch {
      name = null;
    }
  }
  if (name === null && plain) name = (plain[1] ?? plain[2] ?? '').trim().replace(/\\(.)/g, '$1');
  if (!name) return null;
  // Never let a server pick a directory: keep the last path component only (HTTPie: os.path.basename).
  name = name.split(/[\\/]/).pop()!.replace(/^\.+/, '');
  return name || null;
}

/** HTTPie's filename_from_url. */
export function filenameFromUrl(url: string, contentType: string | null): string {
  const path = new URL(url).pathname.replace(/\/+$/, '');
  let name = path ? decodeURIComponent(path.split('/').pop()!) : 'index';
  if (!name) name = 'index';
  if (!name.includes('.') && contentType) {
    const ext = EXT[contentType.split(';')[0]!.trim().toLowerCase()];
    if (ext) name += ext;
  }
  return name;
}

/** HTTPie's get_unique_filename: `name`, `name-1`, `name-2`, ... (bounded). */
export function uniqueFilename(name: string, exists: (p: string) => boolean = existsSync): string {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const candidate = attempt === 0 ? name : `${name}-${attempt}`;
    if (!exists(candidate)) return candidate;
  }
  throw new Error(`no free file name for ${name}`);
}

function human(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(2)} ${units[i]}`;
}

export interface DownloadSource {
  url: string;
  /** Response status: 206 continues a resumed download (--continue), anything else starts over. */
  status: number;
  contentRange: string | null;
  contentType: string | null;
  contentDisposition: string | null;
  contentLength: number | null;
  chunks: AsyncIterable<Uint8Array>;
}

/** First byte of a `Content-Range: bytes first-last/total`, or null. */
export function contentRangeStart(value: string | null): number | null {
  const m = value ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value.trim()) : null;
  return m ? Number(m[1]) : null;
}

/**
 * Streams the body to `output` (or a derived unique name); returns the file name used. With
 * `resumeFrom` > 0 (--continue) a 206 whose range starts there is appended (HTTPie's
 * ContentRangeError when it starts elsewhere); any other status rewrites the file.
 */
export async function download(src: DownloadSource, output: string | null, stderr: Sink, resumeFrom = 0): Promise<string> {
  const name = output ?? uniqueFilename(filenameFromContentDisposition(src.contentDisposition) ?? filenameFromUrl(src.url, src.contentType));
  const append = resumeFrom > 0 && src.status === 206;
  if (append && contentRangeStart(src.contentRange) !== resumeFrom) {
    throw new Error(`Unexpected Content-Range ${JSON.stringify(src.contentRange)} (resuming from byte ${resumeFrom})`);
  }
  const size = src.contentLength === null ? '' : `${human(src.contentLength)} `;
  stderr.write(append ? `Resuming from byte ${resumeFrom}: downloading ${size}to "${name}"\n` : `Downloading ${size}to "${name}"\n`);
  const started = performance.now();
  const file = createWriteStream(name, { flags: append ? 'a' : 'w' });
  const failed = new Promise<never>((_, reject) => file.once('error', reject));
  failed.catch(() => {});
  let total = 0;
  for await (const chunk of src.chunks) {
    total += chunk.length;
    if (!file.write(chunk)) await Promise.race([new Promise<void>((r) => file.once('drain', () => r())), failed]);
  }
  await Promise.race([new Promise<void>((r) => file.end(() => r())), failed]);
  const secs = (performance.now() - started) / 1000;
  stderr.write(`Done. ${human(total)} in ${secs.toFixed(5)}s (${human(Math.round(total / Math.max(secs, 1e-6)))}/s)\n`);
  if (src.contentLength !== null && total < src.contentLength) {
    throw new Error(`Incomplete download: size=${src.contentLength}; downloaded=${total}`);
  }
  return name;
}
