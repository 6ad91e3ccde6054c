import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, createAppProtocolHandler, resolveAsset } from './protocol';

const work = mkdtempSync(join(tmpdir(), 'dictum-protocol-'));
const root = join(work, 'renderer');
mkdirSync(join(root, 'fonts'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
writeFileSync(join(root, 'app.js'), 'console.log(1)');
writeFileSync(join(root, 'fonts', 'inter.woff2'), 'font');
writeFileSync(join(work, 'secret.html'), 'secret');
writeFileSync(join(work, 'renderer-evil.html'), 'sibling with a shared prefix');
after(() => rmSync(work, { recursive: true, force: true }));

describe('resolveAsset', () => {
  it('maps app URLs to files of the renderer folder with their types', () => {
    assert.deepEqual(resolveAsset(root, 'dictum://app/index.html'), {
      file: join(root, 'index.html'),
      type: 'text/html; charset=utf-8',
    });
    assert.deepEqual(resolveAsset(root, 'dictum://app/'), {
      file: join(root, 'index.html'),
      type: 'text/html; charset=utf-8',
    });
    assert.deepEqual(resolveAsset(root, 'dictum://app/fonts/inter.woff2?v=2#x'), {
      file: join(root, 'fonts', 'inter.woff2'),
      type: 'font/woff2',
    });
  });

  it('refuses other origins, traversal, encoded separators and unknown types', () => {
    const refused: Array<[string, number]> = [
      ['https://app/index.html', 403],
      ['dictum://elsewhere/index.html', 403],
      ['dictum://app/%2E%2E%2Fsecret.html', 403],
      ['dictum://app/fonts/..%2F..%2Fsecret.html', 403],
      ['dictum://app/..%5Csecret.html', 400],
      ['dictum://app/index.html%00.png', 400],
      ['dictum://app/%E0%A4%A', 400],
      ['dictum://app//etc/passwd', 403],
      ['dictum://app/secret.exe', 404],
      ['not a url', 400],
    ];
    for (const [url, status] of refused) {
      const found = resolveAsset(root, url);
      assert.ok('status' in found, `${url} refused`);
      assert.equal(found.status, status, url);
    }
  });

  it('folds plain and dot-encoded `..` as the URL parser does, staying inside the root', () => {
    // The WHATWG parser (Chromium's too, for a standard scheme) folds these before we see them.
    for (const url of [
      'dictum://app/../secret.html',
      'dictum://app/%2e%2e/secret.html',
      'dictum://app/../renderer-evil.html',
    ]) {
      const found = resolveAsset(root, url);
      assert.ok('file' in found && found.file.startsWith(root + sep), url);
    }
  });

  it('never resolves outside the root, whatever the path (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('..', '.', '%2e%2e', '%2F', '%5C', 'a', 'index.html', '%00', '', '..%2f'), {
          maxLength: 8,
        }),
        (parts) => {
          const found = resolveAsset(root, `dictum://app/${parts.join('/')}`);
          return 'status' in found || found.file.startsWith(root + sep);
        },
      ),
    );
  });
});

describe('createAppProtocolHandler', () => {
  const handler = createAppProtocolHandler(root);

  it('serves files with the CSP and no-sniff headers', async () => {
    const response = await handler(new Request('dictum://app/app.js'));
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'console.log(1)');
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });

  it('refuses writes, missing files and traversal, still with the headers', async () => {
    const post = await handler(new Request('dictum://app/index.html', { method: 'POST', body: 'x' }));
    assert.equal(post.status, 405);
    const missing = await handler(new Request('dictum://app/missing.js'));
    assert.equal(missing.status, 404);
    const traversal = await handler(new Request('dictum://app/%2e%2e%2fsecret.html'));
    assert.equal(traversal.status, 403);
    assert.notEqual(await traversal.text(), 'secret');
    for (const response of [post, missing, traversal]) {
      assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    }
  });

  it('refuses a link among the built files that leads out of them', async () => {
    symlinkSync(join(work, 'secret.html'), join(root, 'linked.html'));
    const linked = await handler(new Request('dictum://app/linked.html'));
    assert.equal(linked.status, 403);
    assert.notEqual(await linked.text(), 'secret');
    assert.equal(linked.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  });

  it('the CSP allows only our own origin and forbids inline script, eval, objects and framing', () => {
    assert.match(CONTENT_SECURITY_POLICY, /default-src 'none'/);
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval|\*/);
    assert.match(CONTENT_SECURITY_POLICY, /object-src 'none'/);
    assert.match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
  });
});
