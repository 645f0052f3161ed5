/**
 * Which shipped font draws a template's font name. The four families are metric-compatible
 * with the fonts Danish letters use (Arial, Times New Roman, Courier New, Calibri), so lines
 * break where they break in Word. Other names fall back by kind (serif, monospaced, sans
 * serif); such a substitution changes line breaks and is reported once per name.
 */
export type Family = 'LiberationSans' | 'LiberationSerif' | 'LiberationMono' | 'Carlito';

const EXACT: Record<string, Family> = {
  arial: 'LiberationSans',
  helvetica: 'LiberationSans',
  'helvetica neue': 'LiberationSans',
  'liberation sans': 'LiberationSans',
  arimo: 'LiberationSans',
  'times new roman': 'LiberationSerif',
  times: 'LiberationSerif',
  'liberation serif': 'LiberationSerif',
  tinos: 'LiberationSerif',
  'courier new': 'LiberationMono',
  courier: 'LiberationMono',
  'liberation mono': 'LiberationMono',
  cousine: 'LiberationMono',
  calibri: 'Carlito',
  carlito: 'Carlito',
};

export interface FamilyChoice {
  family: Family;
  /** The name is one the family is metric-compatible with. */
  exact: boolean;
}

const cache = new Map<string, FamilyChoice>();

export function familyFor(name: string | undefined): FamilyChoice {
  const key = (name ?? '').trim().toLowerCase();
  let c = cache.get(key);
  if (c) return c;
  const exact = EXACT[key];
  if (exact) c = { family: exact, exact: true };
  else if (!key) c = { family: 'LiberationSans', exact: true };
  else if (/mono|courier|consolas|lucida console|typewriter/.test(key)) c = { family: 'LiberationMono', exact: false };
  else if (/calibri|candara|corbel|segoe|aptos/.test(key)) c = { family: 'Carlito', exact: false };
  else if (/serif|times|georgia|garamond|cambria|book antiqua|palatino|minion|constantia/.test(key) && !/sans/.test(key))
    c = { family: 'LiberationSerif', exact: false };
  else c = { family: 'LiberationSans', exact: false };
  cache.set(key, c);
  return c;
}

export const FAMILY_FILES: Record<Family, string> = {
  LiberationSans: 'LiberationSans',
  LiberationSerif: 'LiberationSerif',
  LiberationMono: 'LiberationMono',
  Carlito: 'Carlito',
};
