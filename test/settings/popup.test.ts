// Loaded once here, so the mock (and its `fake`) outlives the vi.resetModules() of each test.
import 'webextension-polyfill';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, getMessage } from './fake-browser';
import { loadPage, settle } from './pages';

vi.mock('webextension-polyfill', async () => (await import('./fake-browser')).polyfillModule);

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`${selector} not found`);
  return element;
};

async function openPopup(): Promise<void> {
  loadPage('src/popup/index.html');
  vi.resetModules();
  await import('../../src/popup/index.ts');
  await settle();
}

const HOST = 'social.example.org';

beforeEach(() => {
  vi.restoreAllMocks();
  fake.reset();
});

describe('popup', () => {
  it('shows the tab’s count, and expands everything on request', async () => {
    fake.grantedOrigins.add(`https://${HOST}/*`);
    let count = { posts: 3, paragraphs: 11 };
    fake.contentScript = (message) => {
      if (message.type === 'collapse-repeats:show-all') count = { posts: 3, paragraphs: 0 };
      return count;
    };
    await openPopup();
    expect($('#counts').hidden).toBe(false);
    expect($('#posts').textContent).toBe('3');
    expect($('#paragraphs').textContent).toBe('11');
    expect($('#site-switch').hidden).toBe(false);
    expect($<HTMLInputElement>('#site-enabled').checked).toBe(true);
    expect($('#site-switch-label').textContent).toBe(getMessage('popupSiteSwitch', HOST));
    expect($('#enable').hidden).toBe(true);
    $('#show-all').click();
    await settle();
    expect(fake.sentToTabs.map(({ message }) => message)).toContainEqual({
      type: 'collapse-repeats:show-all',
    });
    expect($('#paragraphs').textContent).toBe('0');
  });

  it('follows the count the content script reports', async () => {
    fake.grantedOrigins.add(`https://${HOST}/*`);
    fake.contentScript = () => ({ posts: 0, paragraphs: 0 });
    await openPopup();
    expect($<HTMLButtonElement>('#show-all').disabled).toBe(true);
    for (const listener of fake.messageListeners) {
      listener(
        { type: 'collapse-repeats:count', count: { posts: 2, paragraphs: 5 } },
        { tab: { id: 7 } },
      );
      listener(
        { type: 'collapse-repeats:count', count: { posts: 9, paragraphs: 9 } },
        { tab: { id: 8 } },
      );
    }
    expect($('#posts').textContent).toBe('2');
    expect($<HTMLButtonElement>('#show-all').disabled).toBe(false);
  });

  it('switches the site off and on', async () => {
    fake.grantedOrigins.add(`https://${HOST}/*`);
    fake.contentScript = () => ({ posts: 1, paragraphs: 2 });
    await openPopup();
    $<HTMLInputElement>('#site-enabled').click();
    await settle();
    expect(fake.sync.get('disabledHosts')).toEqual([HOST]);
    expect($('#counts').hidden).toBe(true);
    $<HTMLInputElement>('#site-enabled').click();
    await settle();
    expect(fake.sync.get('disabledHosts')).toEqual([]);
  });

  it('offers to enable a site without access, and starts there once granted', async () => {
    await openPopup();
    expect($('#counts').hidden).toBe(true);
    expect($('#site-switch').hidden).toBe(true);
    expect($('#enable').hidden).toBe(false);
    expect($('#enable-button').textContent).toBe(getMessage('popupEnableButton', HOST));
    // The background injects the content script as soon as access is granted.
    const request = fake.grantedOrigins.add.bind(fake.grantedOrigins);
    vi.spyOn(fake.grantedOrigins, 'add').mockImplementation((origin) => {
      fake.contentScript = () => ({ posts: 4, paragraphs: 6 });
      return request(origin);
    });
    $('#enable-button').click();
    await vi.waitFor(() => expect($('#posts').textContent).toBe('4'));
    expect(fake.grantedOrigins.has(`https://${HOST}/*`)).toBe(true);
    expect($('#enable').hidden).toBe(true);
    expect($('#site-switch').hidden).toBe(false);
  });

  it('says so when access is declined', async () => {
    fake.acceptPermission = false;
    await openPopup();
    $('#enable-button').click();
    await settle();
    expect($('#message').textContent).toBe(getMessage('popupPermissionDenied'));
    expect($('#enable').hidden).toBe(false);
  });

  it('asks for a reload where access exists but the page has no content script yet', async () => {
    fake.grantedOrigins.add(`https://${HOST}/*`);
    await openPopup();
    expect($('#message').textContent).toBe(getMessage('popupReload'));
    expect($('#enable').hidden).toBe(true);
  });

  it('explains that browser pages are out of reach', async () => {
    fake.activeTab = { id: 7, url: 'chrome://settings/', active: true };
    await openPopup();
    expect($('#message').textContent).toBe(getMessage('popupUnavailable'));
    expect($('#enable').hidden).toBe(true);
    expect($('#counts').hidden).toBe(true);
  });
});
