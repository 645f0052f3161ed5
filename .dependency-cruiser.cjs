// dependency-cruiser settings for `npm run lint:code`: the import graph of src/ must have no cycle,
// type-only imports included (tsPreCompilationDeps), so that every arrow runs down the pipeline
// drawn in docs/decisions.md ("Architecture").
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
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
    enhancedResolveOptions: { extensions: ['.ts', '.d.ts', '.js'], exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
