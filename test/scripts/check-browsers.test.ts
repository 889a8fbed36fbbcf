import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs the guard at the start of `npm test` with the two browser paths set. */
function guard(chromium: string, firefox: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-browsers.ts'], {
    encoding: 'utf8',
    env: { ...process.env, CHROMIUM_PATH: chromium, FIREFOX_PATH: firefox },
  });
  return { status: result.status, lines: result.stderr.split('\n').filter(Boolean) };
}

// Each case starts Node with tsx, which a busy machine makes slow.
describe('the browser check before npm test', { timeout: 30_000 }, () => {
  it('stops with one line naming the missing browser and the variables', () => {
    const { status, lines } = guard('/nonexistent/chromium', process.execPath);
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Chromium (CHROMIUM_PATH=/nonexistent/chromium)');
    expect(lines[0]).not.toContain('Firefox (');
    expect(lines[0]).toContain('FIREFOX_PATH');
    expect(lines[0]).toContain('npm run test:unit');
  });

  it('names both when neither is there', () => {
    const { status, lines } = guard('/nonexistent/a', '/nonexistent/b');
    expect(status).toBe(1);
    expect(lines[0]).toContain(
      'Chromium (CHROMIUM_PATH=/nonexistent/a), Firefox (FIREFOX_PATH=/nonexistent/b)',
    );
  });

  it('lets the run go on when both are executables', () => {
    expect(guard(process.execPath, process.execPath)).toEqual({ status: 0, lines: [] });
  });
});
