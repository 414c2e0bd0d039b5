// KASAN names the class of a bug in words that changed across kernel versions (mm/kasan/report.c): one class, one
// name in a problem signature. 4.x-5.x print `double-free or invalid-free` for every bad kfree(), 6.x tell
// `double-free` from `invalid-free`; 6.4+ print `slab-use-after-free` where older kernels printed `use-after-free`.

const BUG_CLASS_ALIASES: Readonly<Record<string, string>> = {
  'double-free or invalid-free': 'invalid-free',
  'double-free': 'invalid-free',
  'slab-use-after-free': 'use-after-free',
};

/** The name a signature gives a report's bug class. */
export function signedBugClass(bugClass: string): string {
  return BUG_CLASS_ALIASES[bugClass] ?? bugClass;
}
