/** A static Mastodon home feed: the screenshot page, and the acceptance post in our own words. */
import { mastodonArticle, mastodonFeed } from './mastodon-dom';
import { FEED_POSTS } from './posts';

const list = mastodonFeed();
for (const post of FEED_POSTS) list.append(mastodonArticle(post));
