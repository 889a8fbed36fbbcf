/**
 * The choice of the article link: the original page a post points to.
 */
import { urlsInText } from './blocks';
import type { Block, RepeatRun } from './types';

export interface LinkOptions {
  /** Remove tracking parameters (utm_*, fbclid, …). */
  readonly stripTracking: boolean;
  /** Host of the page the post is on; links to it are not article links. */
  readonly pageHost: string;
}

/** Redirect wrappers that carry their target in the URL. Shorteners (t.co, lnkd.in) do not. */
const REDIRECTS: readonly { host: RegExp; path: RegExp; param: string | null }[] = [
  { host: /^l[m]?\.facebook\.com$/, path: /^\/l\.php$/, param: 'u' },
  { host: /^l\.instagram\.com$/, path: /^\/?$/, param: 'u' },
  { host: /^l\.threads\.(?:net|com)$/, path: /^\/?$/, param: 'u' },
  { host: /^(?:www\.)?google\.[a-z.]{2,6}$/, path: /^\/url$/, param: 'q' },
  { host: /^(?:www\.)?google\.[a-z.]{2,6}$/, path: /^\/url$/, param: 'url' },
  { host: /^out\.reddit\.com$/, path: /^\/?/, param: 'url' },
  { host: /^(?:www\.)?youtube\.com$/, path: /^\/redirect$/, param: 'q' },
  { host: /^t\.umblr\.com$/, path: /^\/redirect$/, param: 'z' },
  { host: /^href\.li$/, path: /^\/?$/, param: null },
  { host: /^(?:www\.)?deviantart\.com$/, path: /^\/users\/outgoing$/, param: null },
  { host: /^(?:www\.)?steamcommunity\.com$/, path: /^\/linkfilter\/?$/, param: 'url' },
  { host: /^slack-redir\.net$/, path: /^\/link$/, param: 'url' },
  { host: /^(?:away\.)?vk\.com$/, path: /^\/away\.php$/, param: 'to' },
  { host: /^(?:www\.)?linkedin\.com$/, path: /^\/redir\/redirect\/?$/, param: 'url' },
  { host: /^exit\.sc$/, path: /^\/?$/, param: 'url' },
];

/**
 * Shorteners whose target is not in the URL. X links every URL through t.co but writes the
 * expanded URL inside the link (partly hidden by CSS), so the block's text can name the target.
 */
const OPAQUE_SHORTENERS = new Set([
  't.co',
  'lnkd.in',
  'bit.ly',
  'bitly.com',
  'buff.ly',
  'ow.ly',
  'dlvr.it',
  'ift.tt',
  'tinyurl.com',
  'goo.gl',
  'is.gd',
  'trib.al',
  'fb.me',
  'wp.me',
  'j.mp',
  'rebrand.ly',
  'cutt.ly',
  'shorturl.at',
  'tiny.cc',
  'po.st',
  'flip.it',
  'spr.ly',
]);

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'mc_cid',
  'mc_eid',
  'igshid',
  'igsh',
  'ref_src',
  'ref_url',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'wickedid',
  'fb_action_ids',
  'fb_action_types',
  'fb_ref',
  'fb_source',
  'sr_share',
]);

const MEDIA_FILE =
  /\.(?:jpe?g|png|gif|webp|avif|svg|bmp|heic|heif|tiff?|ico|mp4|m4v|webm|mov|mkv|avi|mp3|m4a|aac|ogg|oga|opus|wav|flac)$/i;
const MEDIA_HOSTS =
  /^(?:pbs\.twimg\.com|video\.twimg\.com|i\.redd\.it|v\.redd\.it|i\.imgur\.com|media\.tenor\.com)$/;
const HASHTAG_PATH = /^\/(?:tags?|hashtags?|explore\/tags|topics?)\/[^/]+\/?$/i;
const PROFILE_PATH = /^\/(?:@[^/]+|(?:users?|u|profile|people|members?|accounts?|in)\/[^/]+)\/?$/i;
/** Hosts where a single path segment names a person or an account. */
const SOCIAL_HOSTS =
  /^(?:www\.|m\.|mobile\.)?(?:twitter\.com|x\.com|instagram\.com|facebook\.com|threads\.net|threads\.com|tiktok\.com|github\.com)$/;

/**
 * The URL as an article link: unwrapped, without tracking parameters; null when it is not
 * one (not http(s), credentials, hashtag, mention or profile, media file, same site).
 */
export function articleLinkOf(href: string, options: LinkOptions): string | null {
  let url = parse(href);
  for (let depth = 0; url !== null && depth < 3; depth++) {
    const target = redirectTarget(url);
    if (target === null) break;
    url = parse(target);
  }
  if (url === null || !isArticle(url, options.pageHost)) return null;
  if (options.stripTracking) url.search = withoutTracking(url.search);
  return url.href;
}

/**
 * The post's article link: the last usable link of the repeated text (runs and the ranges
 * they copy, with the block right after each, where a bot puts the URL), else the last
 * usable link of a line that is only a URL, else the last usable link anywhere.
 */
export function chooseArticleLink(
  blocks: readonly Block[],
  runs: readonly RepeatRun[],
  options: LinkOptions,
): string | null {
  const ranges = runs.flatMap((run) => [run.copyOf, { start: run.start, end: run.end }]);
  for (const { start, end } of ranges) {
    for (let index = Math.min(end + 1, blocks.length - 1); index >= start; index--) {
      const found = lastArticleLink(blocks[index] as Block, options);
      if (found !== null) return found;
    }
  }
  let fallback: string | null = null;
  for (let index = blocks.length - 1; index >= 0; index--) {
    const block = blocks[index] as Block;
    const found = lastArticleLink(block, options);
    if (found === null) continue;
    if (block.links.length === 1 && /^\S+$/.test(block.text.trim())) return found;
    fallback ??= found;
  }
  return fallback;
}

function lastArticleLink(block: Block, options: LinkOptions): string | null {
  for (let index = block.links.length - 1; index >= 0; index--) {
    const href = block.links[index] as string;
    const found = articleLinkOf(expandedHref(block, index) ?? href, options);
    if (found !== null) return found;
  }
  return null;
}

/**
 * The full URL a block's text writes for its link at `index` when that link is an opaque
 * shortener: the URL at the same place among the text's URLs, or the text's only URL.
 */
function expandedHref(block: Block, index: number): string | null {
  const url = parse(block.links[index] as string);
  if (url === null || !OPAQUE_SHORTENERS.has(url.hostname.replace(/^www\./, ''))) return null;
  const written = urlsInText(block.text).filter((found) => {
    const target = parse(found);
    return target !== null && !OPAQUE_SHORTENERS.has(target.hostname.replace(/^www\./, ''));
  });
  if (written.length === block.links.length) return written[index] as string;
  return written.length === 1 ? (written[0] as string) : null;
}

function parse(href: string): URL | null {
  try {
    const url = new URL(href.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username !== '' || url.password !== '') return null;
    return url;
  } catch {
    return null;
  }
}

function redirectTarget(url: URL): string | null {
  for (const { host, path, param } of REDIRECTS) {
    if (!host.test(url.hostname) || !path.test(url.pathname)) continue;
    const target =
      param === null ? decodeURIComponentSafe(url.search.slice(1)) : url.searchParams.get(param);
    if (target && /^https?:\/\//i.test(target)) return target;
  }
  return null;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return /^https?%3A/i.test(text) ? decodeURIComponent(text) : text;
  } catch {
    return text;
  }
}

function isArticle(url: URL, pageHost: string): boolean {
  const host = url.hostname.toLowerCase();
  if (MEDIA_HOSTS.test(host) || MEDIA_FILE.test(url.pathname)) return false;
  if (HASHTAG_PATH.test(url.pathname) || PROFILE_PATH.test(url.pathname)) return false;
  if (SOCIAL_HOSTS.test(host) && /^\/[^/]+\/?$/.test(url.pathname)) return false;
  if (/^\/(?:search|explore)\b/.test(url.pathname) && /[?&]q=%23/i.test(url.search)) return false;
  return pageHost === '' || !sameSite(host, pageHost.toLowerCase());
}

function sameSite(host: string, pageHost: string): boolean {
  const bare = (name: string) => name.replace(/^www\./, '');
  const a = bare(host);
  const b = bare(pageHost);
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/** The query without tracking parameters, other parameters left exactly as written. */
function withoutTracking(search: string): string {
  if (search.length < 2) return search;
  const kept = search
    .slice(1)
    .split('&')
    .filter((pair) => {
      const name = decodeURIComponentSafeName(pair.split('=')[0] ?? '').toLowerCase();
      return name !== '' && !name.startsWith('utm_') && !TRACKING_PARAMS.has(name);
    });
  return kept.length === 0 ? '' : `?${kept.join('&')}`;
}

function decodeURIComponentSafeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
