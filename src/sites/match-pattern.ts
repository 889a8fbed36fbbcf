/**
 * Match patterns (`scheme://host/path`, as in the manifest) turned into URL tests.
 * Parsed by hand: no regular expression is ever built from the pattern's text.
 */

export type UrlTest = (url: URL) => boolean;

const SCHEMES = new Set(['http', 'https', '*']);

/** True when `pattern` is a match pattern this module understands. */
export function isMatchPattern(pattern: string): boolean {
  return parseMatchPattern(pattern) !== undefined;
}

/** A test for URLs covered by the match pattern. Throws on a pattern it cannot read. */
export function matchPatternTest(pattern: string): UrlTest {
  const parsed = parseMatchPattern(pattern);
  if (parsed === undefined) throw new Error(`Not a match pattern: ${pattern}`);
  const { scheme, host, path } = parsed;
  return (url) => {
    const urlScheme = url.protocol.slice(0, -1);
    const schemeOk =
      scheme === '*' ? urlScheme === 'http' || urlScheme === 'https' : urlScheme === scheme;
    return (
      schemeOk && hostMatches(host, url.hostname) && globMatches(path, url.pathname + url.search)
    );
  };
}

interface MatchPattern {
  readonly scheme: string;
  readonly host: string;
  readonly path: string;
}

function parseMatchPattern(pattern: string): MatchPattern | undefined {
  const separator = pattern.indexOf('://');
  if (separator < 0) return undefined;
  const scheme = pattern.slice(0, separator);
  const rest = pattern.slice(separator + 3);
  const slash = rest.indexOf('/');
  if (!SCHEMES.has(scheme) || slash < 0) return undefined;
  const host = rest.slice(0, slash);
  const path = rest.slice(slash);
  const bareHost = host.startsWith('*.') ? host.slice(2) : host;
  const hostOk =
    host === '*' ||
    (bareHost.length > 0 &&
      !bareHost.includes('*') &&
      !bareHost.includes(':') &&
      bareHost === bareHost.toLowerCase());
  return hostOk ? { scheme, host, path } : undefined;
}

function hostMatches(patternHost: string, hostname: string): boolean {
  if (patternHost === '*') return true;
  if (patternHost.startsWith('*.')) {
    const base = patternHost.slice(2);
    return hostname === base || hostname.endsWith(`.${base}`);
  }
  return hostname === patternHost;
}

/** `*` matches any run of characters; everything else is literal. */
function globMatches(glob: string, text: string): boolean {
  const [first = '', ...parts] = glob.split('*');
  if (!text.startsWith(first)) return false;
  if (parts.length === 0) return text === first;
  let position = first.length;
  const last = parts.pop() ?? '';
  for (const part of parts) {
    const found = text.indexOf(part, position);
    if (found < 0) return false;
    position = found + part.length;
  }
  return text.length - last.length >= position && text.endsWith(last);
}
