/** The linter's notices: what it assumed or left out for a file (lint/notices.ts). As `lint.notice.*`. */
import { prefixed } from '../area.js';

export const lintNoticeMessages = prefixed('lint.notice', {
  'variants-assumed': {
    da: 'Ingen varianter angivet: skabelonen er tjekket for alle varianter af {processes} ({variants}).',
    en: 'No variants named: the template was checked for every variant of {processes} ({variants}).',
  },
  'catalog-skipped': {
    da: 'Intet katalog (hverken --catalog eller et skabelonarkiv over filen eller i arbejdsmappen): flettefelter, processer og varianter er ikke tjekket mod et katalog.',
    en: 'No catalog (neither --catalog nor a template repository above the file or in the working folder): merge fields, processes and variants were not checked against a catalog.',
  },
  'catalog-found': {
    da: 'Kataloget {catalog} fra skabelonarkivet {dir} er brugt.',
    en: 'The catalog {catalog} of the template repository {dir} was used.',
  },
  'manifest-ignored': {
    da: '{file} er ikke manifestet for et kp-brev-skabelonarkiv (det har ingen beskedskabeloner) og er ikke brugt.',
    en: '{file} is not the manifest of a kp-brev template repository (it has no beskedskabeloner) and was not used.',
  },
});
