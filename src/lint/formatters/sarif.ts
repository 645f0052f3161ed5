/** `--format sarif`: SARIF 2.1.0 for code scanning in CI. */
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { messageOf, shownText } from '../../diagnostics.js';
import type { Lang } from '../../i18n/index.js';
import { VERSION } from '../../version.js';
import type { FileResult } from '../engine.js';
import { RULES } from '../rules/index.js';

/** A file as a SARIF artifact location: relative paths against the source root, URI-encoded. */
function artifact(file: string): { uri: string; uriBaseId?: string } {
  const path = file.replace(/\\/g, '/');
  if (/^[a-zA-Z]:\//.test(path)) return { uri: encodeURI(`file:///${path}`) };
  if (path.startsWith('/')) return { uri: encodeURI(`file://${path}`) };
  return { uri: encodeURI(path), uriBaseId: '%SRCROOT%' };
}

export function toSarif(results: readonly FileResult[], lang: Lang): Log {
  const rules: ReportingDescriptor[] = RULES.map((r) => ({
    id: r.meta.id,
    name: r.meta.id,
    shortDescription: { text: r.meta.description[lang].split('. ')[0]! + '.' },
    fullDescription: { text: r.meta.description[lang] },
    help: { text: `${r.meta.description[lang]} (docs/rules/${r.meta.id}.md)` },
    defaultConfiguration: { level: r.meta.severity === 'info' ? 'note' : r.meta.severity },
    properties: { category: r.meta.category, tags: r.meta.accessibility ? ['accessibility'] : [] },
  }));
  const sarifResults: Result[] = [];
  for (const file of results) {
    for (const f of file.findings) {
      const loc = f.location ?? {};
      const result: Result = {
        ruleId: f.rule,
        ruleIndex: RULES.findIndex((r) => r.meta.id === f.rule),
        level: f.severity === 'info' ? 'note' : f.severity,
        message: { text: messageOf(f, lang) },
        locations: [
          {
            physicalLocation: { artifactLocation: artifact(file.file) },
            logicalLocations: [
              {
                fullyQualifiedName: [loc.part, loc.story, loc.paragraph !== undefined ? `p${loc.paragraph}` : undefined].filter(Boolean).join('/'),
                kind: 'element',
              },
            ],
          },
        ],
        partialFingerprints: { kpBrev: `${f.rule}:${f.code}:${JSON.stringify(f.params)}:${loc.excerpt ?? ''}` },
      };
      if (loc.excerpt || loc.instruction) result.properties = { excerpt: shownText(loc.excerpt ?? ''), instruction: shownText(loc.instruction ?? '') };
      if (f.regression !== undefined) result.baselineState = f.regression ? 'new' : 'unchanged';
      sarifResults.push(result);
    }
  }
  // Notices (no catalog, variants assumed...) are the tool's notifications about the run.
  const notifications: Notification[] = results.flatMap((r) =>
    (r.notices ?? []).map((n) => ({
      level: 'note' as const,
      message: { text: messageOf(n, lang) },
      descriptor: { id: n.code },
      locations: [{ physicalLocation: { artifactLocation: artifact(r.file) } }],
    })),
  );
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'kp-brev', version: VERSION, rules } },
        ...(notifications.length ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }] } : {}),
        artifacts: results.map((r) => ({ location: artifact(r.file) })),
        results: sarifResults,
      },
    ],
  };
}

export function formatSarif(results: readonly FileResult[], lang: Lang): string {
  return JSON.stringify(toSarif(results, lang), null, 2) + '\n';
}
