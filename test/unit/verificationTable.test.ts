import { describe, expect, it } from 'vitest';
import { actualCell } from '../../shared/export/verificationTable.js';

describe('the actual value of a verification as a spreadsheet cell', () => {
  it('is a number when it is one, with its unit kept as the number format', () => {
    expect(actualCell('42')).toBe(42);
    expect(actualCell(' ４２ ')).toBe(42);
    expect(actualCell('1,200件')).toEqual({ value: 1200, text: '1,200件', format: 'General"件"' });
    expect(actualCell('約42手続き')).toEqual({ value: 42, text: '約42手続き', format: '"約"General"手続き"' });
    expect(actualCell('12.5%')).toEqual({ value: 12.5, text: '12.5%', format: 'General"%"' });
  });

  it('stays text, as typed, when it is not exactly one number', () => {
    expect(actualCell('未集計')).toBe('未集計');
    // A sign or a scale the number would lose: 「▲5」 and 「−5」 are negative, 「1.2万件」 is 12,000.
    expect(actualCell('▲5件')).toBe('▲5件');
    expect(actualCell('−5')).toBe('−5');
    expect(actualCell('1.2万件')).toBe('1.2万件');
    expect(actualCell('-5')).toBe(-5);
    expect(actualCell('令和5年度末で42手続き')).toBe('令和5年度末で42手続き');
    expect(actualCell('')).toBe('');
  });
});
