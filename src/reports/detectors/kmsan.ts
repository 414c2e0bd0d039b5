import { matcher } from '../../knowledge/frames.js';
import { defineHeaderDetector } from '../define.js';
import { readObjectFacts } from '../object-facts.js';
import { blamePart, symbolRef } from '../sections.js';

// `BUG: KMSAN: uninit-value in prepare_task_switch+0x.../0x...`, `BUG: KMSAN: kernel-infoleak in _copy_to_user+0x1c9/0x270`.
const HEADER_RE = /BUG: KMSAN: ([a-z-]+) in (\S+)/;
/** The use's stack is printed right under the header; then where the value came from. */
const AFTER_USE_RE = /^(?:Uninit was (?:stored|created)|Local variable|Bytes \d|Memory access|CPU: \d|Variable was created)/;
/** Where the uninitialized value came from: the allocation that created it, the store that copied it. */
const VALUE_STACKS = [
  { opens: /^Uninit was created at:/, site: 'createdIn' },
  { opens: /^Uninit was stored to memory at:/, site: 'storedIn' },
] as const;
/**
 * Where the value is only carried: the copy or USB transfer an infoleak leaves through, skb allocation and netlink
 * acknowledgement, and generic crypto that encrypts whatever it is given.
 */
const isCarrier = matcher(
  ['usb_submit_urb', 'usb_start_wait_urb', 'usb_bulk_msg', 'usb_interrupt_msg', 'usb_control_msg', 'netlink_ack', 'netlink_rcv_skb', 'copyout'],
  [/^kmsan_/, /alloc_skb/, /_encrypt$/, /^(?:crypto|cipher|drbg|rng)_/],
);

export const kmsan = defineHeaderDetector({
  kind: 'kmsan',
  meta: {
    description: 'KernelMemorySanitizer caught a use of uninitialized memory, or uninitialized bytes leaving the kernel (infoleak).',
    examples: ['BUG: KMSAN: uninit-value in prepare_task_switch+0x2c1/0x3f0', 'BUG: KMSAN: kernel-infoleak in _copy_to_user+0x1c9/0x270'],
  },
  header: HEADER_RE,
  body: 'marker',
  describe(match, report) {
    report.details['bugType'] = match[1]!;
    blamePart(report, { until: AFTER_USE_RE, skip: isCarrier }, symbolRef(match[2]!));
    readObjectFacts(report, VALUE_STACKS);
  },
});
