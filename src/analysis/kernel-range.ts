// Where a node's kernel (`uname -r` as the report prints it) stands against a known issue's kernel range.
import type { KnownIssue } from '../knowledge/known-issues/schema.js';
import type { KERNEL_VERDICTS } from '../result/known-issue-schema.js';

export type KernelVerdict = (typeof KERNEL_VERDICTS)[number];
type Distro = NonNullable<KnownIssue['kernels']['distros']>[number];

export interface ParsedKernel {
  /** major, minor, patch */
  readonly base: readonly number[];
  /** Red Hat family: the `el7` of 3.10.0-693.11.1.el7.x86_64, and the release numbers up to it. */
  readonly distroTag: string | null;
  readonly distroRelease: readonly number[] | null;
  /** Something follows the version that is not an -rc: a distribution build, whose backports are not known. */
  readonly vendorBuild: boolean;
}

const numbers = (text: string) => text.split(/[.-]/).map(Number);

export function parseKernel(release: string): ParsedKernel | null {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-(.*))?$/.exec(release.trim());
  if (!m) return null;
  const base = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  const rest = m[4] ?? '';
  const el = /^(\d+(?:\.\d+)*)\.(el\d+)/.exec(rest);
  const plain = rest === '' || /^rc\d+\b/.test(rest) || /^syzkaller|^next-/.test(rest);
  return { base, distroTag: el ? el[2]! : null, distroRelease: el ? [...base, ...numbers(el[1]!)] : null, vendorBuild: !plain };
}

/** Compares version arrays over the shorter one's length: 3.10.0-862.14.4 is "equal" to 3.10.0-862. */
function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function distroVerdict(release: readonly number[], d: Distro): KernelVerdict {
  if (d.from && compare(release, numbers(d.from)) < 0) return 'before';
  if (d.fixed && compare(release, numbers(d.fixed)) >= 0) return 'fixed';
  if (d.to && compare(release, numbers(d.to)) > 0) return 'after';
  return 'in-range';
}

function upstreamVerdict(k: ParsedKernel, up: KnownIssue['kernels']['upstream']): KernelVerdict {
  const series = k.base.slice(0, 2);
  if (up.introduced && compare(series, numbers(up.introduced)) < 0) return 'before';
  if (up.fixed && compare(series, numbers(up.fixed)) >= 0) return 'fixed';
  const stable = (up.stable ?? []).map(numbers).find((s) => compare(s.slice(0, 2), series) === 0);
  if (stable) {
    // A vendor build of the series may carry the backport under its own numbering.
    if (k.vendorBuild) return 'unknown';
    return compare(k.base, stable.slice(0, 3)) >= 0 ? 'fixed' : 'in-range';
  }
  return 'in-range';
}

/** The verdict, and the distribution entry it was read from (null: upstream numbers were compared, or nothing). */
export function kernelVerdict(release: string | null, kernels: KnownIssue['kernels']): { verdict: KernelVerdict; distro: Distro | null } {
  const k = release ? parseKernel(release) : null;
  if (!k) return { verdict: 'unknown', distro: null };
  if (k.distroTag) {
    const d = (kernels.distros ?? []).find((x) => x.tag === k.distroTag);
    // A Red Hat kernel's upstream number says little: features and fixes are backported under it.
    return d ? { verdict: distroVerdict(k.distroRelease!, d), distro: d } : { verdict: 'unknown', distro: null };
  }
  return { verdict: upstreamVerdict(k, kernels.upstream), distro: null };
}

/**
 * The kernels that carry a commit first held by this release tag: `v6.8-rc2` or `v6.8`: 6.8 on; `v6.1.53`: 6.1.53 on
 * in the 6.1 series; a Red Hat tree's `kernel-3.10.0-957.el7`: el7 kernels from 3.10.0-957. Null: a tag of no known
 * naming, which says nothing of releases.
 */
export function kernelsOfTag(tag: string): KnownIssue['kernels'] | null {
  const mainline = /^v(\d+\.\d+)(?:-rc\d+)?$/.exec(tag);
  if (mainline) return { upstream: { fixed: mainline[1]! } };
  const stable = /^v(\d+\.\d+\.\d+)$/.exec(tag);
  if (stable) return { upstream: { stable: [stable[1]!] } };
  const el = /^(?:kernel-)?(\d+\.\d+\.\d+-\d+(?:\.\d+)*)\.el(\d+)\b/.exec(tag);
  if (el) return { upstream: {}, distros: [{ name: `RHEL ${el[2]}`, tag: `el${el[2]}`, fixed: el[1]! }] };
  return null;
}
