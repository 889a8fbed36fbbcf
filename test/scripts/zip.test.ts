import { describe, expect, it } from 'vitest';
import { manifestVersion } from '../../scripts/version';
import { createZip, readZip } from '../../scripts/zip';

const text = (value: string) => Buffer.from(value);

describe('createZip', () => {
  const entries = [
    { path: 'src/b.js', data: text('console.log("b");\n'.repeat(40)) },
    { path: 'manifest.json', data: text('{"manifest_version":3}') },
    { path: 'run', data: text('#!/bin/sh\n'), executable: true },
    { path: 'src/a.js', data: text('') },
  ];

  it('gives the same bytes whatever the order of its input', () => {
    expect(createZip(entries).equals(createZip([...entries].reverse()))).toBe(true);
  });

  it('holds every file, sorted by path, with its bytes and mode', () => {
    const read = readZip(createZip(entries));
    expect(read.map((entry) => entry.path)).toEqual([
      'manifest.json',
      'run',
      'src/a.js',
      'src/b.js',
    ]);
    for (const entry of entries) {
      const found = read.find((candidate) => candidate.path === entry.path);
      expect(Buffer.from(found?.data ?? []).equals(entry.data)).toBe(true);
      expect(found?.executable).toBe(entry.executable === true);
    }
  });

  it('stamps every entry with the zip epoch, not the time of the build', () => {
    const zip = createZip(entries);
    let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    let seen = 0;
    while (at >= 0) {
      expect(zip.readUInt16LE(at + 12)).toBe(0); // 00:00:00
      expect(zip.readUInt16LE(at + 14)).toBe(0x21); // 1980-01-01
      seen++;
      at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4);
    }
    expect(seen).toBe(entries.length);
  });

  it('refuses paths that would escape the archive root', () => {
    expect(() => createZip([{ path: '/etc/passwd', data: text('') }])).toThrow(/Bad zip path/);
    expect(() => createZip([{ path: 'a\\b', data: text('') }])).toThrow(/Bad zip path/);
  });
});

describe('manifestVersion', () => {
  it('passes a release version through, without version_name', () => {
    expect(manifestVersion('1.4.2')).toEqual({ version: '1.4.2' });
  });

  it('keeps the numbers of a pre-release and shows the full version by name', () => {
    expect(manifestVersion('2.0.0-beta.3')).toEqual({
      version: '2.0.0',
      version_name: '2.0.0-beta.3',
    });
    expect(manifestVersion('0.3.1-rc.1+build.7')).toEqual({
      version: '0.3.1',
      version_name: '0.3.1-rc.1+build.7',
    });
  });

  it('refuses a version browsers cannot take', () => {
    expect(() => manifestVersion('1.2')).toThrow(/not semver/);
    expect(() => manifestVersion('v1.2.3')).toThrow(/not semver/);
  });
});
