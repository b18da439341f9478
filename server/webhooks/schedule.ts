/**
 * When a weekly digest is due: a weekday and a time of day in Japan (e.g. Monday 9:00 JST), whatever the server's
 * own time zone. Japan has no daylight saving time: JST is always UTC+9.
 */
const JST_MS = 9 * 3600_000;
const DAY_MS = 86_400_000;

/** The first run strictly after `after`: `weekday` 0 = Sunday … 6 = Saturday, `minuteOfDay` 0–1439 in JST. */
export function nextWeeklyRun(after: number, weekday: number, minuteOfDay: number): number {
  const local = after + JST_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const today = new Date(dayStart).getUTCDay();
  let candidate = dayStart + ((weekday - today + 7) % 7) * DAY_MS + minuteOfDay * 60_000;
  if (candidate <= local) candidate += 7 * DAY_MS;
  return candidate - JST_MS;
}

/** How long a failed send waits before it is tried again: 1, 5, 15 minutes, then every hour (never given up). */
export function retryDelay(failures: number): number {
  const minutes = [1, 5, 15][failures - 1] ?? 60;
  return minutes * 60_000;
}

/** `09:00` ↔ 540. */
export const minuteOfDayOf = (time: string): number | null => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
};
export const timeOf = (minuteOfDay: number): string =>
  `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
