/**
 * An infinite-scroll feed: when the sentinel under the last post scrolls into view, the page
 * appends the next batch, as Mastodon and most timelines do.
 */
import { mastodonArticle, mastodonFeed } from './mastodon-dom';
import { INFINITE_BATCH, INFINITE_POSTS } from './posts';

const list = mastodonFeed();
const sentinel = document.createElement('div');
sentinel.className = 'load-more';
sentinel.style.height = '40px';
list.after(sentinel);

let shown = 0;
function appendBatch(): void {
  for (const post of INFINITE_POSTS.slice(shown, shown + INFINITE_BATCH))
    list.append(mastodonArticle(post));
  shown = Math.min(shown + INFINITE_BATCH, INFINITE_POSTS.length);
}

appendBatch();
new IntersectionObserver((entries) => {
  if (entries.some((entry) => entry.isIntersecting) && shown < INFINITE_POSTS.length) appendBatch();
}).observe(sentinel);
