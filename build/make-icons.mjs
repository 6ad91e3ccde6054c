// Renders build/icon.svg into every icon electron-builder needs:
//   build/icons/NxN.png (Linux, 16…1024), build/icon.png (1024), build/icon.ico (Windows),
//   build/icon.icns (macOS).
// The PNGs come from librsvg's rsvg-convert (apt-get install librsvg2-bin) or, without it,
// from headless Chromium through Playwright; the .ico and .icns containers are written here,
// since both are a small index in front of PNG images.
//
//   node build/make-icons.mjs          regenerate the icons (commit the results)
//   node build/make-icons.mjs --check  verify the committed icons are complete and well-formed
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, 'icon.svg');
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS element types by the pixel size of their PNG (Apple's names; @2x types reuse sizes). */
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR, or null when it is not a PNG. */
export function pngSize(data) {
  if (
    data.length < 24 ||
    !data.subarray(0, 8).equals(PNG_SIGNATURE) ||
    data.toString('ascii', 12, 16) !== 'IHDR'
  ) {
    return null;
  }
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

async function renderAll() {
  const svg = readFileSync(source, 'utf8');
  const rsvg = spawnSync('rsvg-convert', ['--version'], { encoding: 'utf8' });
  if (rsvg.status === 0) {
    return new Map(
      PNG_SIZES.map((size) => {
        const out = spawnSync('rsvg-convert', ['-w', String(size), '-h', String(size), source], {
          maxBuffer: 64 << 20,
        });
        if (out.status !== 0) throw new Error(`icons: rsvg-convert failed at ${size}px: ${out.stderr}`);
        return [size, out.stdout];
      }),
    );
  }
  const { chromium } = await import('playwright');
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  const browser = await chromium.launch(executablePath ? { executablePath } : {});
  try {
    const page = await browser.newPage();
    const pngs = new Map();
    for (const size of PNG_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      const sized = svg.replace(/width="1024" height="1024"/, `width="${size}" height="${size}"`);
      await page.setContent(`<body style="margin:0;background:transparent">${sized}</body>`);
      pngs.set(
        size,
        await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }),
      );
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

/** An .ico holding PNG images (read by Windows Vista and later). */
export function buildIco(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(([size, png], i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2);
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(([, png]) => png)]);
}

/** An .icns: a big-endian length-prefixed list of typed PNG elements. */
export function buildIcns(elements) {
  const parts = elements.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

/** Problems with the icons on disk; empty when all are present and well-formed. */
export function checkIcons() {
  const problems = [];
  for (const size of PNG_SIZES) {
    const file = join(here, 'icons', `${size}x${size}.png`);
    if (!existsSync(file)) {
      problems.push(`missing ${file}`);
      continue;
    }
    const found = pngSize(readFileSync(file));
    if (!found || found.width !== size || found.height !== size)
      problems.push(`${file} is not a ${size}px PNG`);
  }
  const ico = existsSync(join(here, 'icon.ico')) ? readFileSync(join(here, 'icon.ico')) : null;
  if (!ico || ico.readUInt16LE(2) !== 1 || ico.readUInt16LE(4) !== ICO_SIZES.length) {
    problems.push('build/icon.ico is missing or malformed');
  } else {
    for (let i = 0; i < ico.readUInt16LE(4); i++) {
      const length = ico.readUInt32LE(6 + 16 * i + 8);
      const offset = ico.readUInt32LE(6 + 16 * i + 12);
      if (!pngSize(ico.subarray(offset, offset + length))) problems.push(`icon.ico image ${i} is not a PNG`);
    }
  }
  const icns = existsSync(join(here, 'icon.icns')) ? readFileSync(join(here, 'icon.icns')) : null;
  if (!icns || icns.toString('ascii', 0, 4) !== 'icns' || icns.readUInt32BE(4) !== icns.length) {
    problems.push('build/icon.icns is missing or malformed');
  } else {
    const seen = [];
    for (let at = 8; at < icns.length;) {
      const type = icns.toString('ascii', at, at + 4);
      const length = icns.readUInt32BE(at + 4);
      const size = pngSize(icns.subarray(at + 8, at + length));
      const expected = ICNS_TYPES.find(([t]) => t === type)?.[1];
      if (!size || size.width !== expected)
        problems.push(`icon.icns element ${type} is not a ${expected}px PNG`);
      seen.push(type);
      at += length;
    }
    if (seen.length !== ICNS_TYPES.length)
      problems.push(`icon.icns has ${seen.length} elements, not ${ICNS_TYPES.length}`);
  }
  return problems;
}

async function main() {
  if (process.argv.includes('--check')) {
    const problems = checkIcons();
    for (const problem of problems) console.error(`icons: ${problem}`);
    if (problems.length > 0) process.exit(1);
    console.log('icons: all present and well-formed');
    return;
  }
  const pngs = await renderAll();
  mkdirSync(join(here, 'icons'), { recursive: true });
  for (const [size, png] of pngs) writeFileSync(join(here, 'icons', `${size}x${size}.png`), png);
  writeFileSync(join(here, 'icon.png'), pngs.get(1024));
  writeFileSync(join(here, 'icon.ico'), buildIco(ICO_SIZES.map((size) => [size, pngs.get(size)])));
  writeFileSync(join(here, 'icon.icns'), buildIcns(ICNS_TYPES.map(([type, size]) => [type, pngs.get(size)])));
  const problems = checkIcons();
  if (problems.length > 0) throw new Error(`icons: ${problems.join('; ')}`);
  console.log(`icons: wrote ${PNG_SIZES.length} PNGs, icon.png, icon.ico and icon.icns from icon.svg`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
