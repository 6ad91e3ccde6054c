// Packaging of the Dictum desktop app with electron-builder 26.
//
//   npm run build && npx electron-builder --config electron-builder.config.cjs            (this OS)
//   ... --linux AppImage deb | --win nsis portable | --mac dmg zip --x64 --arm64          (chosen)
//
// Installers need Electron's binaries for each platform, downloaded by electron-builder;
// build/check-packaging.mjs checks this file offline and packs an unpacked app against a
// stand-in Electron. macOS builds must run on macOS (signing, dmg); Windows ones on Windows
// or on Linux with Wine.
//
// The fuses below make the packaged binary refuse to run as plain Node, ignore NODE_OPTIONS
// and --inspect, and load code only from the (integrity-checked) app.asar. A packaged app
// therefore cannot be driven by Playwright; e2e/electron.spec.ts drives the unpackaged
// Electron of node_modules with dist/electron/main.js instead.

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.dictum.app',
  productName: 'Dictum',
  copyright: 'Copyright © 2026 the Dictum contributors',
  directories: { output: 'out/installers', buildResources: 'build' },

  // Only the built app goes in. Production dependencies are added by electron-builder
  // itself; sources, tests, e2e, benchmarks, scripts and source maps stay out.
  files: [
    'dist/electron/**/*',
    'dist/renderer/**/*',
    'dist/indexWorker.js',
    'package.json',
    '!**/*.map',
    // Some dependencies publish their own tests (minisearch's src/*.test.js).
    '!**/*.{test,spec}.{js,cjs,mjs}',
  ],
  asar: true,
  // The sample corpus sits beside app.asar, as ordinary files the app reads and watches
  // (resolved through process.resourcesPath).
  extraResources: [{ from: 'corpus', to: 'corpus', filter: ['**/*'] }],

  artifactName: '${productName}-${version}-${os}-${arch}.${ext}',

  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  },

  mac: {
    category: 'public.app-category.reference',
    icon: 'build/icon.icns',
    target: [
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ],
    hardenedRuntime: true,
  },
  dmg: { title: '${productName} ${version}' },

  win: {
    icon: 'build/icon.ico',
    target: [
      { target: 'nsis', arch: ['x64', 'arm64'] },
      { target: 'portable', arch: ['x64'] },
    ],
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    artifactName: '${productName}-Setup-${version}-${arch}.${ext}',
  },
  portable: { artifactName: '${productName}-${version}-portable-${arch}.${ext}' },

  linux: {
    icon: 'build/icons',
    executableName: 'dictum',
    category: 'Office',
    synopsis: 'Who said what, about what, and when',
    description: 'Faceted full-text search over the statements in a folder of news articles and transcripts.',
    maintainer: 'Dictum contributors <dictum@users.noreply.github.com>',
    target: [
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ],
  },
};
