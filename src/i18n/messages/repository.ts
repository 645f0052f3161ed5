/** The template repository: manifests, catalog, schema checks and municipal overrides. */
import type { MessageText } from '../message-text.js';

export const repositoryMessages = {
  // Template repository, manifests and catalog
  'repo.yaml-syntax': {
    da: 'Filen er ikke gyldig YAML/JSON: {detail}.',
    en: 'The file is not valid YAML/JSON: {detail}.',
  },
  'repo.schema-required': {
    da: '{entry} mangler feltet "{field}".',
    en: '{entry} lacks the field "{field}".',
  },
  'repo.schema-unknown': {
    da: '{entry} har det ukendte felt "{field}" (stavefejl?).',
    en: '{entry} has the unknown field "{field}" (a typo?).',
  },
  'repo.schema-enum': {
    da: '{entry}: "{field}" skal være en af: {allowed}.',
    en: '{entry}: "{field}" must be one of: {allowed}.',
  },
  'repo.schema-type': {
    da: '{entry}: "{field}" har en forkert type; den skal være {type}.',
    en: '{entry}: "{field}" has the wrong type; it must be {type}.',
  },
  'repo.schema-value': {
    da: '{entry}: "{field}" har en ugyldig værdi ({detail}).',
    en: '{entry}: "{field}" has an invalid value ({detail}).',
  },
  'repo.duplicate-id': {
    da: '{kind} "{id}" er beskrevet mere end én gang.',
    en: '{kind} "{id}" is described more than once.',
  },
  'repo.unknown-ref': {
    da: '{entry} henviser til {kind} "{id}", som ikke findes.',
    en: '{entry} refers to {kind} "{id}", which does not exist.',
  },
  'repo.file-missing': {
    da: '{entry} henviser til filen {path}, som ikke findes.',
    en: '{entry} refers to the file {path}, which does not exist.',
  },
  'repo.unknown-template': {
    da: 'Skabelonen "{id}" findes ikke{where}.',
    en: 'The template "{id}" does not exist{where}.',
  },
  'repo.unknown-kommune': {
    da: 'Kommunen {kommune} findes ikke i skabelonarkivet {dir}. Kendte kommuner: {known}. Uden kommune bruges de centrale skabeloner.',
    en: 'The municipality {kommune} is not in the template repository {dir}. Known municipalities: {known}. Without a municipality the central templates are used.',
  },
  'repo.no-repository': {
    da: 'Mappen {dir} er ikke et skabelonarkiv: {file} mangler.',
    en: 'The folder {dir} is not a template repository: {file} is missing.',
  },
  'repo.kommune-mismatch': {
    da: '{file} siger kommune {stated}, men ligger i mappen for kommune {folder}.',
    en: '{file} says municipality {stated} but sits in the folder of municipality {folder}.',
  },
  'repo.override-base': {
    da: 'overskrivningen af {kind} "{id}" bygger på "{basedOn}", men den centrale hedder "{central}".',
    en: 'the override of {kind} "{id}" is based on "{basedOn}" but the central one is "{central}".',
  },
  'repo.override-content': {
    da: 'overskrivningen af {kind} "{id}" skal have {what}.',
    en: 'the override of {kind} "{id}" must have {what}.',
  },
  'repo.did-you-mean': {
    da: 'Mente du "{suggestion}"?',
    en: 'Did you mean "{suggestion}"?',
  },
} as const satisfies Record<string, MessageText>;
