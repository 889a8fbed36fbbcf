import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { Resvg } from '@resvg/resvg-js';
import { defineConfig, type Plugin } from 'vite';
import baseManifest from './manifest.json' with { type: 'json' };
import packageJson from './package.json' with { type: 'json' };
import { manifestVersion } from './scripts/version';
import { manifestMatches } from './src/sites/registry';

type Browser = 'chrome' | 'firefox';

const ICON_SIZES = [16, 32, 48, 96, 128];

/**
 * Renders the PNG icons the stores and browsers need from the SVGs in icons/, into the
 * (git-ignored) public folder, before crxjs checks that the manifest's icons exist.
 */
function renderIcons(): Plugin {
  return {
    name: 'collapse-repeats:icons',
    buildStart() {
      mkdirSync('src/public/icons', { recursive: true });
      for (const variant of ['icon', 'icon-off']) {
        const svg = readFileSync(`icons/${variant}.svg`);
        for (const size of ICON_SIZES) {
          const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
          writeFileSync(`src/public/icons/${variant}-${size}.png`, png);
        }
      }
    },
  };
}

/**
 * One manifest source, shaped per browser: Chrome runs a service worker, Firefox an event page.
 * The version comes from package.json, so a release changes one file.
 */
function manifestFor(browser: Browser): ManifestV3Export {
  const { browser_specific_settings, minimum_chrome_version, background, ...rest } = baseManifest;
  const common = { ...rest, ...manifestVersion(packageJson.version) };
  const content_scripts = common.content_scripts.map((script) => ({
    ...script,
    matches: manifestMatches(),
  }));
  if (browser === 'chrome') {
    // The content scripts' own sites, so that after an update the background can find the open
    // tabs there and start the new content script in them (src/background/inject.ts). It asks
    // for nothing the content scripts don't already show at install. Firefox does this itself.
    const host_permissions = manifestMatches();
    return { ...common, minimum_chrome_version, background, content_scripts, host_permissions };
  }
  return {
    ...common,
    content_scripts,
    background: { scripts: [background.service_worker], type: background.type },
    browser_specific_settings,
  } as ManifestV3Export;
}

/*
 * Build output notes:
 * - package.json runs `vite build --configLoader runner`: this config imports the site registry,
 *   TypeScript with extensionless imports, which Vite's default loader can only bundle with a
 *   warning per import about its future `native` loader. The runner loads them as the app does.
 * - "inlineDynamicImports option is ignored" comes from @crxjs's own build of the content
 *   script as one IIFE file, with options we cannot reach from here. It is harmless: that file
 *   is one chunk by design.
 */
export default defineConfig(({ mode }) => {
  const browser: Browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    publicDir: 'src/public',
    // Unminified output names each module by its path. Keeping symlinks (a shared or linked
    // node_modules) unresolved keeps those paths inside the project, so the same sources build
    // the same bytes wherever they are unpacked (the sources zip for AMO relies on it).
    resolve: { preserveSymlinks: true },
    plugins: [
      renderIcons(),
      crx({
        manifest: manifestFor(browser),
        browser,
        contentScripts: { standaloneFiles: ['src/content/index.ts'] },
      }),
    ],
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      target: browser === 'chrome' ? 'chrome121' : 'firefox142',
      minify: false,
      sourcemap: false,
    },
  };
});
