#!/usr/bin/env node
// kp-brev command line. The TypeScript sources are compiled to dist/ by `npm ci` (prepare).
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // The version alone, without loading the command line (as commander would print it).
  const { VERSION } = await import('../dist/version.js');
  process.stdout.write(`${VERSION}\n`);
} else {
  const { main } = await import('../dist/cli/main.js');
  await main(argv);
}
