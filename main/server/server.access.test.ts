/**
 * The server's guards over HTTP: security headers, CORS, the Host check against DNS
 * rebinding, and the access token (beyond loopback, as a header and as the UI's cookie).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type SearchResponse } from '../common/contract';
import { type SearchService } from '../service/index';
import { startServer, type RunningServer } from './index';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, TOKEN_COOKIE } from './security';
import { withBriefingsServer, send, type TempDirs } from '../../test/support/server';

const TOKEN = 'test-token-0123456789abcdef';

let dirs: TempDirs;
let service: SearchService;
let server: RunningServer;

withBriefingsServer((running) => ({ dirs, service, server } = running));

describe('security headers', () => {
  for (const path of ['/', '/api/status', '/api/search?q=x', '/api/nope', '/api/search?limit=999']) {
    test(`${path} carries them`, async () => {
      const answer = await send(`${server.url}${path}`);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        assert.equal(answer.headers[name], value, `${path}: ${name}`);
      }
      assert.equal(answer.headers['x-frame-options'], 'DENY');
      assert.equal(answer.headers['referrer-policy'], 'no-referrer');
      assert.equal(answer.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
      assert.equal(answer.headers['access-control-allow-origin'], undefined);
      if (path.startsWith('/api/')) assert.equal(answer.headers['cache-control'], 'no-store');
    });
  }

  test('headers too large for the server: a 431 with the same headers and the error shape', async () => {
    const answer = await send(`${server.url}/api/status`, { headers: { 'x-filler': 'a'.repeat(20_000) } });
    assert.equal(answer.status, 431);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      assert.equal(answer.headers[name], value, `431: ${name}`);
    }
    assert.equal(answer.headers['cache-control'], 'no-store');
    assert.deepEqual(answer.json(), { error: 'server: the request headers are too large' });
  });

  test('no CORS unless asked for', async () => {
    const answer = await send(`${server.url}/api/status`, { headers: { origin: 'https://evil.example' } });
    assert.equal(answer.headers['access-control-allow-origin'], undefined);
  });

  test('CORS for the listed origins only', async () => {
    const other = await startServer({
      service,
      host: '127.0.0.1',
      port: 0,
      staticDir: dirs.staticDir,
      cors: ['https://app.example'],
      logger: false,
    });
    try {
      const allowed = await send(`${other.url}/api/status`, { headers: { origin: 'https://app.example' } });
      assert.equal(allowed.headers['access-control-allow-origin'], 'https://app.example');
      const denied = await send(`${other.url}/api/status`, { headers: { origin: 'https://evil.example' } });
      assert.equal(denied.headers['access-control-allow-origin'], undefined);
      const preflight = await send(`${other.url}/api/search`, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers['access-control-allow-origin'], 'https://app.example');
      assert.match(String(preflight.headers['access-control-allow-methods']), /GET/);
    } finally {
      await other.close();
    }
  });
});

describe('Host check (DNS rebinding)', () => {
  test('names of this machine with the bound port are allowed', async () => {
    const port = new URL(server.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      const answer = await send(`${server.url}/api/status`, { headers: { host } });
      assert.equal(answer.status, 200, host);
    }
  });

  test('any other Host is refused', async () => {
    const port = Number(new URL(server.url).port);
    for (const host of [
      `evil.example:${port}`,
      'evil.example',
      `127.0.0.1:${port + 1}`,
      `localhost`,
      `127.0.0.2:${port}`,
    ]) {
      for (const path of ['/', '/api/status']) {
        const answer = await send(`${server.url}${path}`, { headers: { host } });
        assert.equal(answer.status, 403, `${host} ${path}`);
        assert.match(answer.json<{ error: string }>().error, /is not this server/);
      }
    }
  });
});

describe('access token', () => {
  test('refuses to listen beyond loopback without a token', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10']) {
      await assert.rejects(
        startServer({ service, host, port: 0, staticDir: dirs.staticDir, logger: false }),
        /^Error: server: refusing to listen on .* without an access token/,
      );
    }
    await assert.rejects(
      startServer({ service, host: '0.0.0.0', port: 0, token: '', staticDir: dirs.staticDir, logger: false }),
      /without an access token/,
    );
  });

  test('rejects tokens that cannot travel in a header', async () => {
    await assert.rejects(
      startServer({
        service,
        host: '127.0.0.1',
        port: 0,
        token: 'has space',
        staticDir: dirs.staticDir,
        logger: false,
      }),
      /visible ASCII/,
    );
  });

  test('rejects a bad port and a port in use, clearly', async () => {
    await assert.rejects(
      startServer({ service, host: '127.0.0.1', port: 70000, staticDir: dirs.staticDir, logger: false }),
      /server: the port must be a whole number/,
    );
    const port = Number(new URL(server.url).port);
    await assert.rejects(
      startServer({ service, host: '127.0.0.1', port, staticDir: dirs.staticDir, logger: false }),
      /^Error: server: cannot listen on 127\.0\.0\.1:\d+: the port is in use/,
    );
  });

  for (const host of ['127.0.0.1', '0.0.0.0']) {
    test(`with a token on ${host}, every request must present it`, async () => {
      const guarded = await startServer({
        service,
        host,
        port: 0,
        token: TOKEN,
        staticDir: dirs.staticDir,
        logger: false,
      });
      const base = `http://127.0.0.1:${new URL(guarded.url).port}`;
      try {
        for (const path of [
          '/',
          '/app.js',
          '/api/status',
          '/api/search?q=x',
          '/api/openapi.json',
          '/api/events',
          '/nope',
        ]) {
          const none = await send(`${base}${path}`);
          assert.equal(none.status, 401, `${path} without a token`);
          assert.match(none.json<{ error: string }>().error, /access token is required/);
          assert.match(String(none.headers['www-authenticate']), /^Bearer/);
          const wrong = await send(`${base}${path}`, { headers: { authorization: 'Bearer wrong-token' } });
          assert.equal(wrong.status, 401, `${path} with a wrong token`);
          assert.match(wrong.json<{ error: string }>().error, /access token is wrong/);
          const almost = await send(`${base}${path}`, { headers: { authorization: `Bearer ${TOKEN}x` } });
          assert.equal(almost.status, 401);
        }
        const ok = await send(`${base}/api/status`, { headers: { authorization: `Bearer ${TOKEN}` } });
        assert.equal(ok.status, 200);
        const search = await send(`${base}/api/search?q=initiative`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        assert.equal(search.status, 200);
        assert.ok(search.json<SearchResponse>().total > 0);
      } finally {
        await guarded.close();
      }
    });
  }

  test('the browser UI: ?token= once sets an HttpOnly SameSite=Strict cookie and leaves the URL', async () => {
    const guarded = await startServer({
      service,
      host: '127.0.0.1',
      port: 0,
      token: TOKEN,
      staticDir: dirs.staticDir,
      logger: false,
    });
    try {
      const login = await send(`${guarded.url}/?token=${encodeURIComponent(TOKEN)}&q=infrastructure`);
      assert.equal(login.status, 303);
      assert.equal(login.headers.location, '/?q=infrastructure');
      const cookie = login.headers['set-cookie']?.[0] ?? '';
      assert.match(cookie, new RegExp(`^${TOKEN_COOKIE}=`));
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Strict/);
      assert.match(cookie, /Path=\//);
      const pair = cookie.split(';')[0] as string;
      for (const path of ['/', '/app.js', '/api/status', '/api/search?q=infrastructure']) {
        const answer = await send(`${guarded.url}${path}`, { headers: { cookie: `other=1; ${pair}` } });
        assert.equal(answer.status, 200, path);
      }
      const bad = await send(`${guarded.url}/?token=nope`);
      assert.equal(bad.status, 401);
      assert.equal(bad.headers['set-cookie'], undefined);
      // A parameter that merely ends in "token" is not a login attempt.
      const lookalike = await send(`${guarded.url}/?xtoken=1`, { headers: { cookie: pair } });
      assert.equal(lookalike.status, 200);
      const badCookie = await send(`${guarded.url}/api/status`, {
        headers: { cookie: `${TOKEN_COOKIE}=nope` },
      });
      assert.equal(badCookie.status, 401);
      // Tokens in API URLs would end up in logs and histories: not accepted there.
      const inUrl = await send(`${guarded.url}/api/status?token=${TOKEN}`);
      assert.equal(inUrl.status, 401);
      // The redirect never leaves the server, whatever the path looked like.
      const tricky = await send(`${guarded.url}//evil.example/?token=${TOKEN}`);
      assert.equal(tricky.status, 303);
      assert.equal(tricky.headers.location, '/');
    } finally {
      await guarded.close();
    }
  });
});
