// How the console writes times, sizes and counts.

const pad = (n) => String(n).padStart(2, '0');

/** A time as the reader's local "2026-11-29 08:00:00", or an empty string. */
export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Octets in binary units. */
export function bytes(n) {
  if (n === null || n === undefined) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = Number(n);
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

export function count(n) {
  return Number(n ?? 0).toLocaleString('en');
}

export function millis(n) {
  return n === null || n === undefined ? '' : `${Number(n).toFixed(1)} ms`;
}

/** A datetime-local field's value as an ISO instant for the API, or undefined. */
export function instant(localValue) {
  return localValue ? new Date(localValue).toISOString() : undefined;
}
