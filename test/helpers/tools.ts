/**
 * Machine tools some tests need (LibreOffice, poppler, pikepdf, Chromium, Firefox). On a developer's
 * machine a missing tool skips those tests with a warning; in CI (.ci/run sets
 * KP_BREV_REQUIRE_TOOLS=1 after installing them) a missing tool fails the run, so a broken
 * install cannot turn into silently skipped tests.
 */
export function needTool(name: string, present: boolean, installs = 'it'): boolean {
  if (present) return true;
  if (process.env['KP_BREV_REQUIRE_TOOLS'] === '1')
    throw new Error(`${name} is required in CI (KP_BREV_REQUIRE_TOOLS=1) but is not installed; .ci/run installs ${installs}.`);
  console.warn(`${name} is not installed: the tests that need it are skipped (.ci/run installs ${installs}).`);
  return false;
}
