import { defineSite } from './site';

/** Lemmy's UI: server-rendered markdown in `div.md-div`, for posts and for comments. */
export const lemmy = defineSite({
  id: 'lemmy',
  name: 'Lemmy',
  matches: ['https://lemmy.world/*', 'https://lemmy.ml/*', 'https://sh.itjust.works/*'],
  detect: (document) =>
    document.querySelector(
      '.post-listing .postContent .md-div, #postContent > .md-div, .comment-node .comment-content .md-div',
    ) !== null,
  post: '.post-listing, .comment-node',
  // The link preview card also holds a `.md-div`, so the body is pinned to its containers.
  body: '.postContent .md-div, #postContent > .md-div, .comment-content > .md-div',
  examples: [
    'https://lemmy.world/',
    'https://lemmy.world/post/1234567',
    'https://lemmy.ml/c/linux',
    'https://sh.itjust.works/comment/987654',
  ],
});
