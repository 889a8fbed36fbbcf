/**
 * Builds Mastodon web UI markup (see shared reference: article > .status__wrapper > .status >
 * .status__content > .status__content__text with one <p> per paragraph, links split into
 * span.invisible / span.ellipsis parts) with plain DOM calls, for the test pages.
 */
import type { FeedPost } from './posts';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const isUrl = (paragraph: string) => /^https?:\/\/\S+$/.test(paragraph);

/** Mastodon's link markup: the scheme and the tail are in span.invisible. */
export function mastodonLink(url: string): HTMLAnchorElement {
  const link = element('a');
  link.href = url;
  link.target = '_blank';
  link.rel = 'nofollow noopener noreferrer';
  const scheme = url.slice(0, url.indexOf('//') + 2);
  const rest = url.slice(scheme.length);
  link.append(
    element('span', 'invisible', scheme),
    element('span', 'ellipsis', rest.slice(0, 30)),
    element('span', 'invisible', rest.slice(30)),
  );
  return link;
}

/** Sets one <p> to show `paragraph`, reusing its text node in place when it has one. */
export function fillParagraph(p: HTMLParagraphElement, paragraph: string): void {
  const only = p.firstChild;
  if (!isUrl(paragraph) && only && only === p.lastChild && only.nodeType === Node.TEXT_NODE) {
    only.nodeValue = paragraph;
    return;
  }
  p.replaceChildren(isUrl(paragraph) ? mastodonLink(paragraph) : paragraph);
}

/**
 * Gives a body the paragraphs of a post the way a list that recycles nodes does: existing <p>
 * elements are reused and refilled, extra ones are added or dropped at the end.
 */
export function fillBody(body: HTMLElement, paragraphs: readonly string[]): void {
  const existing = [...body.querySelectorAll(':scope > p')] as HTMLParagraphElement[];
  paragraphs.forEach((paragraph, i) => {
    const p = existing[i] ?? body.appendChild(element('p'));
    fillParagraph(p, paragraph);
  });
  for (const extra of existing.slice(paragraphs.length)) extra.remove();
}

export function mastodonArticle(post: FeedPost): HTMLElement {
  const article = element('article');
  article.dataset.id = post.id;
  article.tabIndex = -1;
  const wrapper = element('div', 'status__wrapper status__wrapper-public focusable');
  wrapper.tabIndex = 0;
  const status = element('div', 'status status-public');
  status.dataset.id = post.id;

  const info = element('div', 'status__info');
  const name = element('a', 'status__display-name');
  name.href = `/${post.handle}`;
  const displayName = element('span', 'display-name');
  const bdi = element('bdi');
  bdi.append(element('strong', 'display-name__html', post.author));
  displayName.append(bdi, ' ', element('span', 'display-name__account', post.handle));
  name.append(displayName);
  info.append(name);

  const content = element('div', 'status__content status__content--with-action');
  const text = element('div', 'status__content__text status__content__text--visible translate');
  text.lang = 'en';
  fillBody(text, post.paragraphs);
  content.append(text);

  const actions = element('div', 'status__action-bar');
  for (const label of ['Reply', 'Boost', 'Favourite']) {
    const button = element('button', 'status__action-bar__button icon-button', label);
    button.type = 'button';
    actions.append(button);
  }
  status.append(info, content, actions);
  wrapper.append(status);
  article.append(wrapper);
  return article;
}

/** The feed column: div.scrollable > div.item-list[role=feed]. */
export function mastodonFeed(): HTMLElement {
  const scrollable = element('div', 'scrollable');
  const list = element('div', 'item-list');
  list.setAttribute('role', 'feed');
  scrollable.append(list);
  document.body.append(scrollable);
  return list;
}
