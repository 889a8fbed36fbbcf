import { applicationName } from './query';
import { defineSite } from './site';

/** Forks that keep Mastodon's web UI markup and name themselves in `application-name`. */
const MASTODON_FAMILY = new Set(['mastodon', 'glitch-soc', 'hometown']);

/**
 * Mastodon's web UI, including Glitch and Hometown, which keep its class names.
 * Any instance is recognised from the page: the React root `#mastodon`, the application name,
 * or the status markup itself.
 */
export const mastodon = defineSite({
  id: 'mastodon',
  name: 'Mastodon',
  matches: [
    'https://mastodon.social/*',
    'https://mastodon.online/*',
    'https://mstdn.social/*',
    'https://mas.to/*',
    'https://fosstodon.org/*',
    'https://hachyderm.io/*',
    'https://infosec.exchange/*',
  ],
  detect: (document) => {
    const application = applicationName(document);
    if (application !== undefined && MASTODON_FAMILY.has(application)) return true;
    return document.querySelector('#mastodon, .status .status__content') !== null;
  },
  // Off-screen placeholders are bare `article`s holding the raw HTML source as text: no `.status`.
  post: '.status, .detailed-status',
  body: '.status__content',
  // The read-more button and the hashtag bar sit outside the body. Inside it: the content-warning
  // toggle, the translate button and the "RE: url" line Mastodon hides under a rendered quote.
  // `span.invisible` URL parts stay: they belong to the URL's text.
  exclude: '.status__content__spoiler-link, .translate-button, .quote-inline',
  examples: [
    'https://mastodon.social/home',
    'https://mastodon.social/@Gargron/112345678901234567',
    'https://fosstodon.org/explore',
    'https://hachyderm.io/tags/rust',
    'https://mastodon.online/@someone/112345678901234568',
    'https://mstdn.social/public/local',
    'https://mas.to/about',
    'https://infosec.exchange/@someone',
  ],
});
