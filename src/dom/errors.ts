/**
 * Errors in one post are caught, and each kind is logged once per page with the site id, so a
 * broken selector on a long feed doesn't flood the console.
 */

const PREFIX = '[Collapse Repeats]';

function kindOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export function createErrorReporter(siteId: string): (error: unknown) => void {
  const seen = new Set<string>();
  return (error) => {
    const kind = kindOf(error);
    if (seen.has(kind)) return;
    seen.add(kind);
    console.warn(PREFIX, siteId, error);
  };
}
