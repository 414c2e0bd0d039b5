// The scan workers read and template the distinct texts of the lines a block kept; the main thread takes them as
// they are. They must be what the main thread would make of the same texts itself.
import { describe, expect, it } from 'vitest';
import { readEvent } from '../../src/analysis/events.js';
import { readPlainText, readTexts, textOf, workerTexts } from '../../src/analysis/text-reading.js';
import { findStops } from '../../src/lines/line-scan.js';
import { HeaderMatcher } from '../../src/reports/header-matcher.js';
import { workerCount } from '../../src/sources/scan-workers.js';

const lines = [
  'Nov 12 10:10:59 node-7 kernel: blk_update_request: I/O error, dev sdc, sector 123456',
  'Nov 12 10:10:59 node-7 kernel: blk_update_request: I/O error, dev sdc, sector 98765',
  'Nov 12 10:11:00 node-7 kernel: blk_update_request: I/O error, dev sdc, sector 123456',
  'Nov 12 10:11:00 node-7 kubelet[3301]: E1112 "Error syncing pod, skipping" pod="default/web-0a1b2c3d"   ',
  'Nov 12 10:11:01 node-7 kernel: rbd: rbd3: encountered watch error: -107',
  'Nov 12 10:11:01 node-7 kernel: INFO: task kworker/u64:2:4242 blocked for more than 120 seconds.',
  'Nov 12 10:11:01 node-7 kernel: CPU: 12 PID: 39156 Comm: kworker/12:1 Tainted: G W 3.10.0 #1',
  'Nov 12 10:11:02 node-7 kernel: device veth1 entered promiscuous mode',
  'Nov 12 10:11:02 node-7 kernel: Buffer I/O error on dev sdc1, logical block 77, lost async page write \xff\xfe',
];

describe('texts read in a scan worker', () => {
  const bytes = Buffer.from(`${lines.join('\n')}\n`, 'latin1');
  const found = findStops(bytes, 0, bytes.length, 65536);
  const headers = new HeaderMatcher();
  const texts = readTexts(bytes, found, headers, workerTexts());

  it('are what the main thread reads of the same text: origin, message, size and event reading', () => {
    let plain = 0;
    for (let s = 0; s < found.stops.length; s++) {
      const id = found.restIds[s]!;
      const rest = bytes.toString('utf8', found.restAt[s]!, found.ends[s]!);
      const own = readPlainText(rest, headers);
      const given = textOf(texts, bytes, id);
      if (own?.invalidUtf8) {
        // Not valid UTF-8: left to the main thread.
        expect(given).toBeUndefined();
        continue;
      }
      if (!own) {
        expect(given).toBeNull();
        continue;
      }
      plain++;
      const { text: _message, ...source } = own.origin;
      expect(given).toEqual({ chars: own.chars, origin: source, text: own.text, invalidUtf8: false, moving: null, reading: readEvent(own.text, own.origin.kernel) });
    }
    // The hung task header and the register dump's CPU line open reports: not plain.
    expect(plain).toBe(found.stops.length - 3);
  });

  it('share one origin and one event reading among texts of one source and one template', () => {
    expect(texts.origins).toHaveLength(2);
    const sectors = [0, 1].map((s) => textOf(texts, bytes, found.restIds[s]!)!);
    expect(sectors[0]!.text).not.toBe(sectors[1]!.text);
    expect(sectors[0]!.reading).toBe(sectors[1]!.reading);
    expect(sectors[0]!.reading).toMatchObject({ template: 'blk_update_request: I/O error, dev sdc, sector N', notable: true });
  });
});

describe('readings shared in a block', () => {
  it('only by texts of one template, subjects, errno and storage device', () => {
    const block = [
      'blk_update_request: I/O error, dev sdc, sector 1',
      'blk_update_request: I/O error, dev sdc, sector 2',
      'blk_update_request: I/O error, dev sdd, sector 3',
      'rbd: rbd1: encountered watch error: -107',
      'rbd: rbd2: encountered watch error: -107',
      'rbd: rbd2: encountered watch error: -110',
    ].map((text) => `Nov 12 10:11:01 node-7 kernel: ${text}`);
    const bytes = Buffer.from(`${block.join('\n')}\n`, 'latin1');
    const found = findStops(bytes, 0, bytes.length, 65536);
    const texts = readTexts(bytes, found, new HeaderMatcher(), workerTexts());
    const readings = [...found.restIds].map((id) => textOf(texts, bytes, id)!.reading);
    expect(readings[1]).toBe(readings[0]);
    expect(new Set(readings).size).toBe(5);
    expect(readings[2]).toMatchObject({ template: 'blk_update_request: I/O error, dev sdd, sector N', storage: { device: 'sdd' } });
  });
});

describe("a scan worker's memory of texts", () => {
  it('remembers a text from its second sight on: the distinct texts of a noisy log are read and dropped', () => {
    const headers = new HeaderMatcher();
    const memory = workerTexts();
    const block = (text: string) => Buffer.from(`Nov 12 10:11:01 node-7 kernel: ${text}\n`, 'latin1');
    const rest = (text: string) => `node-7 kernel: ${text}`;
    const read = (text: string) => {
      const bytes = block(text);
      return readTexts(bytes, findStops(bytes, 0, bytes.length, 65536), headers, memory);
    };
    read('rbd: rbd3: encountered watch error: -107');
    read('audit: type=1400 audit(1668219031.187:413574203): avc:  denied  { connectto } for  pid=1107');
    expect(memory.recent.get(rest('rbd: rbd3: encountered watch error: -107'))).toBeUndefined();
    const again = read('rbd: rbd3: encountered watch error: -107');
    expect(memory.recent.get(rest('rbd: rbd3: encountered watch error: -107'))).toMatchObject({ event: again.readings[0] });
    expect(memory.recent.get(rest('audit: type=1400 audit(1668219031.187:413574203): avc:  denied  { connectto } for  pid=1107'))).toBeUndefined();
  });
});

describe('scan workers', () => {
  it('are as many as the cores, at most 8, or as KTRIAGE_WORKERS asks', () => {
    expect([workerCount(undefined, 2), workerCount(undefined, 64), workerCount('1', 2), workerCount('3', 2), workerCount('0', 2), workerCount('x', 4)]).toEqual([2, 8, 1, 3, 1, 4]);
  });
});
