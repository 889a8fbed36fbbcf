/**
 * A long feed opened in its middle, as after a reload that restores the scroll position. The
 * page records the order in which posts get `data-collapse-repeats`, and says which posts are
 * on screen.
 */
import { mastodonArticle, mastodonFeed } from './mastodon-dom';
import { LONG_POSTS, LONG_START } from './posts';

const list = mastodonFeed();
for (const post of LONG_POSTS) list.append(mastodonArticle(post));

const indexOf = (element: Element) =>
  Number(element.closest('article')?.getAttribute('data-id')?.slice(1));
const order: number[] = [];
new MutationObserver((records) => {
  for (const { target } of records) order.push(indexOf(target as Element));
}).observe(list, { subtree: true, attributes: true, attributeFilter: ['data-collapse-repeats'] });

list.children[LONG_START]?.scrollIntoView();

function onScreen(): number[] {
  return [...list.children]
    .filter((article) => {
      const box = article.getBoundingClientRect();
      return box.bottom > 0 && box.top < window.innerHeight;
    })
    .map(indexOf);
}

Object.assign(window, { longFeed: { order, onScreen } });
