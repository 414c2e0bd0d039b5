/** Element ids the timeline, the table and the script link to. Incident ids are "I<n>" from the analysis. */
export function incidentAnchor(id: string): string {
  return `incident-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function eventAnchor(index: number): string {
  return `event-${index}`;
}
