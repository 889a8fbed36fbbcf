/**
 * A virtualised list: a fixed pool of post nodes. Scrolling refills the same nodes with the
 * posts now in view, reusing their <p> elements and text nodes in place, as windowed lists
 * (X, Elk's virtua) do. The test drives it through window.virtualFeed.show(first).
 */
import { fillBody, mastodonArticle, mastodonFeed } from './mastodon-dom';
import { VIRTUAL_POOL, VIRTUAL_POSTS } from './posts';

const list = mastodonFeed();
const slots = VIRTUAL_POSTS.slice(0, VIRTUAL_POOL).map((post) =>
  list.appendChild(mastodonArticle(post)),
);

function show(first: number): void {
  slots.forEach((article, i) => {
    const post = VIRTUAL_POSTS[first + i];
    if (!post) return;
    article.dataset.id = post.id;
    const author = article.querySelector('.display-name__html');
    if (author) author.textContent = post.author;
    const body = article.querySelector<HTMLElement>('.status__content__text');
    if (body) fillBody(body, post.paragraphs);
  });
}

Object.assign(window, { virtualFeed: { show } });
