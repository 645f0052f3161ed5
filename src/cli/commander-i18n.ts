/**
 * Commander in the user's language: the headings and notes of `--help` and the usage errors,
 * from the i18n catalog's commander area (src/i18n/messages/commander.ts).
 *
 * Only commander 14's public API is used: `configureHelp` overrides the Help methods that
 * produce English (styleTitle sees every heading, commandUsage the `[options]` and `[command]`
 * placeholders, optionDescription and argumentDescription the "(choices: …, default: …)" notes),
 * and a usage error is told from the code of the CommanderError that `exitOverride` throws, with
 * the names it holds read from commander's message (the wording of the pinned version; an error
 * this module does not know keeps commander's words rather than losing them).
 */
import { Help, type Argument, type CommanderError, type HelpConfiguration, type Option } from 'commander';
import { fillText } from '../i18n/fill.js';
import type { Lang } from '../i18n/lang.js';
import { commanderMessages } from '../i18n/messages/commander.js';

type MessageId = keyof typeof commanderMessages;

/** A text of the catalog's commander area; the rest of the catalog is not loaded for `--help`. */
function formatMessage(id: MessageId, params: Record<string, string | number>, lang: Lang): string {
  return fillText(commanderMessages[id][lang], params);
}

const HEADINGS: Record<string, MessageId> = {
  'Usage:': 'cli.help.usage',
  'Arguments:': 'cli.help.arguments',
  'Options:': 'cli.help.options',
  'Global Options:': 'cli.help.global-options',
  'Commands:': 'cli.help.commands',
};

/** The Help overrides for `program.configureHelp(...)` (subcommands inherit them). */
export function localHelp(lang: Lang): HelpConfiguration {
  const t = (id: MessageId, params: Record<string, string> = {}): string => formatMessage(id, params, lang);
  const plain = new Help();
  const notes = (description: string, extra: string[]): string => {
    if (extra.length === 0) return description;
    const note = `(${extra.join(', ')})`;
    return description ? `${description} ${note}` : note;
  };
  const placeholders = (usage: string): string =>
    usage
      .split(' ')
      .map((word) => (word === '[options]' ? t('cli.help.usage-options') : word === '[command]' ? t('cli.help.usage-command') : word))
      .join(' ');
  const choices = (values: readonly string[]): string => t('cli.help.choices', { choices: values.map((c) => JSON.stringify(c)).join(', ') });
  const byDefault = (value: unknown, description: string | undefined): string => t('cli.help.default', { value: description || JSON.stringify(value) });
  return {
    styleTitle: (title: string): string => {
      const id = HEADINGS[title];
      return id ? t(id) : title;
    },
    // "kp-brev render [options] [skabelon]" in the usage line and in the list of commands.
    commandUsage: (cmd): string => placeholders(plain.commandUsage(cmd)),
    subcommandTerm: (cmd): string => placeholders(plain.subcommandTerm(cmd)),
    // As commander's own, in other words: which notes show follows Help.optionDescription.
    optionDescription: (option: Option): string => {
      const extra: string[] = [];
      if (option.argChoices) extra.push(choices(option.argChoices));
      const showDefault = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
      if (option.defaultValue !== undefined && showDefault) extra.push(byDefault(option.defaultValue, option.defaultValueDescription));
      if (option.presetArg !== undefined && option.optional) extra.push(t('cli.help.preset', { value: JSON.stringify(option.presetArg) }));
      if (option.envVar !== undefined) extra.push(t('cli.help.env', { name: option.envVar }));
      return notes(option.description, extra);
    },
    argumentDescription: (argument: Argument): string => {
      const extra: string[] = [];
      if (argument.argChoices) extra.push(choices(argument.argChoices));
      if (argument.defaultValue !== undefined) extra.push(byDefault(argument.defaultValue, argument.defaultValueDescription));
      return notes(argument.description, extra);
    },
  };
}

/** Commander's message for each code it reports, and the names in it. */
const ERRORS: Array<{ code: string; pattern: RegExp; id: MessageId; params: (m: RegExpExecArray) => Record<string, string | number> }> = [
  { code: 'commander.unknownOption', pattern: /^unknown option '(.*)'$/, id: 'cli.error.unknown-option', params: (m) => ({ option: m[1]! }) },
  { code: 'commander.unknownCommand', pattern: /^unknown command '(.*)'$/, id: 'cli.error.unknown-command', params: (m) => ({ command: m[1]! }) },
  { code: 'commander.missingArgument', pattern: /^missing required argument '(.*)'$/, id: 'cli.error.missing-argument', params: (m) => ({ argument: m[1]! }) },
  {
    code: 'commander.optionMissingArgument',
    pattern: /^option '(.*)' argument missing$/,
    id: 'cli.error.option-missing-value',
    params: (m) => ({ option: m[1]! }),
  },
  {
    code: 'commander.missingMandatoryOptionValue',
    pattern: /^required option '(.*)' not specified$/,
    id: 'cli.error.missing-option',
    params: (m) => ({ option: m[1]! }),
  },
  {
    code: 'commander.excessArguments',
    pattern: /^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    id: 'cli.error.excess-arguments',
    params: (m) => ({ command: m[1] ?? 'kp-brev', expected: Number(m[2]), got: Number(m[3]) }),
  },
  {
    code: 'commander.invalidArgument',
    pattern: /^option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/s,
    id: 'cli.error.invalid-choice',
    params: (m) => ({ option: m[1]!, value: m[2]!, choices: m[3]! }),
  },
  {
    code: 'commander.invalidArgument',
    pattern: /^option '(.*)' argument '(.*)' is invalid\. (.*)$/s,
    id: 'cli.error.invalid-value',
    params: (m) => ({ option: m[1]!, value: m[2]!, detail: m[3]! }),
  },
  {
    code: 'commander.invalidArgument',
    pattern: /^command-argument value '(.*)' is invalid for argument '(.*)'\. (.*)$/s,
    id: 'cli.error.invalid-argument',
    params: (m) => ({ value: m[1]!, argument: m[2]!, detail: m[3]! }),
  },
];

/** Commander's suggestion on the line after an unknown option or command. */
const SUGGESTION = /^\(Did you mean (one of )?(.*)\?\)$/;

/** A usage error from commander in the user's language, without commander's "error: ". */
export function usageErrorText(err: CommanderError, lang: Lang): string {
  const [first = '', ...rest] = err.message.replace(/^error: /, '').split('\n');
  let text = first;
  for (const known of ERRORS) {
    if (known.code !== err.code) continue;
    const m = known.pattern.exec(first);
    if (m) {
      text = formatMessage(known.id, known.params(m), lang);
      break;
    }
  }
  for (const line of rest) {
    const m = SUGGESTION.exec(line);
    if (!m) text += `\n${line}`;
    else if (m[1]) text += ' ' + formatMessage('cli.error.did-you-mean-one-of', { suggestions: m[2]! }, lang);
    else text += ' ' + formatMessage('cli.error.did-you-mean', { suggestion: m[2]! }, lang);
  }
  return text;
}
