/** The Danish text of the KpBrevError a function throws ('no error' when it does not throw). */
import { KpBrevError } from '../../src/index.js';

export function danishError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof KpBrevError) return e.describe('da');
    throw e;
  }
  return 'no error';
}
