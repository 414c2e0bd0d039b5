import { sep } from 'node:path';

/**
 * Top-level directories of a Linux source tree (`usr/` and `tools/` left out: they also name
 * directories outside it), used to cut a debug-info path down to the path inside the tree.
 */
export const KERNEL_TOP_DIRS = [
  'arch', 'block', 'certs', 'crypto', 'drivers', 'fs', 'include', 'init', 'io_uring', 'ipc', 'kernel', 'lib', 'mm', 'net',
  'rust', 'samples', 'security', 'sound', 'virt',
] as const;

const TOP = new Set<string>(KERNEL_TOP_DIRS);

/**
 * The path inside the kernel tree: after the last `linux-<version>` directory
 * (`/usr/src/debug/kernel-3.10.0/linux-3.10.0-693.el7.x86_64/block/blk-core.c` -> `block/blk-core.c`),
 * else from the first top-level kernel directory on; the path as given when it has neither.
 */
export function kernelRelativePath(file: string): string {
  const parts = file.split(/[\\/]/);
  const tree = parts.findLastIndex((p, n) => /^linux(?:[-_.].*)?$/.test(p) && n < parts.length - 1);
  if (tree >= 0) return parts.slice(tree + 1).join('/');
  const top = parts.findIndex((p, n) => n > 0 && n < parts.length - 1 && TOP.has(p));
  return top >= 0 ? parts.slice(top).join('/') : file;
}

/** Candidate relative paths of a source file under a tree root: the kernel-relative path, then ever shorter suffixes. */
export function relativeCandidates(file: string): string[] {
  const parts = file.split(/[\\/]/).filter(Boolean);
  const out = [kernelRelativePath(file)];
  for (let n = 0; n < parts.length; n++) out.push(parts.slice(n).join(sep));
  return [...new Set(out.filter((p) => !p.startsWith('/')))];
}
