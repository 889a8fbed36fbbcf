import { afterEach, describe, expect, it } from 'vitest';
import { message, setMessageSource } from '../../src/dom/i18n';

afterEach(() => setMessageSource(null));

describe('message', () => {
  it('formats English from the catalogue when no extension API is there', () => {
    expect(message('barRepeatedMany', '11')).toBe('11 repeated paragraphs');
    expect(message('barLabel', '11 repeated paragraphs', 'copy of 2–12', 'Show')).toBe(
      '11 repeated paragraphs (copy of 2–12) · Show',
    );
  });

  it('uses the extension translations, and English when they are missing or fail', () => {
    setMessageSource((key, substitutions) =>
      key === 'barShow' ? `Zeigen${substitutions.length}` : '',
    );
    expect(message('barShow')).toBe('Zeigen0');
    expect(message('barHide')).toBe('Hide');
    setMessageSource(() => {
      throw new Error('Extension context invalidated.');
    });
    expect(message('barHide')).toBe('Hide');
  });

  it('asks the extension once per key and substitutions, and again after a new source', () => {
    const asked: string[] = [];
    const source = (key: string, substitutions: string[]) => {
      asked.push([key, ...substitutions].join('|'));
      return `${key}:${substitutions.join(',')}`;
    };
    setMessageSource(source);
    expect(message('barRepeatedMany', '11')).toBe('barRepeatedMany:11');
    expect(message('barRepeatedMany', '11')).toBe('barRepeatedMany:11');
    expect(message('barRepeatedMany', '12')).toBe('barRepeatedMany:12');
    // Substitutions are kept apart: ('a b', 'c') is not ('a', 'b c').
    expect(message('barLabel', 'a b', 'c')).toBe('barLabel:a b,c');
    expect(message('barLabel', 'a', 'b c')).toBe('barLabel:a,b c');
    expect(asked).toEqual([
      'barRepeatedMany|11',
      'barRepeatedMany|12',
      'barLabel|a b|c',
      'barLabel|a|b c',
    ]);
    setMessageSource(source);
    message('barRepeatedMany', '11');
    expect(asked).toHaveLength(5);
  });
});
