/**
 * When the digest goes out: slots such as 08:00 and 17:30 in the bank's time zone, on the calendar's working days
 * only (holidays skipped, make-up working days, 调休, included). The day's first slot reports the previous working
 * day (the morning huddle looks back on yesterday); later slots report today so far.
 */
import type { IsoDate, WorkCalendar } from '../../../core/src/contracts.js';
import { dayNumber, workingCalendar } from '../../../core/src/alerts/pace.js';
import { addDays } from '../../../core/src/format/index.js';

export interface DigestSlot {
  /** `HH:MM`, as given. */
  label: string;
  /** Minutes after local midnight. */
  minutes: number;
}

/** `08:00,17:30` into slots in time order; throws with the bad part named. */
export function parseSlots(text: string): DigestSlot[] {
  const slots = text.split(',').map((part) => {
    const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(part.trim());
    if (!match) throw new Error(`--digest: expected times such as 08:00,17:30, got "${part.trim()}"`);
    return { label: part.trim(), minutes: Number(match[1]) * 60 + Number(match[2]) };
  });
  const sorted = slots.sort((a, b) => a.minutes - b.minutes);
  if (sorted.length === 0 || new Set(sorted.map((s) => s.minutes)).size !== sorted.length)
    throw new Error(`--digest: expected distinct times such as 08:00,17:30, got "${text}"`);
  return sorted;
}

/** The bank's local date and minute of day at an instant. */
export function localTime(at: number, timeZone: string): { date: IsoDate; minutes: number } {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

export interface DueSlot {
  slot: DigestSlot;
  /** `YYYY-MM-DD HH:MM`: the key the state file records the slot under. */
  key: string;
  /** The day the digest reports on. */
  reportDate: IsoDate;
}

/**
 * The slot to send at `at`: the latest slot of today that has come, on a working day. An earlier slot of today
 * missed while the server was down is not sent late once a later one has come (the later one says more).
 */
export function dueSlot(
  slots: readonly DigestSlot[],
  at: number,
  timeZone: string,
  calendar: WorkCalendar | undefined,
): DueSlot | null {
  const working = workingCalendar(calendar);
  const now = localTime(at, timeZone);
  if (!working.isWorkingDay(dayNumber(now.date))) return null;
  const slot = slots.filter((s) => s.minutes <= now.minutes).at(-1);
  if (!slot) return null;
  let reportDate = now.date;
  if (slot === slots[0]) {
    do reportDate = addDays(reportDate, -1);
    while (!working.isWorkingDay(dayNumber(reportDate)));
  }
  return { slot, key: `${now.date} ${slot.label}`, reportDate };
}
