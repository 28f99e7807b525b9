/**
 * Numbers string ids in order of first appearance (0, 1, 2...). A bank log's ids arrive as freshly parsed text, one
 * per event, and a `Map` lookup of a string V8 has not hashed yet (hash, bucket, entry, key: several cache misses) is
 * the largest single cost of reading a million events, so the table avoids strings where it can:
 *
 * - An id of the table's shape (see `keyOf`: `l-000123`, `c-0164-0025`, `10023`) is looked up by the number its digits
 *   spell, in a table of [number, id number] pairs: one probe compares two integers and never reaches the id's string.
 *   Exports write nearly all ids of a column in one shape, and reading ids was two thirds of reading the log. While
 *   those numbers stay few and small (a numbering such as `l-000001`...), the id's number is read straight from an
 *   array by that number instead: ids numbered in order are read near where the rows before read, where the probe of a
 *   hash table lands anywhere in it (a cache miss on each of a million rows).
 * - Any other id is looked up by an FNV-1a hash of its characters, compared with the id's string on a hit.
 *
 * Whether an id has the shape depends on the id alone (the shape is fixed by the first id), so each id is always
 * found where it was added, and both ways number it the same.
 */
export class IdTable {
  /** The ids, by number. */
  readonly ids: string[] = [];
  /**
   * Ids of the shape while their keys stay below `directLimit`: number + 1 by key, 0 where no id has that key. Null
   * once a key went past it; from then on `keyed` holds them all.
   */
  private direct: Int32Array | null = new Int32Array(DIRECT_MIN);
  /** Ids of the shape: interleaved [key, number + 1] pairs; number + 1 = 0 marks an empty slot. */
  private keyed: Int32Array;
  private keyedMask: number;
  private keyedCount = 0;
  /** Other ids: interleaved [hash, number + 1] pairs, likewise. */
  private slots: Int32Array;
  private mask: number;
  private hashedCount = 0;
  /**
   * The first id added, when its digits (at most 9 of them, so their number fits an Int32) make it a shape: another id
   * has the shape when it is as long, has a digit wherever this one does and the same character everywhere else.
   */
  private shape: string | null = null;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.keyed = new Int32Array(capacity * 2);
    this.keyedMask = capacity - 1;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.ids.length;
  }

  /** The id's number, adding it when new. */
  intern(id: string): number {
    return this.internRange(id, 0, id.length);
  }

  /**
   * The number of the id written at `text[start, end)`, adding it when new. The CSV reader looks ids up where they
   * stand in the file's text, so a known id (nearly every row's) costs no string at all.
   */
  internRange(text: string, start: number, end: number): number {
    if (this.ids.length === 0) this.shape = shapeOf(ownCopy(text, start, end));
    const key = this.keyOf(text, start, end);
    const found = key >= 0 ? this.findKey(key) : this.findHashed(text, start, end);
    if (found >= 0) return found;
    const number = this.ids.length;
    this.ids.push(ownCopy(text, start, end));
    if (key >= 0) {
      this.keyedCount++;
      this.addKey(key, number);
    } else {
      const hash = hashOf(text, start, end);
      place(this.slots, this.mask, hash, hash, number);
      if (++this.hashedCount * 2 > this.mask + 1) [this.slots, this.mask] = grown(this.slots, (h) => h);
    }
    return number;
  }

  /** The number of the id written at `text[start, end)`, or -1 when it is not in the table. */
  findRange(text: string, start: number, end: number): number {
    const key = this.keyOf(text, start, end);
    return key >= 0 ? this.findKey(key) : this.findHashed(text, start, end);
  }

  /** The number the digits of `text[start, end)` spell when it has the table's shape, else -1. */
  private keyOf(text: string, start: number, end: number): number {
    const shape = this.shape;
    if (shape === null || end - start !== shape.length) return -1;
    let key = 0;
    for (let i = 0; i < shape.length; i++) {
      const code = text.charCodeAt(start + i);
      const expected = shape.charCodeAt(i);
      if (isDigit(expected)) {
        if (!isDigit(code)) return -1;
        key = key * 10 + (code - 48);
      } else if (code !== expected) {
        return -1;
      }
    }
    return key;
  }

  private findKey(key: number): number {
    const direct = this.direct;
    if (direct !== null) return key < direct.length ? direct[key]! - 1 : -1;
    const keyed = this.keyed;
    const mask = this.keyedMask;
    for (let p = spread(key) & mask; ; p = (p + 1) & mask) {
      const entry = keyed[2 * p + 1]!;
      if (entry === 0) return -1;
      if (keyed[2 * p] === key) return entry - 1;
    }
  }

  /** Records the key's number (`keyedCount` already counts it), in the array while keys stay within its limit. */
  private addKey(key: number, number: number): void {
    let direct = this.direct;
    if (direct !== null && key >= direct.length && key < directLimit(this.keyedCount)) {
      let length = direct.length;
      while (length <= key) length *= 2;
      const larger = new Int32Array(length);
      larger.set(direct);
      this.direct = direct = larger;
    }
    if (direct !== null && key < direct.length) {
      direct[key] = number + 1;
      return;
    }
    if (direct !== null) {
      // Too few ids for numbers this large: every key moves to the hash table, and stays there.
      this.direct = null;
      for (let k = 0; k < direct.length; k++) if (direct[k] !== 0) this.placeKey(k, direct[k]! - 1);
    }
    this.placeKey(key, number);
  }

  private placeKey(key: number, number: number): void {
    place(this.keyed, this.keyedMask, key, spread(key), number);
    if (this.keyedCount * 2 > this.keyedMask + 1) [this.keyed, this.keyedMask] = grown(this.keyed, spread);
  }

  private findHashed(text: string, start: number, end: number): number {
    const hash = hashOf(text, start, end);
    const slots = this.slots;
    const mask = this.mask;
    const length = end - start;
    for (let p = hash & mask; ; p = (p + 1) & mask) {
      const entry = slots[2 * p + 1]!;
      if (entry === 0) return -1;
      if (slots[2 * p] === hash) {
        const id = this.ids[entry - 1]!;
        if (id.length === length && text.startsWith(id, start)) return entry - 1;
      }
    }
  }
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** The direct array's first length; it grows while keys stay below `directLimit` of the ids of the shape. */
const DIRECT_MIN = 4096;
/** Keys below four times the number of ids of the shape: the array, grown by doubling, holds at most 32 bytes an id. */
const directLimit = (count: number): number => Math.max(DIRECT_MIN, 4 * count);

/** `id` as a shape when it has 1 to 9 digits, else null (then every id of the table is hashed). */
function shapeOf(id: string): string | null {
  let digits = 0;
  for (let i = 0; i < id.length; i++) if (isDigit(id.charCodeAt(i))) digits++;
  return digits >= 1 && digits <= 9 ? id : null;
}

/**
 * Where a key's probe starts: a multiplicative hash, since keys often run in steps (`c-0164-0025`, `c-0164-0026`...)
 * that would pile up in one stretch of the table if placed by their value.
 */
const spread = (key: number): number => Math.imul(key, 0x9e3779b1) ^ (Math.imul(key, 0x9e3779b1) >>> 15);

/** Writes [stored, number + 1] into the first free slot from `probe`'s. */
function place(slots: Int32Array, mask: number, stored: number, probe: number, number: number): void {
  let p = probe & mask;
  while (slots[2 * p + 1] !== 0) p = (p + 1) & mask;
  slots[2 * p] = stored;
  slots[2 * p + 1] = number + 1;
}

/** The slots moved into a table twice the size; `probeOf` gives a stored value's first slot. */
function grown(old: Int32Array, probeOf: (stored: number) => number): [Int32Array, number] {
  const capacity = old.length; // twice the old number of slots (two Int32s a slot)
  const slots = new Int32Array(capacity * 2);
  const mask = capacity - 1;
  for (let q = 0; q < old.length; q += 2) {
    const entry = old[q + 1]!;
    if (entry !== 0) place(slots, mask, old[q]!, probeOf(old[q]!), entry - 1);
  }
  return [slots, mask];
}

/** FNV-1a over the UTF-16 code units of `text[start, end)`. */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/**
 * `text[start, end)` as a string of its own. V8 keeps a slice of 13 or more characters as a view into the whole text,
 * and an id kept for the engine's life must not hold a 70 MB file in memory: such a slice is copied.
 */
function ownCopy(text: string, start: number, end: number): string {
  if (start === 0 && end === text.length) return text;
  const slice = text.slice(start, end);
  return end - start < 13 ? slice : [...slice].join('');
}
