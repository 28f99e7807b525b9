/**
 * One JSON POST to a robot, over node:http(s) so that `HTTPS_PROXY` can be honoured (Node 20's fetch ignores it):
 * an https URL goes through the proxy's CONNECT tunnel unless `NO_PROXY` names its host. The caller's signal ends
 * the request (the schedule's timeout).
 */
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { Duplex } from 'node:stream';

export interface PostOptions {
  signal: AbortSignal;
  /** `HTTPS_PROXY`/`https_proxy` and `NO_PROXY`/`no_proxy`, read from here. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Extra TLS settings (a private deployment's CA). */
  tls?: ConnectionOptions;
}

export interface PostResult {
  status: number;
  /** The parsed JSON body, or undefined when it was not JSON. */
  body: unknown;
}

export class PostTimeout extends Error {
  constructor() {
    super('timed out');
    this.name = 'PostTimeout';
  }
}

function proxyFor(url: URL, env: NodeJS.ProcessEnv): URL | null {
  if (url.protocol !== 'https:') return null;
  const proxy = env['HTTPS_PROXY'] ?? env['https_proxy'];
  if (!proxy) return null;
  const noProxy = (env['NO_PROXY'] ?? env['no_proxy'] ?? '')
    .split(',')
    .map((entry) =>
      entry
        .trim()
        .toLowerCase()
        .replace(/^\*?\./, ''),
    )
    .filter(Boolean);
  const host = url.hostname.toLowerCase();
  if (noProxy.includes('*') || noProxy.some((entry) => host === entry || host.endsWith(`.${entry}`))) return null;
  return new URL(proxy);
}

/** A TLS socket to `url`'s host through the proxy's CONNECT tunnel. */
function tunnel(url: URL, proxy: URL, options: PostOptions): Promise<Duplex> {
  const target = `${url.hostname}:${url.port || 443}`;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: target };
    if (proxy.username)
      headers['proxy-authorization'] = `Basic ${Buffer.from(
        `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`,
      ).toString('base64')}`;
    const connect = (proxy.protocol === 'https:' ? httpsRequest : httpRequest)({
      host: proxy.hostname,
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: target,
      headers,
      signal: options.signal,
    });
    connect.once('connect', (response: IncomingMessage, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        reject(new Error(`proxy ${proxy.host} refused the tunnel: HTTP ${response.statusCode}`));
        return;
      }
      resolve(tlsConnect({ ...options.tls, socket, servername: url.hostname }));
    });
    connect.once('error', reject);
    connect.end();
  });
}

export async function postJson(url: URL, payload: unknown, options: PostOptions): Promise<PostResult> {
  const body = Buffer.from(JSON.stringify(payload));
  const proxy = proxyFor(url, options.env ?? process.env);
  const socket = proxy ? await tunnel(url, proxy, options) : undefined;
  const requestOptions: RequestOptions = {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length },
    signal: options.signal,
    ...(socket ? { createConnection: () => socket } : {}),
    ...(url.protocol === 'https:' ? options.tls : {}),
  };
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, requestOptions, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          parsed = undefined;
        }
        resolve({ status: response.statusCode ?? 0, body: parsed });
      });
      response.on('error', reject);
    });
    req.on('error', (error) => reject(options.signal.aborted ? new PostTimeout() : error));
    req.end(body);
  });
}
