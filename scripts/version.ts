/**
 * The extension's version comes from package.json alone. Browsers accept only one to four
 * dot-separated integers in `version`, so a pre-release such as `1.2.0-beta.3` ships as
 * `version: 1.2.0` with the full string in `version_name`, which the browser shows instead.
 */
export interface ManifestVersion {
  readonly version: string;
  readonly version_name?: string;
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function manifestVersion(packageVersion: string): ManifestVersion {
  const match = SEMVER.exec(packageVersion);
  if (match === null) throw new Error(`package.json version "${packageVersion}" is not semver`);
  const version = `${Number(match[1])}.${Number(match[2])}.${Number(match[3])}`;
  return match[4] === undefined ? { version } : { version, version_name: packageVersion };
}
