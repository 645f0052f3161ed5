/**
 * The field-code tree builder is a CST visitor of the grammar (Chevrotain's
 * getBaseCstVisitorConstructor): it has a method for every grammar rule and checks that it does
 * when it is made, so that a grammar rule the builder does not know fails loudly.
 */
import { describe, expect, it } from 'vitest';
import { instructionBuilder, instructionBuilderFor } from '../../src/fieldcode/build.js';
import { CstParser } from '../../src/fieldcode/chevrotain.js';
import { allTokens, DateSwitch, Word } from '../../src/fieldcode/lexer.js';
import { fieldCodeParser } from '../../src/fieldcode/parser.js';

/** A grammar that has grown a rule (`dateField`) the builder has no method for. */
class GrownParser extends CstParser {
  constructor() {
    super(allTokens);
    this.performSelfAnalysis();
  }

  public field = this.RULE('field', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.dateField) }, { ALT: () => this.CONSUME(Word) }]);
  });

  public dateField = this.RULE('dateField', () => {
    this.CONSUME(DateSwitch);
  });
}

describe('the field-code tree builder as a CST visitor', () => {
  it('has a method for every rule of the grammar', () => {
    const rules = Object.keys(fieldCodeParser().getGAstProductions());
    expect(rules.length).toBeGreaterThan(5);
    const builder = instructionBuilder(' MERGEFIELD Navn ') as unknown as Record<string, unknown>;
    for (const rule of rules) expect(typeof builder[rule], rule).toBe('function');
  });

  it('throws when made without a method for one of the rules', () => {
    const Builder = instructionBuilderFor(fieldCodeParser());
    class Missing extends Builder {}
    // As if the builder had never had its comparison method.
    Object.defineProperty(Missing.prototype, 'comparison', { value: undefined });
    expect(() => new Missing(' IF a = b "c" ')).toThrow(/comparison/);
    expect(() => new Builder(' IF a = b "c" ')).not.toThrow();
  });

  it('throws for a grammar with a rule the builder lacks', () => {
    expect(() => new (instructionBuilderFor(new GrownParser()))(' x ')).toThrow(/dateField/);
  });
});
