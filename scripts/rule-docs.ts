/** Writes docs/rules/ from the rules' meta. Run with `npm run rule-docs` after changing a rule. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleDocs } from './lib/rule-docs.js';

const dir = join(import.meta.dirname, '..', 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const files = ruleDocs();
for (const old of readdirSync(dir)) if (!files.has(old)) rmSync(join(dir, old));
for (const [name, text] of files) writeFileSync(join(dir, name), text);
console.log(`docs/rules: ${files.size} files written`);
