/**
 * HTTPS_PROXY for the robot posts (packages/server/src/digest/post.ts): an https webhook goes through the proxy's
 * CONNECT tunnel, a host in NO_PROXY does not. The robot is a TLS server on 127.0.0.1 with a certificate made here.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postJson } from '../../../packages/server/src/digest/post.js';

const port = (server: Server): number => (server.address() as AddressInfo).port;

describe('robot posts through HTTPS_PROXY', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stride-proxy-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(join(dir, 'cert.pem'));
  const received: unknown[] = [];
  const tunnels: string[] = [];
  const robot = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  const proxy = createHttpServer();
  proxy.on('connect', (req, client, head) => {
    tunnels.push(req.url ?? '');
    const [host, targetPort] = (req.url ?? '').split(':');
    const upstream = connect(Number(targetPort), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });

  before(async () => {
    await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  });
  after(() => {
    robot.closeAllConnections();
    proxy.closeAllConnections();
    robot.close();
    proxy.close();
  });

  it('tunnels an https webhook through the proxy, and goes direct for a NO_PROXY host', async () => {
    const url = new URL(`https://127.0.0.1:${port(robot)}/cgi-bin/webhook/send?key=k`);
    const env = { HTTPS_PROXY: `http://127.0.0.1:${port(proxy)}` };
    const payload = { msgtype: 'markdown', markdown: { content: '今日进展' } };
    const answer = await postJson(url, payload, { signal: new AbortController().signal, env, tls: { ca: cert } });
    assert.deepEqual(answer, { status: 200, body: { errcode: 0, errmsg: 'ok' } });
    assert.deepEqual(tunnels, [`127.0.0.1:${port(robot)}`]);
    await postJson(url, payload, {
      signal: new AbortController().signal,
      env: { ...env, NO_PROXY: 'localhost,127.0.0.1' },
      tls: { ca: cert },
    });
    assert.equal(tunnels.length, 1);
    assert.deepEqual(received, [payload, payload]);
  });
});
