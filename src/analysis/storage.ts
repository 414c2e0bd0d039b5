import { deviceOfTask, IO_WAIT_FRAMES, sameDevice, type StorageKind } from '../knowledge/storage.js';
import type { MessageParams } from '../result/schema.js';
import type { UnsaidEvent, UnsaidIncident } from '../result/unsaid.js';
import { shortTime } from '../time/format.js';
import { firstMoment, lastMoment, secondsBetween, type Moment, type Span } from '../time/moments.js';

/** A device's storage errors in a list of events: how many lines, from when to when, of which kinds. */
export interface StorageSummary extends Span {
  readonly device: string;
  readonly lines: number;
  readonly kinds: readonly StorageKind[];
  /** The event groups summed, in the order given. */
  readonly events: readonly UnsaidEvent[];
}

type StorageEvent = UnsaidEvent & { storage: NonNullable<UnsaidEvent['storage']> };

const isStorage = (e: UnsaidEvent): e is StorageEvent => e.storage !== undefined;

/** SCSI addresses (`2:0:0:0`) to the disk another line of the same address names (`sd 2:0:0:0: [sdb] ...`). */
function diskByAddress(events: readonly StorageEvent[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of events) if (e.storage.address) map.set(e.storage.address, e.storage.device);
  return map;
}

const isBefore = (a: Moment, b: Moment) => (secondsBetween(a, b) ?? 0) > 0;

/** The storage events of a host (and of no known host; every host's when `host` is null), and the disk each is about. */
function storageOfHost(events: readonly UnsaidEvent[], host: string | null): { storage: StorageEvent[]; diskOfEvent: (e: StorageEvent) => string } {
  const storage = events.filter(isStorage).filter((e) => host === null || e.host === null || e.host === host);
  const disks = diskByAddress(storage);
  return { storage, diskOfEvent: (e) => disks.get(e.storage.device) ?? e.storage.device };
}

/** The devices the storage errors of a host name, in the order first named. */
export function devicesWithErrors(events: readonly UnsaidEvent[], host: string | null = null): string[] {
  const { storage, diskOfEvent } = storageOfHost(events, host);
  return [...new Set(storage.map(diskOfEvent))];
}

/**
 * The storage errors on one device among `events` (the result's), or null when there are none: a pure function of its
 * inputs, for whoever needs "what did the storage say about this device" (the hang findings here, a wait-for graph).
 * `host` keeps the events of that host (and those of no known host).
 */
export function storageErrorsOn(device: string, events: readonly UnsaidEvent[], host: string | null = null): StorageSummary | null {
  const { storage, diskOfEvent } = storageOfHost(events, host);
  const own = storage.filter((e) => sameDevice(diskOfEvent(e), device));
  if (own.length === 0) return null;
  const first = own.reduce((a, b) => (isBefore(firstMoment(b), firstMoment(a)) ? b : a));
  const last = own.reduce((a, b) => (isBefore(lastMoment(a), lastMoment(b)) ? b : a));
  return {
    device,
    lines: own.reduce((n, e) => n + e.count, 0),
    kinds: [...new Set(own.map((e) => e.storage.kind))],
    firstSeen: first.firstSeen,
    firstUptime: first.firstUptime,
    lastSeen: last.lastSeen,
    lastUptime: last.lastUptime,
    events: own,
  };
}

/** What an incident says about waiting for storage: the I/O wait frame on its stacks, and the devices its task is named after. */
export interface IoWait {
  readonly frame: string | null;
  readonly devices: readonly string[];
}

/** Whether an incident waits for I/O (an I/O wait frame on a stack, or a task that serves a device), and on what; null if not. */
export function ioWaitOf(i: UnsaidIncident): IoWait | null {
  // The outermost wait frame says most (`jbd2_log_wait_commit` rather than the `io_schedule` under it).
  const stacks = [i.stack.map((f) => f.function), ...i.samples.map((s) => s.stack)];
  const frame = stacks.map((stack) => stack.findLast((f) => IO_WAIT_FRAMES.has(f))).find((f) => f !== undefined) ?? null;
  const device = i.comm ? deviceOfTask(i.comm) : null;
  if (!frame && !device) return null;
  return { frame, devices: device ? [device] : [] };
}

/** How long before a hang storage errors can have started it: hung_task_timeout_secs defaults to 120 s, distributions set up to 600. */
const BEFORE_HANG_SECONDS = 900;
/** Devices named for a hang that names none of its own (a kworker in io_schedule): the ones with errors, at most this many. */
const MAX_DEVICES = 3;

/** The storage events of an incident's host from BEFORE_HANG_SECONDS before its first report to its last one. */
function eventsAround(i: UnsaidIncident, events: readonly StorageEvent[]): StorageEvent[] {
  const first = firstMoment(i);
  const last = lastMoment(i);
  return events.filter((e) => {
    if (e.host !== i.host && e.host !== null && i.host !== null) return false;
    const startsBeforeEnd = secondsBetween(firstMoment(e), last);
    const endsAfterWindow = secondsBetween(first, lastMoment(e));
    return startsBeforeEnd !== null && endsAfterWindow !== null && startsBeforeEnd >= 0 && endsAfterWindow >= -BEFORE_HANG_SECONDS;
  });
}

/** A storage finding before it is said: code, parameters and the incidents it is about. */
export interface StorageFinding {
  readonly severity: 'warning';
  readonly code: 'finding.storage';
  params: MessageParams;
  readonly incidents: string[];
}

/**
 * Storage errors lined up with the hangs that wait for I/O: for each incident that waits for storage, the errors on the
 * device it names (or, naming none, on each device of its host with errors) before or during it. One finding per problem
 * (incident signature) and device, said for its first incident; `others` counts the incidents of the same problem it also covers.
 */
export function storageFindings(incidents: readonly UnsaidIncident[], events: readonly UnsaidEvent[], dated = false): StorageFinding[] {
  const storage = events.filter(isStorage);
  if (storage.length === 0) return [];
  const found = new Map<string, StorageFinding>();
  for (const i of incidents) {
    const wait = ioWaitOf(i);
    if (!wait) continue;
    const around = eventsAround(i, storage);
    if (around.length === 0) continue;
    const disks = diskByAddress(storage);
    const devices = wait.devices.length ? wait.devices : [...new Set(around.map((e) => disks.get(e.storage.device) ?? e.storage.device))].slice(0, MAX_DEVICES);
    for (const device of devices) {
      const summary = storageErrorsOn(device, around);
      if (!summary) continue;
      const key = `${i.signature}|${device}`;
      const known = found.get(key);
      if (known) {
        known.incidents.push(i.id);
        known.params['others'] = known.incidents.length - 1;
        continue;
      }
      found.set(key, {
        severity: 'warning',
        code: 'finding.storage',
        params: {
          id: i.id,
          kind: i.kind,
          comm: i.comm,
          device,
          // Named by the hang itself (its task serves the device), or only on the same host while it waits for I/O.
          basis: wait.devices.length ? 'device' : 'host',
          frame: wait.frame,
          lines: summary.lines,
          kinds: [...summary.kinds],
          from: shortTime(summary.firstSeen, summary.firstUptime, dated),
          to: shortTime(summary.lastSeen, summary.lastUptime, dated),
          position: isBefore(lastMoment(summary), firstMoment(i)) ? 'before' : 'overlapping',
          others: 0,
        },
        incidents: [i.id],
      });
    }
  }
  return [...found.values()];
}
