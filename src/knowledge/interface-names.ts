// Network interfaces that container and cloud networking name with a generated id, one per container or pod.

/**
 * Prefixes of interface names made of the prefix and a generated hex id: Docker's bridge driver (`veth` and 7 random hex
 * digits, libnetwork's GenerateIfaceName), the CNI bridge and ptp plugins (`veth` and 8, RandomVethName), Calico
 * (`cali` and 11 of a hash of the pod's namespace and name), Cilium (`lxc` and a hash) and the Amazon VPC CNI (`eni`
 * and 11 of a hash). A node prints a line for each such interface it makes and removes (`device veth3a4b5c6 entered
 * promiscuous mode`): their events are one whatever the id, which is kept as the event's subject (see
 * src/analysis/events.ts), an id of hex letters alone (`vethbfbcdd`, one in several hundred) too. Each is lower case, no
 * prefix of another, and holds a letter past `f` (no hex rule takes such a name whole).
 */
export const GENERATED_NAME_PREFIXES: readonly string[] = ['cali', 'eni', 'lxc', 'veth'];

/** The shortest and longest generated id after a prefix: 7 to 11 where the sources above give its length, with room either way. */
export const GENERATED_ID_DIGITS = { min: 5, max: 16 } as const;
