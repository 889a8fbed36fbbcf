/**
 * Generated feeds for the browser benchmark: Mastodon web UI markup and Snort's pre-wrap Nostr
 * markup, as one static HTML page each. Nine posts in ten are ordinary; the tenth is shaped like
 * a bot-forwarded article (a lead, ten paragraphs, the article URL, then the same again). The
 * texts are made up from a word list (texts.ts). Each page carries a small script of its own that appends
 * and removes batches of posts and reports, on the page's clock, when our marks arrive.
 */
import { paragraph, random, sentence } from './texts';

export type FeedKind = 'mastodon' | 'snort';

export interface Feed {
  readonly kind: FeedKind;
  readonly posts: number;
  /** The page URL: a site the manifest matches. */
  readonly url: string;
  readonly html: string;
}

/** Posts in one appended batch. */
export const BATCH_SIZE = 100;

/** One post's paragraphs; a URL paragraph is rendered as a link. */
function postParagraphs(index: number): string[] {
  const next = random(index * 7919 + 17);
  if (index % 10 === 3) {
    const body = Array.from({ length: 9 + Math.floor(next() * 3) }, () => paragraph(next));
    const url = `https://news.example.org/${2020 + (index % 6)}/story-${index}`;
    return [sentence(next), ...body, url, ...body, url];
  }
  return Array.from({ length: 1 + Math.floor(next() * 4) }, () => paragraph(next));
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const isUrl = (text: string) => /^https?:\/\/\S+$/.test(text);

function mastodonLink(url: string): string {
  const scheme = url.slice(0, url.indexOf('//') + 2);
  const rest = url.slice(scheme.length);
  return (
    `<a href="${escapeHtml(url)}" rel="nofollow noopener noreferrer" target="_blank">` +
    `<span class="invisible">${scheme}</span><span class="ellipsis">${escapeHtml(rest.slice(0, 30))}</span>` +
    `<span class="invisible">${escapeHtml(rest.slice(30))}</span></a>`
  );
}

function mastodonPost(index: number): string {
  const paragraphs = postParagraphs(index)
    .map((text) => `<p>${isUrl(text) ? mastodonLink(text) : escapeHtml(text)}</p>`)
    .join('');
  return (
    `<article data-id="${index}" tabindex="-1"><div class="status__wrapper focusable" tabindex="0">` +
    `<div class="status status-public" data-id="${index}"><div class="status__info">` +
    `<a class="status__display-name" href="/@user${index % 97}"><span class="display-name">` +
    `<bdi><strong class="display-name__html">User ${index % 97}</strong></bdi> ` +
    `<span class="display-name__account">@user${index % 97}</span></span></a>` +
    `<a class="status__relative-time" href="/@user${index % 97}/${index}"><time>${index % 59}m</time></a></div>` +
    `<div class="status__content status__content--with-action" tabindex="0">` +
    `<div class="status__content__text status__content__text--visible translate" lang="en">${paragraphs}</div></div>` +
    `<div class="status__action-bar"><button type="button">Reply</button><button type="button">Boost</button>` +
    `<button type="button">Favourite</button></div></div></div></article>`
  );
}

/** Snort renders a note as raw text with "\n" under pre-wrap; links are inline anchors. */
function snortPost(index: number): string {
  const text = postParagraphs(index)
    .map((line) =>
      isUrl(line)
        ? `<a href="${escapeHtml(line)}" target="_blank" rel="noreferrer" class="text-highlight no-underline">${escapeHtml(line)}</a>`
        : escapeHtml(line),
    )
    .join('\n\n');
  return (
    `<div class="relative border-b" data-id="${index}"><div class="min-h-[110px] flex flex-col gap-4 px-3 py-2 cursor-pointer">` +
    `<div class="flex items-center gap-2"><div class="avatar"></div><div class="flex flex-col">` +
    `<span class="font-bold">User ${index % 97}</span><span class="text-neutral-400 text-sm">user${index % 97}@relay.example</span></div>` +
    `<time class="ml-auto text-neutral-400 text-sm">${index % 23}h</time></div>` +
    `<div class="min-h-0"><div dir="auto" class="whitespace-pre-wrap wrap-break-word">${text}</div></div></div></div>`
  );
}

const SITES: Record<
  FeedKind,
  { url: string; title: string; body: string; post: (index: number) => string; style: string }
> = {
  mastodon: {
    url: 'https://mastodon.social/home',
    title: 'Home - Mastodon',
    body: '.status__content',
    post: mastodonPost,
    style: `
body { margin: 0; background: #191b22; color: #fff; font: 15px/22px system-ui, sans-serif; }
.feed { width: 600px; margin: 0 auto; background: #282c37; }
.status { padding: 16px 14px; border-bottom: 1px solid #393f4f; }
.status__info { display: flex; gap: 10px; margin-bottom: 10px; color: #9baec8; }
.status__display-name { color: inherit; text-decoration: none; }
.status__content p { margin: 0 0 20px; }
.status__content p:last-child { margin-bottom: 2px; }
.status__content a { color: #8c8dff; text-decoration: none; }
.invisible { font-size: 0; line-height: 0; display: inline-block; width: 0; height: 0; position: absolute; }
.ellipsis::after { content: "…"; }
.status__action-bar { display: flex; gap: 42px; margin-top: 12px; }
.status__action-bar button { background: none; border: 0; color: #9baec8; font: inherit; }`,
  },
  snort: {
    url: 'https://snort.social/',
    title: 'Snort',
    body: 'div[dir="auto"].whitespace-pre-wrap',
    post: snortPost,
    style: `
body { margin: 0; background: #000; color: #fff; font: 15px/1.5 system-ui, sans-serif; }
.feed { max-width: 620px; margin: 0 auto; }
.relative { position: relative; } .border-b { border-bottom: 1px solid #222; }
.flex { display: flex; } .flex-col { flex-direction: column; } .items-center { align-items: center; }
.gap-2 { gap: .5rem; } .gap-4 { gap: 1rem; } .px-3 { padding: 0 .75rem; } .py-2 { padding-top: .5rem; padding-bottom: .5rem; }
.min-h-\\[110px\\] { min-height: 110px; } .ml-auto { margin-left: auto; }
.avatar { width: 48px; height: 48px; border-radius: 50%; background: #3b82f6; flex: none; }
.font-bold { font-weight: 700; } .text-sm { font-size: .875rem; } .text-neutral-400 { color: #a3a3a3; }
.whitespace-pre-wrap { white-space: pre-wrap; } .wrap-break-word { overflow-wrap: break-word; }
.text-highlight { color: #f7b928; text-decoration: none; }`,
  },
};

/**
 * The page's own script (classic, inline). `bench.append()` inserts the next batch from the
 * template in one go and resolves with the milliseconds until every new body carries
 * data-collapse-repeats; `bench.removeAppended()` takes all appended posts away again.
 * `bench.allAnalysedAt` is the page time when every post of the initial feed was analysed;
 * `bench.longestTaskWait` how long a task of the page's own waited at most meanwhile.
 */
function pageScript(bodySelector: string, posts: number): string {
  return `
(() => {
  const BODY = ${JSON.stringify(bodySelector)};
  const MARK = 'data-collapse-repeats';
  const feed = document.querySelector('.feed');
  const template = document.getElementById('batch');
  const appended = [];
  const bench = { allAnalysedAt: null, expected: ${posts}, longestTaskWait: null };
  const seen = new WeakSet();
  let analysed = 0;
  // From our first mark until every post is analysed, the page keeps one task of its own queued
  // (a timer, queued again as it runs) and notes how long each waited for its turn.
  const queuePageTask = () => {
    const queued = performance.now();
    setTimeout(() => {
      bench.longestTaskWait = Math.max(bench.longestTaskWait ?? 0, performance.now() - queued);
      if (bench.allAnalysedAt === null) queuePageTask();
    }, 0);
  };
  const initial = new MutationObserver((records) => {
    if (analysed === 0) queuePageTask();
    for (const record of records) {
      if (!seen.has(record.target) && record.target.hasAttribute(MARK)) {
        seen.add(record.target);
        analysed++;
      }
    }
    if (analysed >= bench.expected && bench.allAnalysedAt === null) {
      bench.allAnalysedAt = performance.now();
      initial.disconnect();
    }
  });
  initial.observe(feed, { subtree: true, attributes: true, attributeFilter: [MARK] });
  // Bodies copied into the extension's clones are not posts of the page.
  const own = (element) => element.closest('collapse-repeats-clone') === null;
  bench.analysed = () => [...document.querySelectorAll('[' + MARK + ']')].filter(own).length;
  bench.bodies = () => [...document.querySelectorAll(BODY)].filter(own).length;
  bench.append = () => new Promise((resolve) => {
    const batch = template.content.cloneNode(true);
    const posts = [...batch.children];
    const bodies = new Set(posts.map((post) => post.querySelector(BODY)));
    const watch = new MutationObserver((records) => {
      for (const record of records) {
        if (bodies.delete(record.target) && bodies.size === 0) {
          watch.disconnect();
          resolve(performance.now() - start);
        }
      }
    });
    watch.observe(feed, { subtree: true, attributes: true, attributeFilter: [MARK] });
    appended.push(...posts);
    const start = performance.now();
    feed.append(batch);
  });
  bench.removeAppended = () => {
    for (const post of appended.splice(0)) post.remove();
  };
  window.bench = bench;
})();`;
}

export function generateFeed(kind: FeedKind, posts: number): Feed {
  const site = SITES[kind];
  const items: string[] = [];
  for (let i = 0; i < posts; i++) items.push(site.post(i));
  const batch: string[] = [];
  for (let i = 0; i < BATCH_SIZE; i++) batch.push(site.post(posts + i));
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${site.title}</title>
<style>${site.style}</style>
</head>
<body>
<div class="feed" role="feed">
${items.join('\n')}
</div>
<template id="batch">${batch.join('')}</template>
<script>${pageScript(site.body, posts)}</script>
</body>
</html>
`;
  return { kind, posts, url: site.url, html };
}
