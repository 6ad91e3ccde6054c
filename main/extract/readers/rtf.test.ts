import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultExtractOptions, extractDocuments } from '../extractDocuments';
import { readRtf } from './rtf';

const RTF = String.raw`{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}{\colortbl;\red0\green0\blue0;}
{\info{\title Harbour Briefing}{\author Press Office}}
{\header {\pard Running head\par}}
{\pard\b MS. PSAKI:\b0  Good afternoon. The caf\'e9 on the pier \u8212? the old one \u8212? reopens.\par}
{\pard Q Will the President visit it?\par}
{\pard MS. PSAKI: He plans to, \ldblquote soon\rdblquote .\par}
{\*\generator Writer 1.0;}}`;

test('RTF reads as plain paragraphs with its info title; header, tables and hidden groups left out', () => {
  const read = readRtf(RTF);
  assert.equal(read.title, 'Harbour Briefing');
  assert.equal(read.author, 'Press Office');
  assert.deepEqual(read.paragraphs, [
    'MS. PSAKI: Good afternoon. The café on the pier — the old one — reopens.',
    'Q Will the President visit it?',
    'MS. PSAKI: He plans to, “soon”.',
  ]);
  const result = extractDocuments({ path: 'briefing.rtf', text: RTF, mtimeMs: 0 }, defaultExtractOptions());
  assert.ok(result.ok);
  assert.deepEqual(
    result.documents[0]!.passages.filter((p) => p.kind === 'turn').map((p) => p.speaker),
    ['Jen Psaki', 'Reporter', 'Jen Psaki'],
  );
  const bad = extractDocuments({ path: 'bad.rtf', text: 'plain words', mtimeMs: 0 }, defaultExtractOptions());
  assert.ok(!bad.ok);
  assert.match(bad.reason, /not an RTF file/);
});
