// Who to ask about messages from a subsystem, keyed by the event's kind (leading word or program).

export interface SubsystemOwner {
  readonly pattern: RegExp;
  readonly team: string;
}

export const SUBSYSTEM_OWNERS: readonly SubsystemOwner[] = [
  { pattern: /^(?:rbd|libceph|ceph)$/, team: 'the storage (Ceph) team' },
  { pattern: /^(?:nfs|nfsd|rpc|lockd|sunrpc)$/, team: 'the NFS server / storage team' },
  { pattern: /^(?:xfs|ext4|ext3|jbd2|btrfs|ocfs2|gfs2|fuse)$/, team: 'the filesystem / storage team' },
  { pattern: /^(?:sd|scsi|nvme|ata|blk_update_request|blk|buffer|end_request|megaraid_sas|mpt3sas|device-mapper|dm|multipath|iscsi|qla2xxx|lpfc)$/, team: 'the storage / hardware team' },
  { pattern: /^(?:eth|bond|team|mlx5_core|mlx4_en|i40e|ixgbe|ice|bnxt_en|tg3|igb|e1000e|virtio_net|ena|netdev|nic|net)$/, team: 'the network team' },
  { pattern: /^(?:mce|edac|ghes|hardware error|ipmi|ipmi_si)$/, team: 'the hardware vendor' },
];

export function ownerOf(kind: string): string | null {
  return SUBSYSTEM_OWNERS.find((o) => o.pattern.test(kind))?.team ?? null;
}
