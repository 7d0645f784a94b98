// `npm start`: run the httpbin-compatible test server (httpkit/testing) until Ctrl-C and show a few
// requests to try against it. PORT picks the port (default: a free one); TLS=1 serves HTTPS.
import { startHttpbin } from '../src/testing/server.js';

const port = Number(process.env['PORT'] ?? 0);
const tls = process.env['TLS'] === '1';
const server = await startHttpbin({ port, tls });
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
