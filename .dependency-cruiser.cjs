/**
 * The layers of README's "Where things live" table, enforced (`npm run lint:deps`): who may
 * import whom, no Node or Electron in pure code, no cycles. Tests may reach across a layer's
 * own folder into test support, but production files keep to their column.
 */
const NODE = { dependencyTypes: ['core'] };
const PURE = '^main/(common|extract|engine)/';
const TEST_FILE = '\\.test\\.ts$';

/** A layer may import only the folders listed (besides itself and npm packages). */
function layer(name, from, allowed, comment) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from, pathNot: TEST_FILE },
    to: { path: '^(main|renderer|test|e2e|bench|scripts|build)/', pathNot: allowed },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Modules that import each other cannot be understood, tested or moved alone.',
      severity: 'error',
      from: { path: '^(main|renderer)/' },
      to: { circular: true },
    },
    layer(
      'common-imports-nothing',
      '^main/common/',
      '^main/common/',
      'main/common is the contract: it imports nothing of ours.',
    ),
    layer(
      'extract-imports-common',
      '^main/extract/',
      '^main/(common|extract)/',
      'main/extract may import main/common only.',
    ),
    layer(
      'engine-imports-common',
      '^main/engine/',
      '^main/(common|engine)/',
      'main/engine may import main/common only.',
    ),
    layer(
      'corpus-imports-below',
      '^main/corpus/',
      '^main/(common|extract|engine|corpus)/',
      'main/corpus may import main/common, main/extract and main/engine.',
    ),
    layer(
      'service-imports-below',
      '^main/service/',
      '^main/(common|extract|engine|corpus|service)/',
      'main/service may import the layers below it, never the server, the CLI or the shell.',
    ),
    layer(
      'server-imports-below',
      '^main/server/',
      '^main/(common|extract|engine|corpus|service|server)/',
      'main/server may import the layers below it; paths come from main/service, not main/cli.',
    ),
    layer(
      'cli-imports-below',
      '^main/cli/',
      '^main/(common|extract|engine|corpus|service|server|cli)/',
      'main/cli may import the layers below it and the server it runs; never the Electron shell.',
    ),
    layer(
      'electron-imports-below',
      '^main/electron/',
      '^main/(common|extract|engine|corpus|service|electron)/',
      'main/electron may import the layers below it; paths come from main/service, not main/cli.',
    ),
    layer(
      'renderer-imports-common',
      '^renderer/',
      '^(renderer|main/common)/',
      'The renderer may import only main/common.',
    ),
    {
      name: 'pure-without-node',
      comment: 'main/common, main/extract and main/engine run in Node, Electron and the browser alike.',
      severity: 'error',
      from: { path: PURE, pathNot: [TEST_FILE, '\\.node\\.ts$'] },
      to: NODE,
    },
    {
      name: 'renderer-without-node',
      comment: 'The renderer runs sandboxed: no Node.',
      severity: 'error',
      from: { path: '^renderer/', pathNot: TEST_FILE },
      to: NODE,
    },
    {
      name: 'electron-only-in-the-shell',
      comment: 'Only main/electron may import electron.',
      severity: 'error',
      from: { path: '^(main|renderer)/', pathNot: '^main/electron/' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'production-without-test-support',
      comment: 'Test support and stand-ins live in test/ and are imported by tests only.',
      severity: 'error',
      from: { path: '^(main|renderer)/', pathNot: TEST_FILE },
      to: { path: '^test/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|out|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
