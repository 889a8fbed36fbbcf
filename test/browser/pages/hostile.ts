/**
 * The hostile test pages, one per `?case=` (see hostile/cases.ts). Every page also keeps a
 * heartbeat and a button of its own, so a test can tell that the page still works.
 */
import {
  DEPTH,
  HOSTILE_HREFS,
  IDN_LINKS,
  linkPostHtml,
  POSTS,
  RENDERS,
  STORM_MS,
  STORM_PER_SECOND,
} from './hostile/cases';
import { fillBody, mastodonArticle, mastodonFeed } from './mastodon-dom';

const name = new URLSearchParams(location.search).get('case') ?? '';
const list = mastodonFeed();
const bodies = () => [...document.querySelectorAll<HTMLElement>('.status__content__text')];

// The page's own life: a heartbeat and a button, both with the page's original functions.
const originalSetInterval = window.setInterval.bind(window);
let beats = 0;
let clicks = 0;
originalSetInterval(() => {
  beats += 1;
}, 20);
const button = document.createElement('button');
button.id = 'page-button';
button.textContent = 'Page button';
button.addEventListener('click', () => {
  clicks += 1;
});
document.body.prepend(button);

let progress = 0;
/** Set when the storm has ended and the page is back as it was. */
let stormOver = false;
let start: () => void = () => undefined;

/** Mutations that added our elements or attributes, as the page sees them. */
let ownMutations = 0;
new MutationObserver((records) => {
  for (const record of records) {
    if (record.attributeName?.startsWith('data-collapse-repeats') && record.oldValue === null) {
      ownMutations += 1;
    }
    for (const node of record.addedNodes) {
      if (node.nodeType === 1 && (node as Element).localName.startsWith('collapse-repeats')) {
        ownMutations += 1;
      }
    }
  }
}).observe(document, { subtree: true, childList: true, attributes: true, attributeOldValue: true });

function linkPost(id: string, href: string): HTMLElement {
  const article = mastodonArticle({ ...POSTS.clean(id), paragraphs: ['placeholder'] });
  const body = article.querySelector('.status__content__text') as HTMLElement;
  // Parsed from HTML source on purpose: character references in hrefs are decoded as on a site.
  const template = document.createElement('template');
  template.innerHTML = linkPostHtml(href);
  body.replaceChildren(template.content);
  return article;
}

switch (name) {
  case 'links':
    list.append(
      ...HOSTILE_HREFS.map((href, i) => linkPost(`l${i}`, href)),
      ...IDN_LINKS.map((link, i) => linkPost(`idn${i}`, link.href)),
    );
    break;
  case 'huge-post':
    list.append(mastodonArticle(POSTS.huge()));
    break;
  case 'copies':
    list.append(mastodonArticle(POSTS.copies()));
    break;
  case 'distinct-lines':
    list.append(mastodonArticle(POSTS.distinct()));
    break;
  case 'long-line-twice':
    list.append(mastodonArticle(POSTS.longLines()), mastodonArticle(POSTS.longLineOnce()));
    break;
  case 'deep-nesting': {
    const article = mastodonArticle(POSTS.repeated('deep'));
    const body = article.querySelector('.status__content__text') as HTMLElement;
    const paragraphs = [...body.childNodes];
    let inner: HTMLElement = body;
    for (let depth = 0; depth < DEPTH; depth++) {
      // Boxes this deep crash Chromium's layout on their own (without any extension), so the
      // wrappers generate no boxes: the DOM is 5,000 deep, the layout tree is not.
      const wrapper = document.createElement(depth % 2 ? 'span' : 'div');
      wrapper.style.display = 'contents';
      inner = inner.appendChild(wrapper);
    }
    inner.append(...paragraphs);
    list.append(article);
    break;
  }
  case 'unicode':
    for (const post of POSTS.unicode()) list.append(mastodonArticle(post));
    break;
  case 'overrides': {
    list.append(
      mastodonArticle(POSTS.clean('o0')),
      mastodonArticle(POSTS.repeated('o1')),
      mastodonArticle(POSTS.clean('o2')),
    );
    // Keep the test probe's own observer: it is set up before the page breaks MutationObserver.
    const quiet = { last: performance.now() };
    new MutationObserver(() => {
      quiet.last = performance.now();
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    Object.assign(window, { __collapseRepeatsTestQuiet: quiet });

    // Prototype methods refuse anything of ours; page code keeps working with its own nodes.
    const isOurs = (value: unknown) =>
      (typeof value === 'string' && value.startsWith('data-collapse-repeats')) ||
      (value instanceof Element && value.localName.startsWith('collapse-repeats'));
    const guard = (proto: object, methods: readonly string[]) => {
      const table = proto as Record<string, (...args: unknown[]) => unknown>;
      for (const method of methods) {
        const original = table[method] as (...args: unknown[]) => unknown;
        table[method] = function (this: unknown, ...args: unknown[]) {
          if (isOurs(this) || args.some(isOurs)) throw new Error(`hostile page refuses ${method}`);
          return original.apply(this, args);
        };
      }
    };
    guard(Element.prototype, [
      'setAttribute',
      'removeAttribute',
      'append',
      'before',
      'after',
      'remove',
    ]);
    guard(Node.prototype, ['appendChild', 'insertBefore', 'removeChild']);
    const refuse = () => {
      throw new Error('hostile page refuses');
    };
    const proto = Element.prototype as unknown as Record<string, unknown>;
    proto.attachShadow = refuse;
    const globals = window as unknown as Record<string, unknown>;
    globals.MutationObserver = refuse;
    globals.IntersectionObserver = refuse;
    globals.requestIdleCallback = () => 0;
    globals.CustomEvent = refuse;
    globals.scheduler = { yield: () => new Promise(() => undefined) };
    break;
  }
  case 'rerender': {
    const posts = [POSTS.clean('r0'), POSTS.repeated('r1'), POSTS.clean('r2')];
    for (const post of posts) list.append(mastodonArticle(post));
    start = () => {
      const render = () => {
        bodies().forEach((body, i) => {
          // A fresh render: new <p> elements and text nodes with the same text.
          body.replaceChildren();
          fillBody(body, posts[i]?.paragraphs ?? []);
        });
        progress += 1;
        if (progress < RENDERS) requestAnimationFrame(render);
      };
      requestAnimationFrame(render);
    };
    break;
  }
  case 'deleter': {
    const ours = (node: Node) =>
      node.nodeType === 1 && (node as Element).localName.startsWith('collapse-repeats');
    new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target as Element;
        if (record.attributeName?.startsWith('data-collapse-repeats')) {
          target.removeAttribute(record.attributeName);
        }
        for (const node of record.addedNodes) if (ours(node)) (node as Element).remove();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
    list.append(mastodonArticle(POSTS.repeated('d0')), mastodonArticle(POSTS.clean('d1')));
    break;
  }
  case 'storm': {
    list.append(
      mastodonArticle(POSTS.clean('s0')),
      mastodonArticle(POSTS.repeated('s1')),
      mastodonArticle(POSTS.clean('s2')),
    );
    const clock = document.body.appendChild(document.createElement('time'));
    clock.textContent = 'quiet';
    start = () => {
      const perTick = STORM_PER_SECOND / 100;
      const began = performance.now();
      const timer = originalSetInterval(() => {
        const articles = [...document.querySelectorAll('article')];
        for (let i = 0; i < perTick; i++) {
          const article = articles[i % articles.length] as HTMLElement;
          switch (i % 5) {
            case 0:
              clock.textContent = `${progress}`;
              break;
            case 1: {
              const counter = article.querySelector('.status__action-bar button:last-child');
              if (counter) counter.textContent = `Favourite ${progress % 97}`;
              break;
            }
            case 2:
              article.dataset.tick = `${progress}`;
              break;
            case 3: {
              // Inside a body, without changing its text.
              const body = article.querySelector('.status__content__text');
              const marker = body?.querySelector(':scope > i.storm');
              if (marker) marker.remove();
              else body?.append(Object.assign(document.createElement('i'), { className: 'storm' }));
              break;
            }
            default:
              list.append(document.createComment(`${progress}`));
              list.lastChild?.remove();
          }
          progress += 1;
        }
        if (performance.now() - began < STORM_MS) return;
        clearInterval(timer);
        // The storm leaves the page as it found it, so the page without us compares.
        clock.textContent = 'quiet';
        for (const counter of document.querySelectorAll('.status__action-bar button:last-child')) {
          counter.textContent = 'Favourite';
        }
        for (const marker of document.querySelectorAll('i.storm')) marker.remove();
        stormOver = true;
      }, 10);
    };
    break;
  }
  default:
    document.body.append(`unknown case ${name}`);
}

Object.assign(window, {
  hostile: {
    start: () => start(),
    progress: () => progress,
    stormOver: () => stormOver,
    ownMutations: () => ownMutations,
    alive: () => ({ beats, clicks }),
  },
});
