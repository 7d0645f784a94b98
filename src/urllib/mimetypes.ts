/**
 * mimetypes.guess_type for FileHandler's Content-type: CPython's built-in table, overlaid (as
 * CPython's mimetypes.init() does) by the system mime.types files when they exist, plus its
 * suffix_map (.tgz → .tar.gz) and case-sensitive encodings_map (.gz, .Z, ...).
 */
import { readFileSync } from 'node:fs';

// CPython 3.11 Lib/mimetypes.py _types_map_default, grouped by type: 'type': 'ext ext ...'.
const DEFAULT_TYPES: Record<string, string> = {
  'application/javascript': 'js mjs',
  'application/json': 'json',
  'application/manifest+json': 'webmanifest',
  'application/msword': 'doc dot wiz',
  'application/n-quads': 'nq',
  'application/n-triples': 'nt',
  'application/octet-stream': 'bin a dll exe o obj so',
  'application/oda': 'oda',
  'application/pdf': 'pdf',
  'application/pkcs7-mime': 'p7c',
  'application/postscript': 'ps ai eps',
  'application/trig': 'trig',
  'application/vnd.apple.mpegurl': 'm3u m3u8',
  'application/vnd.ms-excel': 'xls xlb',
  'application/vnd.ms-powerpoint': 'ppt pot ppa pps pwz',
  'application/wasm': 'wasm',
  'application/x-bcpio': 'bcpio',
  'application/x-cpio': 'cpio',
  'application/x-csh': 'csh',
  'application/x-dvi': 'dvi',
  'application/x-gtar': 'gtar',
  'application/x-hdf': 'hdf',
  'application/x-hdf5': 'h5',
  'application/x-latex': 'latex',
  'application/x-mif': 'mif',
  'application/x-netcdf': 'cdf nc',
  'application/x-pkcs12': 'p12 pfx',
  'application/x-pn-realaudio': 'ram',
  'application/x-python-code': 'pyc pyo',
  'application/x-sh': 'sh',
  'application/x-shar': 'shar',
  'application/x-shockwave-flash': 'swf',
  'application/x-sv4cpio': 'sv4cpio',
  'application/x-sv4crc': 'sv4crc',
  'application/x-tar': 'tar',
  'application/x-tcl': 'tcl',
  'application/x-tex': 'tex',
  'application/x-texinfo': 'texi texinfo',
  'application/x-troff': 'roff t tr',
  'application/x-troff-man': 'man',
  'application/x-troff-me': 'me',
  'application/x-troff-ms': 'ms',
  'application/x-ustar': 'ustar',
  'application/x-wais-source': 'src',
  'application/xml': 'xsl rdf wsdl xpdl',
  'application/zip': 'zip',
  'audio/3gpp': '3gp 3gpp',
  'audio/3gpp2': '3g2 3gpp2',
  'audio/aac': 'aac adts loas ass',
  'audio/basic': 'au snd',
  'audio/mpeg': 'mp3 mp2',
  'audio/opus': 'opus',
  'audio/x-aiff': 'aif aifc aiff',
  'audio/x-pn-realaudio': 'ra',
  'audio/x-wav': 'wav',
  'image/avif': 'avif',
  'image/bmp': 'bmp',
  'image/gif': 'gif',
  'image/ief': 'ief',
  'image/jpeg': 'jpg jpe jpeg',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/png': 'png',
  'image/svg+xml': 'svg',
  'image/tiff': 'tiff tif',
  'image/vnd.microsoft.icon': 'ico',
  'image/x-cmu-raster': 'ras',
  'image/x-portable-anymap': 'pnm',
  'image/x-portable-bitmap': 'pbm',
  'image/x-portable-graymap': 'pgm',
  'image/x-portable-pixmap': 'ppm',
  'image/x-rgb': 'rgb',
  'image/x-xbitmap': 'xbm',
  'image/x-xpixmap': 'xpm',
  'image/x-xwindowdump': 'xwd',
  'message/rfc822': 'eml mht mhtml nws',
  'text/css': 'css',
  'text/csv': 'csv',
  'text/html': 'html htm',
  'text/n3': 'n3',
  'text/plain': 'txt bat c h ksh pl srt',
  'text/richtext': 'rtx',
  'text/tab-separated-values': 'tsv',
  'text/vtt': 'vtt',
  'text/x-python': 'py',
  'text/x-setext': 'etx',
  'text/x-sgml': 'sgm sgml',
  'text/x-vcard': 'vcf',
  'text/xml': 'xml',
  'video/mp4': 'mp4',
  'video/mpeg': 'mpeg m1v mpa mpe mpg',
  'video/quicktime': 'mov qt',
  'video/webm': 'webm',
  'video/x-msvideo': 'avi',
  'video/x-sgi-movie': 'movie',
};

// CPython mimetypes.knownfiles, read in order; later files override earlier entries.
const KNOWN_FILES = [
  '/etc/mime.types', '/etc/httpd/mime.types', '/etc/httpd/conf/mime.types', '/etc/apache/mime.types',
  '/etc/apache2/mime.types', '/usr/local/etc/httpd/conf/mime.types', '/usr/local/lib/netscape/mime.types',
  '/usr/local/etc/httpd/conf/mime.types', '/usr/local/etc/mime.types',
];

const SUFFIX_MAP: Record<string, string> = { '.svgz': '.svg.gz', '.tgz': '.tar.gz', '.taz': '.tar.gz', '.tz': '.tar.gz', '.tbz2': '.tar.bz2', '.txz': '.tar.xz' };
const ENCODINGS_MAP: Record<string, string> = { '.gz': 'gzip', '.Z': 'compress', '.bz2': 'bzip2', '.xz': 'xz', '.br': 'br' };

let typesMap: Map<string, string> | null = null;

function loadTypes(): Map<string, string> {
  const map = new Map<string, string>();
  for (const [type, exts] of Object.entries(DEFAULT_TYPES)) for (const ext of exts.split(' ')) map.set('.' + ext, type);
  for (const file of KNOWN_FILES) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) addLine(map, line);
  }
  return map;
}

// CPython MimeTypes.readfp: words up to a '#'-word; the first is the type, the rest suffixes.
function addLine(map: Map<string, string>, line: string): void {
  const words = line.split(/\s+/).filter((w) => w !== '');
  const hash = words.findIndex((w) => w.startsWith('#'));
  if (hash >= 0) words.length = hash;
  if (words.length === 0) return;
  for (const suffix of words.slice(1)) map.set('.' + suffix, words[0]!);
}

/** posixpath.splitext: the extension starts at the last dot of the last component, not at its leading dots. */
export function splitext(p: string): [string, string] {
  const sep = p.lastIndexOf('/');
  const dot = p.lastIndexOf('.');
  if (dot > sep) {
    let i = sep + 1;
    while (i < dot && p[i] === '.') i++;
    if (i < dot) return [p.slice(0, dot), p.slice(dot)];
  }
  return [p, ''];
}

/** mimetypes.guess_type(url) with strict=true: [type or null, encoding or null]. */
export function guessType(url: string): [string | null, string | null] {
  const m = /^([^/:]+):([\s\S]*)$/.exec(url);
  if (m && m[1]!.toLowerCase() === 'data') return guessDataType(m[2]!);
  const path = m ? m[2]! : url;
  let [base, ext] = splitext(path);
  for (let i = 0; i < 16 && Object.hasOwn(SUFFIX_MAP, ext.toLowerCase()); i++) [base, ext] = splitext(base + SUFFIX_MAP[ext.toLowerCase()]);
  let encoding: string | null = null;
  if (Object.hasOwn(ENCODINGS_MAP, ext)) {
    encoding = ENCODINGS_MAP[ext]!;
    ext = splitext(base)[1];
  }
  typesMap ??= loadTypes();
  return [typesMap.get(ext.toLowerCase()) ?? null, encoding];
}

function guessDataType(rest: string): [string | null, null] {
  const comma = rest.indexOf(',');
  if (comma < 0) return [null, null];
  const semi = rest.slice(0, comma).indexOf(';');
  let type = semi >= 0 ? rest.slice(0, semi) : rest.slice(0, comma);
  if (type.includes('=') || !type.includes('/')) type = 'text/plain';
  return [type, null];
}
