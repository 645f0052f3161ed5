// dependency-cruiser settings for `npm run lint:code`: the import graph of src/ must have no cycle,
// type-only imports included (tsPreCompilationDeps), and every arrow runs down the pipeline
// drawn in docs/decisions.md ("Architecture").

// The layers of src/, lowest first. A module may import its own folder (or file) and the layers
// below its own, never a layer above nor a sibling on its own row; only the bottom row's members
// read one another (diagnostics.ts says its messages through i18n/, limits.ts through both).
//
//   0  i18n/ format/ types/ diagnostics.ts limits.ts memo.ts sorted.ts json-text.ts suggest.ts version.ts
//   1  fieldcode/
//   2  ooxml/
//   3  context/ authoring/
//   4  template/
//   5  compose/
//   6  repository/
//   7  lint/ pdf/
//   8  service/ ledger/ settings.ts
//   9  batch/ server/ cli/ web/ index.ts        (the shells and the library's entry)
const LAYERS = [
  [
    '^src/i18n/',
    '^src/format/',
    '^src/types/',
    '^src/diagnostics[.]ts$',
    '^src/limits[.]ts$',
    '^src/memo[.]ts$',
    '^src/sorted[.]ts$',
    '^src/json-text[.]ts$',
    '^src/suggest[.]ts$',
    '^src/version[.]ts$',
  ],
  ['^src/fieldcode/'],
  ['^src/ooxml/'],
  ['^src/context/', '^src/authoring/'],
  ['^src/template/'],
  ['^src/compose/'],
  ['^src/repository/'],
  ['^src/lint/', '^src/pdf/'],
  ['^src/service/', '^src/ledger/', '^src/settings[.]ts$'],
  ['^src/batch/', '^src/server/', '^src/cli/', '^src/web/', '^src/index[.]ts$'],
];

// The shells' arrows to one another that are intended, each listed by the file it reaches.
const SHELL_EXCEPTIONS = {
  '^src/cli/': [
    '^src/server/server[.]ts$', // `kp-brev serve` starts the server
    '^src/server/auth[.]ts$', // `kp-brev token` signs the server's tokens
    '^src/batch/', // `kp-brev batch` runs the batch (and its queue)
  ],
  '^src/server/': [
    '^src/web/page[.]ts$', // the server serves the training page
    '^src/batch/manifest[.]ts$', // the letters route reads a batch's manifest
    '^src/batch/ndjson[.]ts$', // the batch route answers in the batch's NDJSON
  ],
};

const layerRules = LAYERS.flatMap((row, rank) =>
  row.map((member) => {
    const below = LAYERS.slice(0, rank).flat();
    const allowed = [member, ...below, ...(rank === 0 ? row : []), ...(SHELL_EXCEPTIONS[member] ?? [])];
    return {
      name: 'layers-only-downward',
      severity: 'error',
      // One name and one comment for every layer's rule: dependency-cruiser shows a rule's comment by its name.
      comment:
        'An import up the pipeline or across to a sibling on the same row. A module may import only its own folder and the ' +
        'layers below it: i18n format types diagnostics limits json-text suggest version < fieldcode < ooxml < context ' +
        'authoring < template < compose < repository < lint pdf < service ledger settings < batch server cli web index ' +
        '(LAYERS and SHELL_EXCEPTIONS in .dependency-cruiser.cjs; docs/decisions.md, "Architecture"). Move the shared ' +
        'type or helper down into the lower layer, or the orchestration up into the layer that uses it.',
      from: { path: member },
      to: { path: '^src/', pathNot: `(${allowed.join(')|(')})` },
    };
  }),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'layers-cover-src',
      severity: 'error',
      comment: 'A module of src/ in no layer: add its folder or file to LAYERS in .dependency-cruiser.cjs, in the row it belongs to.',
      from: { path: '^src/', pathNot: `(${LAYERS.flat().join(')|(')})` },
      to: {},
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A module reaches itself through its imports (type-only imports count). Move the shared type into a small ' +
        'type module, or the helper into the module below both, so that imports run only downward.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import the checker cannot resolve: it could hide a cycle. Fix the path, or teach the resolver below.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.d.ts', '.js'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
