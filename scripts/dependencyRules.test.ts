/**
 * The layer rules (.dependency-cruiser.cjs) catch what they are meant to: dependency-cruiser
 * runs on a small fixture tree with one deliberate violation of each rule beside allowed
 * imports, and must name exactly the bad ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

const FIXTURE: Record<string, string> = {
  'tsconfig.node.json': '{ "compilerOptions": { "module": "commonjs", "strict": true } }\n',
  'main/common/contract.ts': 'export const LIMIT = 1;\n',
  'main/engine/index.ts': "import { LIMIT } from '../common/contract';\nexport const engine = LIMIT;\n",
  // The import the old ESLint pattern ('../main/*') let through: two levels up into the engine.
  'renderer/model/deep.ts':
    "import { engine } from '../../main/engine/index';\nexport const deep = engine;\n",
  'renderer/model/fine.ts':
    "import { LIMIT } from '../../main/common/contract';\nexport const fine = LIMIT;\n",
  'main/engine/usesNode.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  'main/cli/paths.ts': 'export const where = "/";\n',
  'main/server/upward.ts': "import { where } from '../cli/paths';\nexport const up = where;\n",
  'main/service/fine.ts':
    "import { engine } from '../engine/index';\nimport { readFileSync } from 'node:fs';\nexport const both = [engine, readFileSync];\n",
  'main/extract/a.ts': "import { b } from './b';\nexport const a = (): unknown => b;\n",
  'main/extract/b.ts': "import { a } from './a';\nexport const b = (): unknown => a;\n",
  'test/support.ts': 'export const help = 1;\n',
  'main/corpus/usesSupport.ts': "import { help } from '../../test/support';\nexport const h = help;\n",
  'main/corpus/usesSupport.test.ts': "import { help } from '../../test/support';\nexport const h = help;\n",
};

test('each layer rule fails on a deliberate bad import, and allows the good ones', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dictum-depcruise-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(FIXTURE)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const run = spawnSync(
    process.execPath,
    [
      CLI,
      'main',
      'renderer',
      'test',
      '--config',
      join(ROOT, '.dependency-cruiser.cjs'),
      '--output-type',
      'json',
    ],
    { cwd: dir, encoding: 'utf8', timeout: 120_000 },
  );
  const report = JSON.parse(run.stdout) as {
    summary: { error: number; violations: Array<{ rule: { name: string }; from: string; to: string }> };
  };
  // Errors, not warnings: `npm run lint:deps` fails on them.
  assert.equal(report.summary.error, report.summary.violations.length);
  const found = report.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
  assert.deepEqual(
    found,
    [
      'corpus-imports-below: main/corpus/usesSupport.ts → test/support.ts',
      'no-cycles: main/extract/a.ts → main/extract/b.ts',
      'production-without-test-support: main/corpus/usesSupport.ts → test/support.ts',
      'pure-without-node: main/engine/usesNode.ts → fs',
      'renderer-imports-common: renderer/model/deep.ts → main/engine/index.ts',
      'server-imports-below: main/server/upward.ts → main/cli/paths.ts',
    ].sort(),
  );
});
