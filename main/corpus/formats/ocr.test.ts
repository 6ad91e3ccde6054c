import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listCorpusFiles, loadCorpusOptions, readCorpusFile } from '../corpusReader';
import { makeScan } from './pdfFixtures';

test('scanned pages are read by OCR and say so; the page with a text layer is not OCRd', async () => {
  const pdf = await makeScan({ lines: ['The harbour report begins on this typed page.'] }, [
    { lines: ['The committee met on Monday to discuss', 'the harbour and the new bridge.'] },
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'dictum-ocr-'));
  try {
    await writeFile(join(dir, 'scan.pdf'), pdf);
    const [file] = (await listCorpusFiles(dir)).files;
    const result = await readCorpusFile(file!, (await loadCorpusOptions(dir)).options);
    assert.ok(result.ok, !result.ok ? result.reason : '');
    const doc = result.documents[0]!;
    const typed = doc.passages.filter((p) => p.page === 1);
    const scanned = doc.passages.filter((p) => p.page === 2);
    assert.ok(typed.length > 0 && typed.every((p) => p.ocr === undefined));
    assert.ok(scanned.length > 0 && scanned.every((p) => p.ocr === true));
    const confidence = scanned[0]!.ocrConfidence ?? 0;
    assert.ok(confidence > 0.5 && confidence <= 1, `confidence ${confidence}`);
    assert.match(scanned.map((p) => p.text).join(' '), /committee met on Monday to discuss the harbour and the new bridge/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
