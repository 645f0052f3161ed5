/**
 * The words of the tools' own output: the CLI's tables and lines, the linter's summary, a batch's
 * progress line and the preview index of `kp-brev repo preview`. Counts with their nouns are
 * `{count:one|other}` ("1 fil", "2 filer").
 */
import type { MessageText } from '../message-text.js';

export const outputMessages = {
  'cli.pages': { da: '{pages:side|sider}', en: '{pages:page|pages}' },
  'cli.paragraph': { da: 'afsnit', en: 'paragraph' },
  'cli.in-cached-result': { da: '[i gemt resultat]', en: '[in cached result]' },
  'cli.severity-error': { da: 'fejl', en: 'error' },
  'cli.severity-warning': { da: 'advarsel', en: 'warning' },
  'cli.token-kommune-or-admin': { da: 'angiv enten --kommune <kode> eller --admin', en: 'give either --kommune <code> or --admin' },
  'cli.templates-kind': { da: 'Type', en: 'Kind' },
  'cli.templates-id': { da: 'Id', en: 'Id' },
  'cli.templates-version': { da: 'Version', en: 'Version' },
  'cli.templates-status': { da: 'Status', en: 'Status' },
  'cli.templates-title': { da: 'Titel', en: 'Title' },
  'cli.kind.beskedskabelon': { da: 'beskedskabelon', en: 'beskedskabelon' },
  'cli.kind.master': { da: 'masterskabelon', en: 'master' },
  'cli.kind.indholdselement': { da: 'indholdselement', en: 'indholdselement' },
  'cli.kind.flettetekst': { da: 'flettetekst', en: 'flettetekst' },
  'cli.templates-from': { da: 'fra {base}', en: 'from {base}' },
  'repo.status-central': { da: 'central', en: 'central' },
  'repo.status-overridden': { da: 'overskrevet', en: 'overridden' },
  'repo.status-override-of-older': { da: 'overskrivning af ældre central version', en: 'override of an older central version' },
  'lint.stylish-files': { da: '{count:fil|filer}', en: '{count:file|files}' },
  'lint.stylish-none': { da: 'Ingen problemer fundet ({files}).', en: 'No problems found ({files}).' },
  'lint.stylish-error': { da: 'fejl', en: 'error' },
  'lint.stylish-warning': { da: 'advarsel', en: 'warning' },
  'lint.stylish-info': { da: 'info', en: 'info' },
  'lint.stylish-paragraph': { da: 'afsnit {paragraph}', en: 'paragraph {paragraph}' },
  'lint.stylish-whole': { da: 'skabelonen', en: 'template' },
  'lint.stylish-regression': { da: '[ny i overskrivningen]', en: '[new in the override]' },
  'lint.stylish-note': { da: 'Bemærk: {files}: {text}', en: 'Note: {files}: {text}' },
  'lint.stylish-summary': {
    da: '✖ {total:problem|problemer} ({errors:fejl|fejl}, {warnings:advarsel|advarsler}, {infos:info|info}) i {files} af {count:fil|filer}',
    en: '✖ {total:problem|problems} ({errors:error|errors}, {warnings:warning|warnings}, {infos:info|info}) in {files} of {count:file|files}',
  },
  'batch.progress-line': {
    da: '{done}/{total} ({percent}), {rate} breve/s, {failed:fejl|fejl}, {skipped} allerede lavet, ca. {left} tilbage',
    en: '{done}/{total} ({percent}), {rate} letters/s, {failed} failed, {skipped} already done, about {left} left',
  },
  'preview.some-lacking': {
    da: '{lacking} af {total:brev|breve} mangler noget: {list}. Se hvor i kolonnen Mangler.',
    en: '{lacking} of {total:letter|letters} lack something: {list}. See where in the column Missing.',
  },
  'preview.kommune': { da: 'kommune', en: 'municipality' },
  'preview.intro': {
    da: 'Forhåndsvisning for hver eksempelsag og kombination af flettespørgsmål (J/N).',
    en: 'Preview for every sample case and combination of flettespørgsmål (J/N).',
  },
  'preview.case': { da: 'Sag', en: 'Case' },
  'preview.letter': { da: 'Brev', en: 'Letter' },
  'preview.missing': {
    da: 'Mangler (felter uden værdi, flettespørgsmål uden svar)',
    en: 'Missing (fields without a value, flettespørgsmål without an answer)',
  },
  'preview.notes': { da: 'Bemærkninger', en: 'Notes' },
} as const satisfies Record<string, MessageText>;
