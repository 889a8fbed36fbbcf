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
    setMessageSource((key) => (key === 'barShow' ? 'Zeigen' : ''));
    expect(message('barShow')).toBe('Zeigen');
    expect(message('barHide')).toBe('Hide');
    setMessageSource(() => {
      throw new Error('Extension context invalidated.');
    });
    expect(message('barHide')).toBe('Hide');
  });

  it('asks the extension once per key and fills in the substitutions as it would', () => {
    const messages: Record<string, string> = {
      barRepeatedMany: '$1 wiederholte Absätze',
      barLabel: '$1 ($2) · $3',
    };
    const asked: string[] = [];
    // Like i18n.getMessage: "$n" becomes the nth substitution, or nothing.
    const source = (key: string, substitutions: string[]) => {
      asked.push(key);
      return (messages[key] ?? '').replace(/\$([1-9])/g, (_, n) => substitutions[n - 1] ?? '');
    };
    setMessageSource(source);
    expect(message('barRepeatedMany', '11')).toBe('11 wiederholte Absätze');
    expect(message('barRepeatedMany', '12')).toBe('12 wiederholte Absätze');
    expect(message('barLabel', '$1 a', 'b $2')).toBe('$1 a (b $2) · ');
    expect(message('barLabel', 'x', 'y', 'z')).toBe('x (y) · z');
    expect(asked).toEqual(['barRepeatedMany', 'barLabel']);
    // A key the extension has no message for is English, and asked for only once.
    expect(message('barHide')).toBe('Hide');
    expect(message('barHide')).toBe('Hide');
    expect(asked).toEqual(['barRepeatedMany', 'barLabel', 'barHide']);
    setMessageSource(source);
    message('barRepeatedMany', '11');
    expect(asked).toHaveLength(4);
  });
});
