/**
 * Which slots went out, kept in the `--state` file so a restart neither re-posts a slot nor loses one half sent.
 * Written atomically (a temporary file beside it, then rename), so a crash mid-write leaves the previous state.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/** A WeCom post is two messages (markdown, then the picture); DingTalk's is one. */
export type DigestPart = 'markdown' | 'image';

export interface SlotRecord {
  status: 'sent' | 'failed' | 'sending';
  /** Messages of the slot the robot accepted, so a retry or a restart sends only the rest. */
  parts: DigestPart[];
  attempts: number;
  /** When the record last changed (ISO). */
  at: string;
}

export interface DigestState {
  version: 1;
  slots: Record<string, SlotRecord>;
}

/** Slot records kept: a month of two slots a day, enough for any restart. */
const KEEP = 62;

export function readState(path: string | undefined): DigestState {
  if (path === undefined) return { version: 1, slots: {} };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, slots: {} };
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<DigestState>;
  if (parsed.version !== 1 || typeof parsed.slots !== 'object' || parsed.slots === null)
    throw new Error(`--state ${path}: not a digest state file (expected {"version":1,"slots":{...}})`);
  return { version: 1, slots: parsed.slots };
}

export function writeState(path: string | undefined, state: DigestState): void {
  if (path === undefined) return;
  const keys = Object.keys(state.slots).sort();
  const kept: DigestState = {
    version: 1,
    slots: Object.fromEntries(keys.slice(-KEEP).map((key) => [key, state.slots[key]!])),
  };
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(kept, null, 2)}\n`);
  renameSync(temporary, path);
}
