/**
 * A feed rendered by real React 19 (development build, so React reports its own problems on the
 * console). After the test calls window.reactFeed.start(), it re-renders the posts 50 times:
 * timestamps, counters and attributes change in place every time, and every tenth render
 * re-mounts one post (new key), as a list does when an item is replaced.
 */
import { createElement as h, type ReactNode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { type FeedPost, REACT_POSTS, REACT_RENDERS } from './posts';

/** Renders committed since start(). */
const progress = { renders: 0 };

function Link({ url }: { url: string }) {
  const scheme = url.slice(0, url.indexOf('//') + 2);
  const rest = url.slice(scheme.length);
  return h(
    'a',
    { href: url, target: '_blank', rel: 'nofollow noopener noreferrer' },
    h('span', { className: 'invisible' }, scheme),
    h('span', { className: 'ellipsis' }, rest.slice(0, 30)),
    h('span', { className: 'invisible' }, rest.slice(30)),
  );
}

function Status({ post, tick }: { post: FeedPost; tick: number }) {
  const paragraphs: ReactNode[] = post.paragraphs.map((text, i) =>
    h('p', { key: i }, /^https?:\/\/\S+$/.test(text) ? h(Link, { url: text }) : text),
  );
  return h(
    'article',
    { 'data-id': post.id, tabIndex: -1 },
    h(
      'div',
      { className: 'status__wrapper status__wrapper-public focusable', tabIndex: 0 },
      h(
        'div',
        { className: 'status status-public', 'data-id': post.id, 'data-render': tick },
        h(
          'div',
          { className: 'status__info' },
          h('strong', { className: 'display-name__html' }, post.author),
          h('time', { className: 'status__relative-time' }, `${tick + 1}s`),
        ),
        h(
          'div',
          { className: 'status__content status__content--with-action' },
          h(
            'div',
            {
              className: 'status__content__text status__content__text--visible translate',
              lang: 'en',
            },
            paragraphs,
          ),
        ),
        h(
          'div',
          { className: 'status__action-bar' },
          h('button', { type: 'button', className: 'icon-button' }, `Favourite ${tick % 7}`),
        ),
      ),
    ),
  );
}

function Feed() {
  const [tick, setTick] = useState(0);
  const [running, setRunning] = useState(false);
  useEffect(() => {
    Object.assign(window, {
      reactFeed: {
        start: () => setRunning(true),
        progress: () => ({ ...progress }),
      },
    });
  }, []);
  useEffect(() => {
    if (!running) return;
    progress.renders = tick;
    if (tick >= REACT_RENDERS) return;
    const timer = setTimeout(() => setTick((n) => n + 1), 15);
    return () => clearTimeout(timer);
  }, [running, tick]);
  return h(
    'div',
    { className: 'scrollable' },
    h(
      'div',
      { className: 'item-list', role: 'feed' },
      REACT_POSTS.map((post, i) =>
        h(Status, { key: i === 3 ? `${post.id}-${Math.floor(tick / 10)}` : post.id, post, tick }),
      ),
    ),
  );
}

const container = document.body.appendChild(document.createElement('div'));
createRoot(container).render(h(Feed));
