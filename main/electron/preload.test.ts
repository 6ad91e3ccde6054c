/**
 * Runs the BUILT preload (dist/electron/preload.js) the way Electron runs a sandboxed
 * preload, in a bare context whose `require` knows only `electron`, against a recording
 * stand-in. Proves it exposes one object, `dictum`, with exactly the bridge's members, and
 * that it only ever invokes the contract's and the desktop actions' channels.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP_CHANNELS, STATUS_EVENT_CHANNEL, type DictumBridge } from '../common/bridge';
import { CONTRACT, type StatusResponse } from '../common/contract';
import { SAVED_CONTRACT } from '../common/savedSearches';
import { buildForTest, type TestDist } from './buildForTest';
import { DROPPED_FOLDER_CHANNEL, MENU_COMMAND_CHANNEL } from './channels';
import { runPreload, type PreloadStandIn } from '../../test/electronStandIn';

const KNOWN_CHANNELS = new Set<string>([
  ...Object.values(CONTRACT).map((entry) => entry.channel),
  ...Object.values(DESKTOP_CHANNELS),
  ...Object.values(SAVED_CONTRACT).map((entry) => entry.channel),
]);

let built: TestDist;
let stand: PreloadStandIn;
let bridge: DictumBridge;

before(async () => {
  built = await buildForTest();
  stand = runPreload(built.preloadJs, 'darwin');
  bridge = stand.exposed[0]?.api as DictumBridge;
});

after(() => built.cleanup());

describe('electron preload (built, sandboxed, against a recording stand-in)', () => {
  it('exposes exactly one object, window.dictum, with exactly the bridge members', () => {
    assert.equal(stand.exposed.length, 1);
    assert.equal(stand.exposed[0]?.key, 'dictum');
    assert.deepEqual(Object.keys(bridge).sort(), [
      'desktop',
      'document',
      'onExportProgress',
      'onStatus',
      'platform',
      'saved',
      'search',
      'status',
      'timeline',
    ]);
    assert.deepEqual(Object.keys(bridge.saved ?? {}).sort(), [
      'createSaved',
      'deleteSaved',
      'listSaved',
      'openSaved',
      'updateSaved',
    ]);
    assert.deepEqual(Object.keys(bridge.desktop ?? {}).sort(), [
      'exportResults',
      'openCorpusDialog',
      'openOriginal',
      'revealOriginal',
    ]);
    assert.equal(bridge.platform, 'darwin');
  });

  it('maps every method to its own channel with the caller’s arguments, and only known channels', async () => {
    stand.invoked.length = 0;
    await bridge.search({
      q: 'putin',
      speaker: [],
      topic: [],
      kind: [],
      sort: 'relevance',
      limit: 5,
      offset: 0,
    });
    await bridge.document('doc-1');
    await bridge.status();
    await bridge.timeline({ q: 'climate, nato', speaker: [], topic: [], kind: [] });
    await bridge.desktop?.openCorpusDialog();
    await bridge.desktop?.openOriginal('doc-2');
    await bridge.desktop?.revealOriginal('doc-3');
    await bridge.saved?.listSaved();
    await bridge.saved?.createSaved({
      name: 'N',
      query: { q: 'nato', speaker: [], topic: [], kind: [], sort: 'relevance' },
    });
    await bridge.saved?.updateSaved('s1', { name: 'M' });
    await bridge.saved?.deleteSaved('s2');
    await bridge.saved?.openSaved('s3');
    assert.deepEqual(
      stand.invoked.map((call) => [call.channel, call.args]),
      [
        [
          CONTRACT.search.channel,
          [{ q: 'putin', speaker: [], topic: [], kind: [], sort: 'relevance', limit: 5, offset: 0 }],
        ],
        [CONTRACT.document.channel, ['doc-1']],
        [CONTRACT.status.channel, []],
        [CONTRACT.timeline.channel, [{ q: 'climate, nato', speaker: [], topic: [], kind: [] }]],
        [DESKTOP_CHANNELS.openCorpusDialog, []],
        [DESKTOP_CHANNELS.openOriginal, ['doc-2']],
        [DESKTOP_CHANNELS.revealOriginal, ['doc-3']],
        [SAVED_CONTRACT.listSaved.channel, []],
        [
          SAVED_CONTRACT.createSaved.channel,
          [{ name: 'N', query: { q: 'nato', speaker: [], topic: [], kind: [], sort: 'relevance' } }],
        ],
        [SAVED_CONTRACT.updateSaved.channel, ['s1', { name: 'M' }]],
        [SAVED_CONTRACT.deleteSaved.channel, ['s2']],
        [SAVED_CONTRACT.openSaved.channel, ['s3']],
      ],
    );
    for (const call of stand.invoked) assert.ok(KNOWN_CHANNELS.has(call.channel), call.channel);
  });

  it('unwraps answers and turns refusals into errors with the main process’s message', async () => {
    stand.answers.set(CONTRACT.status.channel, { ok: true, value: { documents: 3 } });
    assert.deepEqual(await bridge.status(), { documents: 3 });
    stand.answers.set(CONTRACT.search.channel, { ok: false, error: 'search: limit: too big', status: 400 });
    await assert.rejects(
      () =>
        bridge.search({ q: '', speaker: [], topic: [], kind: [], sort: 'relevance', limit: 999, offset: 0 }),
      {
        message: 'search: limit: too big',
      },
    );
  });

  it('relays status events without the IPC event, and unsubscribes', () => {
    const seen: unknown[][] = [];
    const unsubscribe = bridge.onStatus((...args: unknown[]) => seen.push(args));
    const status = { documents: 1 } as unknown as StatusResponse;
    stand.emit(STATUS_EVENT_CHANNEL, status);
    assert.deepEqual(seen, [[status]]);
    unsubscribe();
    stand.emit(STATUS_EVENT_CHANNEL, status);
    assert.equal(seen.length, 1);
    assert.throws(
      () => bridge.onStatus('nope' as unknown as () => void),
      /preload: onStatus needs a function/,
    );
  });

  it('sends the path of a dropped item, and only of a real file', () => {
    const drop = stand.pageListeners.get('drop')?.[0];
    assert.ok(drop, 'a drop listener on the page');
    let prevented = false;
    const dropEvent = (files: Array<{ path?: string }>) => ({
      dataTransfer: { types: ['Files'], files, dropEffect: 'none' },
      preventDefault: () => (prevented = true),
    });
    drop(dropEvent([{ path: '/home/me/articles' }]));
    assert.equal(prevented, true, 'the drop does not navigate');
    drop(dropEvent([{}]));
    drop({
      dataTransfer: { types: ['text/plain'], files: [] },
      preventDefault: () => assert.fail('text drops are the page’s'),
    });
    assert.deepEqual(stand.sent, [{ channel: DROPPED_FOLDER_CHANNEL, args: ['/home/me/articles'] }]);
    assert.deepEqual(
      [...stand.captured].sort(),
      ['dragover', 'drop'],
      'in the capture phase, before the page',
    );
  });

  it('turns known menu commands into DOM events, and ignores others', () => {
    stand.emit(MENU_COMMAND_CHANNEL, 'show-shortcuts');
    stand.emit(MENU_COMMAND_CHANNEL, 'run-anything');
    stand.emit(MENU_COMMAND_CHANNEL, { toString: () => 'show-shortcuts' });
    assert.deepEqual(
      stand.dispatched.map((event) => event.type),
      ['dictum:show-shortcuts'],
    );
    stand.emit(MENU_COMMAND_CHANNEL, 'focus-search');
    assert.equal(stand.dispatched.at(-1)?.type, 'dictum:focus-search');
    assert.equal(stand.focused.length, 1, 'Find focuses the search box when the page did not handle it');
  });
});
