import { applicationName } from './query';
import { defineSite } from './site';

/** Misskey and its forks name themselves in `application-name`. */
const MISSKEY_FAMILY = new Set([
  'misskey',
  'firefish',
  'calckey',
  'sharkey',
  'iceshrimp',
  'cherrypick',
  'foundkey',
]);

/**
 * Misskey and forks (Firefish, Calckey, Sharkey, Iceshrimp…). Production class names are hashed,
 * so every selector is structural: a note is the `article` of a focusable root, its text is the
 * MFM root span (pre-wrap, newlines already turned into `<br>`).
 */
export const misskey = defineSite({
  id: 'misskey',
  name: 'Misskey',
  matches: ['https://misskey.io/*', 'https://misskey.design/*'],
  detect: (document) => {
    const application = applicationName(document);
    if (application !== undefined && MISSKEY_FAMILY.has(application)) return true;
    return document.querySelector('#misskey_app, #misskey_meta') !== null;
  },
  // The URL preview nests its own `article` inside a link, never under a focusable root.
  post: '[tabindex="-1"] > article',
  // The content warning is also MFM, but inside a `<p>`; the note's text sits in a div.
  body: 'div > span[style*="white-space: pre-wrap"]',
  examples: [
    'https://misskey.io/',
    'https://misskey.io/notes/9zx1abc2de',
    'https://misskey.design/',
  ],
});
