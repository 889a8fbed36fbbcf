import { defineSite } from './site';

/** Threads (Meta): no `<article>`; the text is pre-wrap spans. Weakest evidence of all sites. */
export const threads = defineSite({
  id: 'threads',
  name: 'Threads',
  matches: ['https://*.threads.net/*', 'https://*.threads.com/*'],
  post: '[data-pressable-container]',
  body: 'div:has(> span[dir="auto"])',
  preformatted: true,
  examples: [
    'https://www.threads.net/',
    'https://www.threads.com/@zuck/post/C1abcdEFgh',
    'https://threads.net/@zuck',
  ],
});
