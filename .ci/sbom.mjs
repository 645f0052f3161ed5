#!/usr/bin/env node
// The CycloneDX bill of materials of what the server runs: `npm sbom --sbom-format cyclonedx`
// of the whole tree, less the packages npm marks as development-only. (`npm sbom --omit dev`
// would be the direct way, but npm 11 leaves out production packages that development tools
// also use, ajv and yaml among them.) Usage: node .ci/sbom.mjs <out.json>
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEV = 'cdx:npm:package:development';

/** The bill of materials without development-only components (and their dependency entries). */
export function productionBom(bom) {
  const dev = new Set(bom.components.filter((c) => (c.properties ?? []).some((p) => p.name === DEV && p.value === 'true')).map((c) => c['bom-ref']));
  return {
    ...bom,
    components: bom.components.filter((c) => !dev.has(c['bom-ref'])),
    dependencies: (bom.dependencies ?? []).filter((d) => !dev.has(d.ref)).map((d) => ({ ...d, dependsOn: (d.dependsOn ?? []).filter((r) => !dev.has(r)) })),
  };
}

export function npmBom(cwd) {
  return JSON.parse(execFileSync('npm', ['sbom', '--sbom-format', 'cyclonedx'], { cwd, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const out = process.argv[2] ?? join(root, 'artefacts/sbom.cdx.json');
  const bom = productionBom(npmBom(root));
  writeFileSync(out, JSON.stringify(bom, null, 2) + '\n');
  console.log(`${out}: CycloneDX ${bom.specVersion}, ${bom.components.length} components`);
}
