import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAppUrl, isOpenableDocument, safeExternalUrl, senderProblem, type SenderInfo } from './security';

const window = { webContentsId: 3, mainFrame: { processId: 9, routingId: 4 } };
const good: SenderInfo = {
  webContentsId: 3,
  frame: { url: 'dictum://app/index.html', isMainFrame: true, processId: 9, routingId: 4 },
};

describe('senderProblem', () => {
  it('trusts the main frame of the app window on the app origin', () => {
    assert.equal(senderProblem(good, window), null);
    assert.equal(
      senderProblem({ ...good, frame: { ...good.frame!, url: 'dictum://app/index.html#/doc/1' } }, window),
      null,
    );
  });

  it('refuses everything else, with a reason', () => {
    const frame = good.frame!;
    const cases: Array<[SenderInfo, ReturnType<typeof senderProblem>, RegExp]> = [
      [{ ...good, webContentsId: 4 }, null, /another window/],
      [{ ...good, frame: null }, null, /destroyed frame/],
      [{ ...good, frame: { ...frame, isMainFrame: false } }, null, /subframe/],
      [{ ...good, frame: { ...frame, routingId: 5 } }, null, /not the main frame/],
      [{ ...good, frame: { ...frame, processId: 10 } }, null, /not the main frame/],
      [
        { ...good, frame: { ...frame, url: 'https://evil.example/x' } },
        null,
        /https:\/\/evil\.example refused/,
      ],
      [{ ...good, frame: { ...frame, url: 'file:///home/a.html' } }, null, /file:\/\/ refused/],
      [{ ...good, frame: { ...frame, url: 'dictum://other/index.html' } }, null, /refused/],
    ];
    for (const [sender, , reason] of cases) assert.match(senderProblem(sender, window) ?? '', reason);
    assert.match(senderProblem(good, null) ?? '', /no app window/);
  });
});

describe('isAppUrl', () => {
  it('accepts only the app origin', () => {
    assert.equal(isAppUrl('dictum://app/index.html'), true);
    assert.equal(isAppUrl('dictum://app'), true);
    assert.equal(isAppUrl('dictum://app.evil/index.html'), false);
    assert.equal(isAppUrl('https://app/index.html'), false);
    assert.equal(isAppUrl('not a url'), false);
  });
});

describe('safeExternalUrl', () => {
  it('passes plain http(s) links', () => {
    assert.equal(
      safeExternalUrl('https://www.whitehouse.gov/briefing-room/'),
      'https://www.whitehouse.gov/briefing-room/',
    );
    assert.equal(safeExternalUrl('http://en.kremlin.ru/events/67315'), 'http://en.kremlin.ru/events/67315');
  });

  it('refuses other schemes, credentials, junk and huge URLs', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:/id PCWDiagnostic',
      'dictum://app/index.html',
      'https://user:pw@example.org/',
      'https://',
      'not a url',
      `https://example.org/${'a'.repeat(3000)}`,
      42,
      null,
    ]) {
      assert.equal(safeExternalUrl(url), null, String(url));
    }
  });
});

describe('isOpenableDocument', () => {
  it('opens only document formats, never programs', () => {
    for (const file of ['a.txt', 'b.MD', 'c.html', 'd.jsonl', 'e.sgm'])
      assert.equal(isOpenableDocument(file), true, file);
    for (const file of ['a.exe', 'b.desktop', 'c.command', 'd.lnk', 'e.sh', 'f.app', 'g']) {
      assert.equal(isOpenableDocument(file), false, file);
    }
  });
});
