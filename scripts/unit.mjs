// Runs every unit test beside the code with node's test runner (Node 20 has no --test globs).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['main', 'renderer', 'scripts'];
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.test\.ts$/.test(name)) files.push(p);
  }
}
for (const r of roots) {
  try {
    if (statSync(r).isDirectory()) walk(r);
    else files.push(r);
  } catch {
    // a root that does not exist has no tests
  }
}
if (files.length === 0) {
  console.error('unit: no test files found');
  process.exit(1);
}
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...files.sort()],
  {
    stdio: 'inherit',
  },
);
process.exit(r.status ?? 1);
