/**
 * Styles the screenshot scripts lay over the Mastodon home-feed fixture, which wears Mastodon's
 * dark theme and a bare-bones link card.
 */

/** The card's host, title and description on lines of their own, as Mastodon shows them. */
export const CARD_LAYOUT = `
.status-card__host, .status-card__title, .status-card__description { display: block; }
`;

/** Mastodon's light theme. */
export const LIGHT_THEME = `${CARD_LAYOUT}
:root { color-scheme: light; }
body, .column { background: #eff3f5 !important; color: #282c37 !important; }
.column-header { background: #d9e1e8 !important; }
.status, .detailed-status { background: #fff; border-color: #c0cdd9 !important; }
.display-name strong { color: #282c37 !important; }
.status__content a { color: #3a3bff !important; }
.status__content a.mention.hashtag { color: #282c37 !important; }
.status-card { color: #282c37 !important; border-color: #c0cdd9 !important; }
.status-card__host, .status-card__description { color: #606984 !important; }
`;
