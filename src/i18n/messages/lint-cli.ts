/** `kp-brev lint`: progress, and what is wrong with its flags and inputs. As `lint.cli.*`. */
import { prefixed } from '../area.js';

export const lintCliMessages = prefixed('lint.cli', {
  progress: {
    da: 'Tjekker skabeloner: {done} af {total} ({percent} %)',
    en: 'Checking templates: {done} of {total} ({percent} %)',
  },
  'unknown-process': {
    da: 'Processen "{id}" (--process) findes ikke i kataloget {catalog}. Kendte processer: {known}.',
    en: 'The process "{id}" (--process) is not in the catalog {catalog}. Known processes: {known}.',
  },
  'unknown-variant': {
    da: 'Varianten "{id}" (--variant) findes ikke i kataloget {catalog}. Kendte varianter: {known}.',
    en: 'The variant "{id}" (--variant) is not in the catalog {catalog}. Known variants: {known}.',
  },
  'unknown-process-hint': {
    da: 'Processen "{id}" (--process) findes ikke i kataloget {catalog}; mente du "{suggestion}"? Kendte processer: {known}.',
    en: 'The process "{id}" (--process) is not in the catalog {catalog}; did you mean "{suggestion}"? Known processes: {known}.',
  },
  'unknown-variant-hint': {
    da: 'Varianten "{id}" (--variant) findes ikke i kataloget {catalog}; mente du "{suggestion}"? Kendte varianter: {known}.',
    en: 'The variant "{id}" (--variant) is not in the catalog {catalog}; did you mean "{suggestion}"? Known variants: {known}.',
  },
});
