// Names a node logs under when it has none of its own.

/**
 * Host names that name no node: the kernel's nodename before one is set (`(none)`, init/version.c's UTS_NODENAME
 * default), the defaults a system is installed with (`localhost`, `localhost.localdomain`, and their IPv6 forms), and
 * RFC 5424's NILVALUE (`-`, a sender that does not know its name). Unconfigured VMs of a fleet all log as `localhost`:
 * their lines are told apart by the bundle or folder they came in, as lines without a host are, never taken for one
 * node's. Lower case, as logged.
 */
export const PLACEHOLDER_HOST_NAMES: readonly string[] = ['(none)', '-', 'localhost', 'localhost.localdomain', 'localhost6', 'localhost6.localdomain6'];

const PLACEHOLDERS = new Set(PLACEHOLDER_HOST_NAMES);

/** The host a line names, null for none or a placeholder (PLACEHOLDER_HOST_NAMES). */
export function namedHost(host: string | null): string | null {
  return host === null || PLACEHOLDERS.has(host) ? null : host;
}
