/** Average glyph width of the page's 12 px sans-serif labels, to cut text to a box width. */
const CHAR_PX = 6.6;

/** Text cut with an ellipsis to fit `width` px; empty when not even two characters fit. */
export function fitText(text: string, width: number, charPx = CHAR_PX): string {
  const room = Math.floor(width / charPx);
  if (room < 2) return '';
  return text.length <= room ? text : `${text.slice(0, room - 1)}…`;
}

/** Coordinates rounded to 0.1 px: smaller markup, no visible change. */
export function px(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** Linear map of [domainFrom, domainTo] onto [rangeFrom, rangeTo]. */
export function linearScale(domainFrom: number, domainTo: number, rangeFrom: number, rangeTo: number): (v: number) => number {
  const span = domainTo - domainFrom || 1;
  return (v) => rangeFrom + ((v - domainFrom) / span) * (rangeTo - rangeFrom);
}

/** Small stable hash of a name, to give the same function the same colour everywhere. */
export function nameHash(name: string): number {
  let h = 0;
  for (let n = 0; n < name.length; n++) h = (h * 31 + name.charCodeAt(n)) >>> 0;
  return h;
}
