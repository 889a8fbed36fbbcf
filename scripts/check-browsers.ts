/**
 * The first step of `npm test`: the real-browser tests need Chromium and Firefox, so without
 * them the run stops here with one line saying what to install, instead of failing every
 * browser test. The paths are the ones test/browser/harness.ts launches.
 */
import { accessSync, constants } from 'node:fs';

const BROWSERS = [
  { name: 'Chromium', variable: 'CHROMIUM_PATH', fallback: '/usr/bin/chromium' },
  { name: 'Firefox', variable: 'FIREFOX_PATH', fallback: '/usr/bin/firefox-esr' },
];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const missing = BROWSERS.map(({ name, variable, fallback }) => {
  const file = process.env[variable] || fallback;
  return executable(file) ? null : `${name} (${variable}=${file})`;
}).filter((entry) => entry !== null);

if (missing.length > 0) {
  console.error(
    `npm test needs real browsers; not found: ${missing.join(', ')}. Install chromium and firefox-esr (apt-get install chromium firefox-esr), or set CHROMIUM_PATH and FIREFOX_PATH to their executables; npm run test:unit runs the tests that need no browser.`,
  );
  process.exit(1);
}
