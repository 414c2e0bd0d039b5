import type { Incident } from '../../result/schema.js';
import { taskText } from '../common.js';

/** Element ids the timeline, the table and the script link to. Incident ids are "I<n>" from the analysis. */
export function incidentAnchor(id: string): string {
  return `incident-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function eventAnchor(index: number): string {
  return `event-${index}`;
}

/** Where an incident happened: host (optional), CPU and task, the parts that are known. */
export function placeOf(i: Incident, withHost: boolean): string[] {
  const task = taskText(i);
  return [withHost ? i.host : null, i.cpu !== null ? `CPU ${i.cpu}` : null, task !== '-' ? task : null].filter((p): p is string => p !== null);
}
