import { afterEach, describe, expect, it } from 'vitest';
import { message, setMessageSource } from '../../src/dom/i18n';

afterEach(() => setMessageSource(null));

describe('message', () => {
  it('formats English from the catalogue when no extension API is there', () => {
    expect(message('barTitleRepeatMany', '11')).toBe('The same text again (11 paragraphs)');
    expect(message('customTestResult', '20', '19', 'Home')).toBe(
      'Posts found: 20. With text: 19. (Tab: Home)',
    );
  });

  it('uses the extension translations, and English when they are missing or fail', () => {
    setMessageSource((key) =>
      key === 'barShowRepeat' ? 'Wiederholter Text ausgeblendet · Anzeigen' : '',
    );
    expect(message('barShowRepeat')).toBe('Wiederholter Text ausgeblendet · Anzeigen');
    expect(message('barHideRepeat')).toBe('Repeated text · Hide');
    setMessageSource(() => {
      throw new Error('Extension context invalidated.');
    });
    expect(message('barHideRepeat')).toBe('Repeated text · Hide');
  });

  it('asks the extension once per key and fills in the substitutions as it would', () => {
    const messages: Record<string, string> = {
      barTitleRepeatMany: 'Derselbe Text noch einmal ($1 Absätze)',
      customTestResult: '$1 Beiträge, $2 mit Text ($3)',
    };
    const asked: string[] = [];
    // Like i18n.getMessage: "$n" becomes the nth substitution, or nothing.
    const source = (key: string, substitutions: string[]) => {
      asked.push(key);
      return (messages[key] ?? '').replace(/\$([1-9])/g, (_, n) => substitutions[n - 1] ?? '');
    };
    setMessageSource(source);
    expect(message('barTitleRepeatMany', '11')).toBe('Derselbe Text noch einmal (11 Absätze)');
    expect(message('barTitleRepeatMany', '12')).toBe('Derselbe Text noch einmal (12 Absätze)');
    expect(message('customTestResult', '$1 a', 'b $2')).toBe('$1 a Beiträge, b $2 mit Text ()');
    expect(message('customTestResult', 'x', 'y', 'z')).toBe('x Beiträge, y mit Text (z)');
    expect(asked).toEqual(['barTitleRepeatMany', 'customTestResult']);
    // A key the extension has no message for is English, and asked for only once.
    expect(message('barHideRepeat')).toBe('Repeated text · Hide');
    expect(message('barHideRepeat')).toBe('Repeated text · Hide');
    expect(asked).toEqual(['barTitleRepeatMany', 'customTestResult', 'barHideRepeat']);
    setMessageSource(source);
    message('barTitleRepeatMany', '11');
    expect(asked).toHaveLength(4);
  });
});
