/**
 * The BUILT Electron main process in plain Node against a recording stand-in for `electron`,
 * through a session: saved searches and their notification, the menu, corpus switching from
 * the dialog and by a dropped folder, export, a second launch, a crashed page, a clean quit and
 * the single-instance lock.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  DESKTOP_CHANNELS,
  EXPORT_PROGRESS_CHANNEL,
  STATUS_EVENT_CHANNEL,
  type ExportOutcome,
} from '../common/bridge';
import { CONTRACT, type SearchResponse, type StatusResponse } from '../common/contract';
import { SAVED_CONTRACT, SAVED_FILE, type SavedSearch, type SavedSearchList } from '../common/savedSearches';
import { DROPPED_FOLDER_CHANNEL, MENU_COMMAND_CHANNEL } from './channels';
import { createMainStandIn, fakeEvent, installElectron } from '../../test/electronStandIn';
import {
  bootMain,
  built,
  cleanupMain,
  corpusA,
  corpusB,
  findItem,
  invoke,
  load,
  mainWindow,
  openWindow,
  readyStatus,
  savedArgv,
  stand,
  trustedEvent,
  userData,
  value,
  waitFor,
  work,
} from '../../test/support/electronMain';

before(async () => {
  await bootMain();
  await openWindow();
});

after(cleanupMain);

describe('electron main process (built, against a recording stand-in)', () => {
  it('keeps saved searches over IPC and notifies the desktop of a new match when the folder changes', async () => {
    await readyStatus(corpusA);
    const saved = await value<SavedSearch>(SAVED_CONTRACT.createSaved.channel, {
      name: 'Governor',
      query: {
        q: 'governor',
        speaker: [],
        topic: [],
        kind: ['turn'],
        sort: 'date-desc',
        limit: 20,
        offset: 0,
      },
    });
    assert.equal(saved.newCount, 0);
    assert.equal(saved.total, 2);
    const refused = await invoke(SAVED_CONTRACT.createSaved.channel, [{ name: '', query: {} }]);
    assert.deepEqual(refused, { ok: false, error: 'saved: name must not be empty', status: 400 });
    assert.ok(existsSync(join(corpusA, SAVED_FILE)), 'kept in the corpus folder');

    // The watcher sees the new file; the count goes up and the system shows a notification.
    writeFileSync(
      join(corpusA, 'briefing-2.txt'),
      [
        'Press Briefing, March 4, 2021',
        '',
        'MS. PSAKI: Good morning. The President is back from Ohio.',
        '',
        'Q: How did the meeting go?',
        '',
        'MS. PSAKI: The governor thanked the President for the visit.',
        '',
      ].join('\n'),
    );
    const notification = await waitFor('a desktop notification', () => stand.notifications[0], 30_000);
    assert.deepEqual(notification.options, {
      title: '1 new match for “Governor”',
      body: 'New in the folder since you last opened this saved search.',
    });
    assert.equal(stand.callsTo('Notification.show').length, 1);
    const listed = await value<SavedSearchList>(SAVED_CONTRACT.listSaved.channel);
    assert.deepEqual(
      listed.searches.map((s) => [s.name, s.newCount, s.total]),
      [['Governor', 1, 3]],
    );
    // Clicking it brings the window forward with the saved searches open.
    notification.emit('click');
    assert.deepEqual(mainWindow().webContents.sent.at(-1), {
      channel: MENU_COMMAND_CHANNEL,
      args: ['saved-searches'],
    });
    const opened = await value<SavedSearch>(SAVED_CONTRACT.openSaved.channel, saved.id);
    assert.equal(opened.newCount, 0);
    const left = await value<SavedSearchList>(SAVED_CONTRACT.deleteSaved.channel, saved.id);
    assert.deepEqual(left.searches, []);
  });

  it('builds a menu with the expected accelerators that drives the app', async () => {
    await readyStatus(corpusA);
    // Open Original is enabled once a document was opened.
    const hit = (await value<SearchResponse>(CONTRACT.search.channel, { q: 'governor' })).hits[0];
    assert.ok(hit, 'a hit to open');
    await value(CONTRACT.document.channel, hit.docId);
    const template = stand.menuTemplate;
    assert.ok(template, 'an application menu is set');
    assert.equal(findItem(template, 'Open Folder…')?.accelerator, 'CmdOrCtrl+O');
    assert.ok(findItem(template, 'Open Recent')?.submenu);
    assert.equal(findItem(template, 'Open Original')?.accelerator, 'CmdOrCtrl+Shift+O');
    assert.equal(findItem(template, 'Open Original')?.enabled, true, 'enabled once a document was opened');
    const shortcuts = findItem(template, 'Keyboard Shortcuts');
    assert.equal(shortcuts?.accelerator, 'CmdOrCtrl+/');
    shortcuts?.click?.();
    assert.deepEqual(mainWindow().webContents.sent.at(-1), {
      channel: MENU_COMMAND_CHANNEL,
      args: ['show-shortcuts'],
    });
    assert.equal(findItem(template, 'Save Search…')?.accelerator, 'CmdOrCtrl+S');
    findItem(template, 'Save Search…')?.click?.();
    assert.deepEqual(mainWindow().webContents.sent.at(-1), {
      channel: MENU_COMMAND_CHANNEL,
      args: ['save-search'],
    });
    findItem(template, 'Saved Searches…')?.click?.();
    assert.deepEqual(mainWindow().webContents.sent.at(-1), {
      channel: MENU_COMMAND_CHANNEL,
      args: ['saved-searches'],
    });
    findItem(template, 'Dark')?.click?.();
    assert.equal(stand.electron.nativeTheme.themeSource, 'dark');
    findItem(stand.menuTemplate ?? [], 'Follow System')?.click?.();
    assert.equal(stand.electron.nativeTheme.themeSource, 'system');
  });

  it('switches corpus from the open-folder dialog and tells the renderer', async () => {
    stand.dialogAnswers.push({ canceled: false, filePaths: [corpusB] });
    await value(DESKTOP_CHANNELS.openCorpusDialog);
    const status = await readyStatus(corpusB);
    assert.ok(status.passages > 0);
    const response = await value<SearchResponse>(CONTRACT.search.channel, { q: 'harvest' });
    assert.ok(response.total >= 1);
    const events = await waitFor('a status event for the new corpus', () => {
      const found = mainWindow().webContents.sent.filter(
        (m) => m.channel === STATUS_EVENT_CHANNEL && (m.args[0] as StatusResponse).corpus.path === corpusB,
      );
      return found.length > 0 && found;
    });
    assert.ok(events.length >= 1);
    assert.match(mainWindow().title, /^speeches — Dictum$/);
    const recent =
      findItem(stand.menuTemplate ?? [], 'Open Recent')?.submenu?.map((item) => item.label) ?? [];
    assert.ok(recent[0]?.includes(corpusB) && recent[1]?.includes(corpusA), `recent: ${recent.join(' | ')}`);
  });

  it('exports every match to the file chosen in the save dialog, with progress', async () => {
    const file = join(work, 'export.csv');
    stand.saveAnswers.push({ canceled: false, filePath: file });
    const outcome = await value<ExportOutcome>(DESKTOP_CHANNELS.exportResults, { q: '' }, 'csv');
    const total = (await value<SearchResponse>(CONTRACT.search.channel, { q: '', limit: 0 })).total;
    assert.deepEqual(outcome, { path: file, rows: total });
    const rows = parse(readFileSync(file, 'utf8'), { bom: true, columns: true }) as unknown[];
    assert.equal(rows.length, total);
    const progress = mainWindow().webContents.sent.filter((m) => m.channel === EXPORT_PROGRESS_CHANNEL);
    assert.deepEqual(progress.at(-1)?.args[0], { done: total, total });
    // Cancelling the dialog writes nothing; a bad format is refused before any dialog.
    assert.equal(await value(DESKTOP_CHANNELS.exportResults, { q: '' }, 'jsonl'), null);
    const bad = await invoke(DESKTOP_CHANNELS.exportResults, [{ q: '' }, 'xml']);
    assert.ok(!bad.ok && /format/.test(bad.error));
  });

  it('opens a dropped folder, and only from the app window', async () => {
    const drop = stand.messageHandlers.get(DROPPED_FOLDER_CHANNEL);
    assert.ok(drop);
    const contents = mainWindow().webContents;
    drop(trustedEvent(contents, { ...contents.mainFrame, url: 'https://evil.example/' }), corpusA);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(
      (await value<StatusResponse>(CONTRACT.status.channel)).corpus.path,
      corpusB,
      'foreign drop ignored',
    );
    drop(trustedEvent(), join(corpusA, 'briefing.txt'));
    await waitFor(
      'a message that files are not folders',
      () => stand.callsTo('dialog.showMessageBox').length > 0,
    );
    drop(trustedEvent(), corpusA);
    await readyStatus(corpusA);
  });

  it('a second launch focuses the window and opens its --corpus', async () => {
    stand.electron.app.emit('second-instance', fakeEvent(), ['dictum', '--corpus', 'speeches'], work, {
      corpus: corpusB,
    });
    assert.ok(stand.callsTo('BrowserWindow.focus').length >= 1);
    await readyStatus(corpusB);
  });

  it('reloads a crashed page, a few times at most', () => {
    const contents = mainWindow().webContents;
    for (let i = 0; i < 5; i++)
      contents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 1 });
    contents.emit('render-process-gone', fakeEvent(), { reason: 'clean-exit', exitCode: 0 });
    assert.equal(stand.callsTo('BrowserWindow.reload').length, 3);
  });

  it('quits cleanly when the last window closes: waits for the index to be saved, writes the settings', async () => {
    assert.equal(
      process.platform === 'darwin',
      false,
      'this test plays Windows/Linux, where closing the window quits',
    );
    stand.electron.app.emit('window-all-closed');
    assert.equal(stand.quitCompleted, false, 'the first quit is held back while the index is saved');
    await waitFor('the quit to complete', () => stand.quitCompleted, 30_000);
    const settings = JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8')) as {
      window: { width: number };
      recentCorpora: string[];
    };
    assert.equal(settings.window.width, 1000);
    assert.deepEqual(settings.recentCorpora.slice(0, 2), [corpusB, corpusA]);
    assert.ok(readdirSync(join(userData, 'index')).length > 0, 'the index was saved in userData/index');
  });

  it('a second instance that does not get the lock quits without a window', () => {
    const second = createMainStandIn({ userData: join(work, 'second'), singleInstance: false });
    installElectron(second.electron);
    delete load.cache[built.mainJs];
    process.argv = [process.execPath, built.mainJs, '--corpus', corpusA];
    load(built.mainJs);
    process.argv = savedArgv;
    second.ready();
    assert.equal(second.callsTo('app.quit').length, 1);
    assert.equal(second.callsTo('new BrowserWindow').length, 0);
    assert.equal(second.invokeHandlers.size, 0);
  });
});
