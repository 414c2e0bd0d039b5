/** What a kernel release string says about its build: the architecture and the distribution family. */
export interface KernelBuild {
  readonly release: string;
  readonly arch: string | null;
  readonly distro: string | null;
}

// Architecture suffixes distributions append to the release (`uname -r`), e.g. 3.10.0-693.el7.x86_64.
const ARCH_RE = /[.-](x86_64|amd64|i[3-6]86|aarch64|arm64|armv7hl|armhf|ppc64le|ppc64|s390x|riscv64|loongarch64)$/;

/** Distribution markers in release strings, first match wins (RHEL-family `elN`, Fedora `fcN`, ...). */
const DISTRO_MARKERS: readonly (readonly [RegExp, string])[] = [
  [/\.el\d+(?:_\d+)?(?:uek)?\b/, 'rhel'],
  [/\.an\d+\b/, 'anolis'],
  [/\.oe\d+\b|\.oe\d{4}\b/, 'openeuler'],
  [/\.ky\d+\b/, 'kylin'],
  [/\.fc\d+\b/, 'fedora'],
  [/\.amzn\d+\b/, 'amazon'],
  [/\.mga\d+\b/, 'mageia'],
  [/-generic$|-lowlatency$|-aws$|-azure$|-gcp$|-kvm$|-oracle$/, 'ubuntu'],
  [/-(?:amd64|arm64|686(?:-pae)?|cloud-amd64|rt-amd64)$/, 'debian'],
  [/-default$/, 'suse'],
  [/\.uek\b|uek$/, 'oracle'],
];

export function kernelBuild(release: string): KernelBuild {
  const arch = ARCH_RE.exec(release)?.[1] ?? /-(amd64|arm64)$/.exec(release)?.[1] ?? null;
  const distro = DISTRO_MARKERS.find(([re]) => re.test(release))?.[1] ?? null;
  return { release, arch, distro };
}

/** Orders releases by their numbers, as versions: 3.10.0-693.el7 < 3.10.0-957.el7 < 4.18.0-80.el8. */
export function compareReleases(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let n = 0; n < Math.min(pa.length, pb.length); n++) {
    const x = pa[n]!;
    const y = pb[n]!;
    if (x === y) continue;
    // Odd positions hold the digit runs (split keeps the captured separators there).
    if (n % 2 === 1) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
