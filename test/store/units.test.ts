import { describe, expect, it } from 'vitest';
import { classifyStoreError } from '../../src/store/errors.js';
import { compareReleases, kernelBuild } from '../../src/store/kernel-release.js';
import { redactIn, redactUrl, storeLocation } from '../../src/store/location.js';
import { globToLike } from '../../src/store/query.js';
import { parseSpan } from '../../src/time/spans.js';

describe('store location', () => {
  it.each([
    ['postgres://triage:pw@db.example:5432/fleet', 'postgres://triage:***@db.example:5432/fleet'],
    ['postgresql://triage:p%40ss@db/fleet?sslmode=require', 'postgresql://triage:***@db/fleet?sslmode=require'],
    ['postgres://db/fleet?user=t&password=pw&sslmode=require', 'postgres://db/fleet?user=t&password=***&sslmode=require'],
    ['postgres://triage@db/fleet', 'postgres://triage@db/fleet'],
  ])('%s is shown as %s', (url, shown) => expect(redactUrl(url)).toBe(shown));

  it('takes a password out of any message that echoes it, decoded or not', () => {
    const location = storeLocation('postgres://triage:p%40ssw0rd@db/fleet');
    expect(redactIn('password authentication failed: p@ssw0rd / p%40ssw0rd', location)).toBe('password authentication failed: *** / ***');
  });

  it('--db, then KTRIAGE_DB, then the XDG data folder', () => {
    const env = { XDG_DATA_HOME: '/data', KTRIAGE_DB: '' };
    expect(storeLocation(undefined, env)).toEqual({ engine: 'sqlite', path: '/data/ktriage/ktriage.db' });
    expect(storeLocation(undefined, { ...env, KTRIAGE_DB: 'postgres://h/db' })).toEqual({ engine: 'postgres', url: 'postgres://h/db' });
    expect(storeLocation('sqlite:///tmp/x.db', env)).toEqual({ engine: 'sqlite', path: '/tmp/x.db' });
  });
});

describe('store errors', () => {
  const location = storeLocation('/tmp/k.db');
  it.each([
    ['SQLITE_NOTADB', 'corrupt'],
    ['SQLITE_CORRUPT_INDEX', 'corrupt'],
    ['SQLITE_READONLY_DIRECTORY', 'readOnly'],
    ['SQLITE_FULL', 'full'],
    ['SQLITE_IOERR_SHMSIZE', 'full'],
    ['SQLITE_IOERR_WRITE', 'failed'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy'],
    ['25006', 'readOnly'],
    ['53100', 'full'],
    ['28P01', 'auth'],
    ['3D000', 'missing'],
    ['ECONNREFUSED', 'unreachable'],
    ['XX000', 'failed'],
  ])('%s is %s', (code, problem) => expect(classifyStoreError(Object.assign(new Error('x'), { code }), location).problem).toBe(problem));
});

describe('kernel releases', () => {
  it.each([
    ['3.10.0-693.11.1.el7.x86_64', 'x86_64', 'rhel'],
    ['4.18.0-348.el8.aarch64', 'aarch64', 'rhel'],
    ['5.15.0-91-generic', null, 'ubuntu'],
    ['6.1.0-18-amd64', 'amd64', 'debian'],
    ['5.14.21-150500.55.39-default', null, 'suse'],
    ['6.6.7-200.fc39.x86_64', 'x86_64', 'fedora'],
    ['6.8.0', null, null],
  ])('%s: %s, %s', (release, arch, distro) => expect(kernelBuild(release)).toEqual({ release, arch, distro }));

  it('sorts releases as versions', () => {
    const sorted = ['4.18.0-80.el8', '3.10.0-957.el7', '3.10.0-693.11.1.el7', '3.10.0-1160.el7'].sort(compareReleases);
    expect(sorted).toEqual(['3.10.0-693.11.1.el7', '3.10.0-957.el7', '3.10.0-1160.el7', '4.18.0-80.el8']);
  });
});

describe('query helpers', () => {
  it('globs become LIKE patterns with %, _ and \\ taken literally', () => {
    expect(globToLike('Node-*')).toBe('node-%');
    expect(globToLike('rack?_a')).toBe('rack_\\_a');
    expect(globToLike('693.11', true)).toBe('%693.11%');
    expect(globToLike('3.10*', true)).toBe('3.10%');
  });

  it.each([
    ['30m', 1_800_000],
    ['12h', 43_200_000],
    ['7d', 604_800_000],
    ['2w', 1_209_600_000],
    ['7', null],
    ['1y', null],
  ])('--since %s', (text, ms) => expect(parseSpan(text)).toBe(ms));
});
