'use strict';
// A TLS-terminating forward proxy for the twilio-cli check. The CLI is unchanged: it honours
// HTTP_PROXY and opens CONNECT tunnels to Twilio's hosts; for the hosts this service serves, the
// proxy ends TLS with a certificate signed by a throw-away CA (trusted through NODE_EXTRA_CA_CERTS)
// and forwards the decrypted request to the service over plain HTTP, as a TLS terminator in front of
// a real deployment would (X-Forwarded-Proto/Host, the service trusting 127.0.0.1 as a proxy).
// Every other host is answered 404 and recorded, so the check can list what the CLI tried to reach.
//
// Settings (environment): PROXY_PORT, PROXY_TARGET (http://127.0.0.1:PORT), PROXY_HOSTS (comma
// separated), PROXY_CERT, PROXY_KEY, PROXY_LOG (one line per request), PROXY_UNSERVED (one line
// per refused host).
const fs = require('fs');
const http = require('http');
const tls = require('tls');

const port = Number(process.env.PROXY_PORT);
const target = new URL(process.env.PROXY_TARGET);
const served = new Set(process.env.PROXY_HOSTS.split(',').map((h) => h.trim().toLowerCase()));
const context = tls.createSecureContext({
  cert: fs.readFileSync(process.env.PROXY_CERT),
  key: fs.readFileSync(process.env.PROXY_KEY),
});
const log = (line) => fs.appendFileSync(process.env.PROXY_LOG, line + '\n');
const unserved = (host, how) => fs.appendFileSync(process.env.PROXY_UNSERVED, `${host} (${how})\n`);

function forward(host, req, res) {
  const headers = { ...req.headers };
  delete headers['proxy-connection'];
  delete headers['proxy-authorization'];
  headers['x-forwarded-proto'] = 'https';
  headers['x-forwarded-host'] = host;
  const upstream = http.request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
    (answer) => {
      log(`${req.method} https://${host}${req.url} -> ${answer.statusCode}`);
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (e) => {
    log(`${req.method} https://${host}${req.url} -> 502 (${e.message})`);
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`proxy: the service did not answer: ${e.message}\n`);
  });
  req.pipe(upstream);
}

function refuse(res, host, how) {
  unserved(host, how);
  log(`${how} ${host} -> 404 (not served)`);
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end(`proxy: ${host} is not served by this check\n`);
}

// Decrypted requests from the tunnels.
const inner = http.createServer((req, res) => {
  const host = (req.socket.tunnelHost || '').toLowerCase();
  if (served.has(host)) forward(host, req, res);
  else refuse(res, host, `${req.method} https`);
});

// Plain proxy requests ("GET http://host/path") and CONNECT tunnels.
const outer = http.createServer((req, res) => {
  let url;
  try {
    url = new URL(req.url);
  } catch (e) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end('proxy: absolute URL expected\n');
    return;
  }
  const host = url.hostname.toLowerCase();
  if (!served.has(host)) return refuse(res, host, `${req.method} ${url.protocol}`);
  req.url = url.pathname + url.search;
  forward(host, req, res);
});
outer.on('connect', (req, socket, head) => {
  const host = req.url.replace(/:\d+$/, '').toLowerCase();
  if (!served.has(host)) {
    unserved(host, 'CONNECT');
    log(`CONNECT ${req.url} -> 404 (not served)`);
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    return;
  }
  if (head && head.length) socket.unshift(head);
  socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: context });
  secure.tunnelHost = host;
  secure.on('error', (e) => log(`TLS ${host}: ${e.message}`));
  inner.emit('connection', secure);
});
outer.listen(port, '127.0.0.1', () => log(`proxy listening on 127.0.0.1:${port}`));
