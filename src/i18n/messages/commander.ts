/**
 * Commander's own words: the headings and notes of `--help` and its usage errors
 * (src/cli/commander.ts puts them in place through commander's public Help and error codes).
 */
import type { MessageText } from '../message-text.js';

export const commanderMessages = {
  // Headings and placeholders of the help text.
  'cli.help.usage': { da: 'Brug:', en: 'Usage:' },
  'cli.help.arguments': { da: 'Argumenter:', en: 'Arguments:' },
  'cli.help.options': { da: 'Tilvalg:', en: 'Options:' },
  'cli.help.global-options': { da: 'Fælles tilvalg:', en: 'Global Options:' },
  'cli.help.commands': { da: 'Kommandoer:', en: 'Commands:' },
  'cli.help.usage-options': { da: '[tilvalg]', en: '[options]' },
  'cli.help.usage-command': { da: '[kommando]', en: '[command]' },
  // The notes after an option's description: "(valg: "docx", "pdf", standard: "docx")".
  'cli.help.choices': { da: 'valg: {choices}', en: 'choices: {choices}' },
  'cli.help.default': { da: 'standard: {value}', en: 'default: {value}' },
  'cli.help.preset': { da: 'uden værdi: {value}', en: 'preset: {value}' },
  'cli.help.env': { da: 'miljøvariabel: {name}', en: 'env: {name}' },

  // Usage errors, after "Forkert brug: " (cli.usage).
  'cli.error.unknown-option': { da: 'ukendt tilvalg {option}', en: "unknown option '{option}'" },
  'cli.error.unknown-command': { da: 'ukendt kommando {command}; se kp-brev --help', en: "unknown command '{command}'; see kp-brev --help" },
  'cli.error.missing-argument': { da: 'argumentet {argument} mangler', en: "missing required argument '{argument}'" },
  'cli.error.option-missing-value': { da: 'tilvalget {option} mangler en værdi', en: "option '{option}' argument missing" },
  'cli.error.missing-option': { da: 'tilvalget {option} skal angives', en: "required option '{option}' not specified" },
  'cli.error.excess-arguments': {
    da: 'for mange argumenter til {command}: den tager {expected:argument|argumenter}, men fik {got}',
    en: "too many arguments for '{command}': expected {expected:argument|arguments} but got {got}",
  },
  'cli.error.invalid-choice': {
    da: '"{value}" er ikke en gyldig værdi for {option}; vælg en af: {choices}',
    en: "option '{option}' argument '{value}' is invalid; allowed choices are {choices}",
  },
  'cli.error.invalid-value': {
    da: '"{value}" er ikke en gyldig værdi for {option}: {detail}',
    en: "option '{option}' argument '{value}' is invalid: {detail}",
  },
  'cli.error.invalid-argument': {
    da: '"{value}" er ikke en gyldig værdi for argumentet {argument}: {detail}',
    en: "command-argument value '{value}' is invalid for argument '{argument}': {detail}",
  },
  'cli.error.did-you-mean': { da: '(mente du {suggestion}?)', en: '(did you mean {suggestion}?)' },
  'cli.error.did-you-mean-one-of': { da: '(mente du en af {suggestions}?)', en: '(did you mean one of {suggestions}?)' },
} as const satisfies Record<string, MessageText>;
