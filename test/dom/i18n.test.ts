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
});
