// `npm start`: a guided tour of httpkit (the Requests API) against the embedded httpbin-compatible
// server (httpkit/testing): a dozen real calls, each printed as a user would want to read it.
// `npm start -- --serve` (or SERVE=1) keeps the server running instead, with curl examples;
// PORT picks the port (default: a free one), TLS=1 serves HTTPS.
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as httpkit from '../src/index.js';
import { startHttpbin, type HttpbinServer } from '../src/testing/server.js';

const serveMode = process.argv.includes('--serve') || process.env['SERVE'] === '1';
const port = Number(process.env['PORT'] ?? 0);
const tls = process.env['TLS'] === '1';

const bold = (s: string): string => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string): string => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);
let step = 0;

function title(text: string, code: string): void {
  step++;
  console.log(`\n${bold(`${String(step).padStart(2)}. ${text}`)}`);
  console.log(dim(`    ${code}`));
}

function show(label: string, value: unknown): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  console.log(`    ${label.padEnd(14)} ${text}`);
}

async function tour(server: HttpbinServer): Promise<void> {
  const u = server.url;
  await using s = new httpkit.Session();
  s.trustEnv = false;
  console.log(`${bold('httpkit tour')} — Python's Requests API in TypeScript, against ${u}`);

  title('GET with query parameters', `await httpkit.get(\`\${url}/get\`, { params: { q: 'httpkit', tags: ['a', 'b'] } })`);
  let r = await httpkit.get(`${u}/get`, { params: { q: 'httpkit', tags: ['a', 'b'] } });
  show('status', `${r.statusCode} ${r.reason}  ok=${r.ok}`);
  show('url', r.url ?? '');
  show('args echoed', r.json().args);

  title('POST a JSON body', `await httpkit.post(\`\${url}/post\`, { json: { name: 'httpkit', version: 1 } })`);
  r = await httpkit.post(`${u}/post`, { json: { name: 'httpkit', version: 1 } });
  show('Content-Type', r.json().headers['Content-Type']);
  show('body sent', r.json().data);
  show('json echoed', r.json().json);

  title('POST a form', `await s.post(\`\${url}/post\`, { data: { lang: 'ts', likes: ['python', 'node'] } })`);
  r = await s.post(`${u}/post`, { data: { lang: 'ts', likes: ['python', 'node'] } });
  show('Content-Type', r.json().headers['Content-Type']);
  show('form echoed', r.json().form);

  title('Upload a file (multipart, streamed from disk)', `await s.post(url, { files: { file: ['package.json', createReadStream('package.json'), 'application/json'] }, data: { note: 'hi' } })`);
  const pkg = fileURLToPath(new URL('../package.json', import.meta.url));
  r = await s.post(`${u}/post`, { files: { file: ['package.json', createReadStream(pkg), 'application/json'] }, data: { note: 'hi' } });
  show('Content-Type', String(r.json().headers['Content-Type']).replace(/boundary=.*/, 'boundary=…'));
  show('Content-Length', r.json().headers['Content-Length']);
  show('files echoed', `file: ${String(r.json().files.file).length} bytes of package.json`);
  show('form echoed', r.json().form);

  title('Redirects, with history', `const r = await s.get(\`\${url}/redirect/3\`); r.history`);
  r = await s.get(`${u}/redirect/3`);
  show('history', r.history.map((h) => `${h.statusCode} ${new URL(h.url ?? '').pathname}`).join(' → '));
  show('final', `${r.statusCode} ${r.url}`);
  r = await s.get(`${u}/redirect/1`, { allowRedirects: false });
  show('not followed', `${r.statusCode}, isRedirect=${r.isRedirect}, next=${r.next?.url ?? 'null'}`);

  title('Cookies kept by a session', `await s.get(\`\${url}/cookies/set?flavour=oatmeal\`); s.cookies.getDict()`);
  await s.get(`${u}/cookies/set?flavour=oatmeal&size=large`);
  show('session jar', s.cookies.getDict());
  r = await s.get(`${u}/cookies`, { cookies: { extra: 'per-request' } });
  show('server saw', r.json().cookies);

  title('Basic auth', `await s.get(\`\${url}/basic-auth/user/passwd\`, { auth: ['user', 'passwd'] })`);
  r = await s.get(`${u}/basic-auth/user/passwd`, { auth: ['user', 'passwd'] });
  show('right password', `${r.statusCode} ${JSON.stringify(r.json())}`);
  r = await s.get(`${u}/basic-auth/user/passwd`, { auth: ['user', 'wrong'] });
  show('wrong password', `${r.statusCode} ${r.reason}`);

  title('Digest auth (challenge, then answer)', `await s.get(\`\${url}/digest-auth/auth/user/passwd/SHA-256\`, { auth: new httpkit.HTTPDigestAuth('user', 'passwd') })`);
  r = await s.get(`${u}/digest-auth/auth/user/passwd/SHA-256`, { auth: new httpkit.HTTPDigestAuth('user', 'passwd') });
  show('exchange', `${r.history.map((h) => h.statusCode).join(', ')} → ${r.statusCode}`);
  show('answer', (r.request?.headers.get('Authorization') ?? '').slice(0, 72) + '…');

  title('Compressed responses are decoded', `(await s.get(\`\${url}/gzip\`)).json()`);
  r = await s.get(`${u}/gzip`);
  show('Content-Encoding', r.headers.get('content-encoding') ?? '');
  show('decoded', `gzipped=${r.json().gzipped}, ${r.content?.length} bytes`);

  title('Streaming lines', `for await (const line of r.iterLines()) … // with { stream: true }`);
  r = await s.get(`${u}/stream/3`, { stream: true });
  for await (const line of r.iterLines()) show('line', `id=${JSON.parse(Buffer.from(line as Uint8Array).toString('utf8')).id}`);

  title('A timeout', `await s.get(\`\${url}/delay/3\`, { timeout: 500 })`);
  try {
    await s.get(`${u}/delay/3`, { timeout: 500 });
  } catch (err) {
    show('caught', `${(err as Error).name} (instanceof Timeout: ${err instanceof httpkit.Timeout})`);
  }

  title('raiseForStatus', `(await s.get(\`\${url}/status/404\`)).raiseForStatus()`);
  r = await s.get(`${u}/status/404`);
  try {
    r.raiseForStatus();
  } catch (err) {
    show('caught', `${(err as Error).name}: ${(err as Error).message}`);
  }
  show('codes', `httpkit.codes.not_found === ${httpkit.codes.not_found}, codes.teapot === ${httpkit.codes.teapot}`);
  console.log(`\nDone. ${dim('npm start -- --serve keeps the server running for your own requests.')}`);
}

function serve(server: HttpbinServer): void {
  const u = server.url;
  const k = tls ? ' --cacert ca.pem' : '';
  console.log(`httpbin-compatible server listening on ${u}${tls ? ' (TLS; CA printed below)' : ''}\n`);
  console.log('Try:');
  console.log(`  curl${k} '${u}/get?hello=world'`);
  console.log(`  curl${k} -X POST ${u}/post -d 'name=httpkit' -d 'lang=ts'`);
  console.log(`  curl${k} -X POST ${u}/post -H 'Content-Type: application/json' -d '{"json": true}'`);
  console.log(`  curl${k} -F 'file=@package.json' ${u}/post`);
  console.log(`  curl${k} -i ${u}/status/418`);
  console.log(`  curl${k} -iL ${u}/redirect/3`);
  console.log(`  curl${k} -u user:passwd ${u}/basic-auth/user/passwd`);
  console.log(`  curl${k} --digest -u user:passwd ${u}/digest-auth/auth/user/passwd`);
  console.log(`  curl${k} --compressed ${u}/gzip`);
  console.log(`  curl${k} -H 'Range: bytes=0-9' ${u}/range/100`);
  if (tls && server.ca !== undefined) console.log(`\nCA certificate (save as ca.pem):\n${server.ca}`);
  console.log('\nPress Ctrl-C to stop.');
  const stop = (): void => {
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const server = await startHttpbin({ port, tls: serveMode && tls });
if (serveMode) {
  serve(server);
} else {
  try {
    await tour(server);
  } finally {
    await server.close();
  }
}
