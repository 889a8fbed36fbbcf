import { afterEach, describe, expect, it, vi } from 'vitest';
import { observePage } from '../../src/dom/observer';
import type { ProcessOptions } from '../../src/dom/process';
import { doubledParagraphs, OPTIONS, PARAGRAPHS, page, post, testSite } from './helpers';

const site = testSite();
const controllers: AbortController[] = [];

afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
});

function start(document: Document, options: ProcessOptions = OPTIONS) {
  const controller = new AbortController();
  controllers.push(controller);
  const onCountChange = vi.fn();
  const observer = observePage(document, site, () => options, controller.signal, onCountChange);
  /** Lets the MutationObserver deliver, then waits for the queue to drain. */
  const settle = async (): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await observer.idle();
  };
  return { controller, observer, onCountChange, settle };
}

describe('observePage', () => {
  it('processes the posts on the page, then each appended post', async () => {
    const document = page(post(doubledParagraphs()));
    const { settle } = start(document);
    await settle();
    expect(document.querySelectorAll('[data-collapse-repeats="collapsed"]')).toHaveLength(1);

    const feed = document.body;
    for (let i = 0; i < 3; i++) {
      const wrapper = document.createElement('div');
      wrapper.innerHTML = post(doubledParagraphs(2 + i));
      feed.append(wrapper);
    }
    await settle();
    expect(document.querySelectorAll('[data-collapse-repeats="collapsed"]')).toHaveLength(4);
    expect(document.querySelectorAll('collapse-repeats-bar')).toHaveLength(4);
  });

  it('re-analyses a body whose text changed, never leaving a stale collapse or a second bar', async () => {
    const document = page(post(doubledParagraphs(3)));
    const { settle } = start(document);
    await settle();
    const body = document.querySelector('.body') as Element;
    expect(body.getAttribute('data-collapse-repeats')).toBe('collapsed');

    // A virtualised list reuses the node for another post with no repeats.
    const paragraphs = [...body.querySelectorAll('p')];
    const otherPost = [
      'Volunteers counted more than forty kinds of birds along the river path this weekend.',
      'The youngest counter was nine years old and spotted a kingfisher before anyone else did.',
      'Organisers hope to repeat the count every spring so that changes show up over the years.',
    ];
    for (const [index, paragraph] of paragraphs.entries()) {
      paragraph.textContent = otherPost[index] ?? `Row ${index} now says something new.`;
    }
    await settle();
    expect(body.getAttribute('data-collapse-repeats')).toBe('clean');
    expect(
      document.querySelectorAll('collapse-repeats-bar, [data-collapse-repeats-hidden]'),
    ).toHaveLength(0);

    // "Show more" brings the repeated text back in.
    for (const [index, paragraph] of paragraphs.entries()) {
      paragraph.textContent = PARAGRAPHS[index % 4] ?? '';
    }
    await settle();
    expect(body.getAttribute('data-collapse-repeats')).toBe('collapsed');
    expect(document.querySelectorAll('collapse-repeats-bar')).toHaveLength(1);
  });

  it('does not react to its own changes', async () => {
    const document = page(post(doubledParagraphs()) + post(doubledParagraphs(3)));
    const { settle, onCountChange } = start(document);
    await settle();
    const chunks = onCountChange.mock.calls.length;
    const markup = document.body.outerHTML;
    await settle();
    await settle();
    expect(onCountChange.mock.calls.length).toBe(chunks);
    expect(document.body.outerHTML).toBe(markup);
  });

  it('reports a possible change of the count when the page removes a post', async () => {
    const document = page(post(doubledParagraphs()) + post(doubledParagraphs(3)));
    const { settle, onCountChange } = start(document);
    await settle();
    const calls = onCountChange.mock.calls.length;
    document.querySelector('.post')?.remove();
    await settle();
    expect(onCountChange.mock.calls.length).toBeGreaterThan(calls);
  });

  it('does not fight a page that keeps removing the bar: at most two repairs, then it steps back', async () => {
    const document = page(post(doubledParagraphs()));
    const { settle } = start(document);
    await settle();
    const body = document.querySelector('.body') as Element;
    const barsSeen: number[] = [];
    for (let round = 0; round < 4; round++) {
      document.querySelector('collapse-repeats-bar')?.remove();
      await settle();
      barsSeen.push(document.querySelectorAll('collapse-repeats-bar').length);
    }
    expect(barsSeen).toEqual([1, 1, 0, 0]);
    expect(body.hasAttribute('data-collapse-repeats')).toBe(false);
    expect(document.querySelectorAll('[data-collapse-repeats-hidden]')).toHaveLength(0);
  });

  it('stops when its signal aborts', async () => {
    const document = page(post(doubledParagraphs()));
    const { settle, controller } = start(document);
    await settle();
    controller.abort();
    const wrapper = document.createElement('div');
    wrapper.innerHTML = post(doubledParagraphs(2));
    document.body.append(wrapper);
    await settle();
    expect(wrapper.querySelector('[data-collapse-repeats]')).toBeNull();
  });

  it('keeps working after an error in one post', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const document = page(post(doubledParagraphs()));
    const errors: unknown[] = [];
    const { settle } = start(document, { ...OPTIONS, onError: (error) => errors.push(error) });
    await settle();
    const broken = document.createElement('div');
    broken.innerHTML = post(doubledParagraphs());
    const text = broken.querySelector('p')?.firstChild as Text;
    Object.defineProperty(text, 'data', {
      get() {
        throw new Error('broken node');
      },
    });
    const fine = document.createElement('div');
    fine.innerHTML = post(doubledParagraphs(2));
    document.body.append(broken, fine);
    await settle();
    expect(errors).toHaveLength(1);
    expect(broken.querySelector('[data-collapse-repeats]')).toBeNull();
    expect(fine.querySelector('.body')?.getAttribute('data-collapse-repeats')).toBe('collapsed');
    warn.mockRestore();
  });
});
