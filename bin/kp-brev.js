#!/usr/bin/env node
// kp-brev command line. The TypeScript sources are compiled to dist/ by `npm ci` (prepare).
import { main } from '../dist/cli/main.js';

await main(process.argv.slice(2));
