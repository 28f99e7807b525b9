/**
 * Numbers string ids in order of first appearance (0, 1, 2...). An open-addressing table over a hash computed
 * from the characters: a bank log's lead ids arrive as freshly parsed strings, one per event, and a `Map` lookup
 * of a string V8 has not hashed yet (hash, bucket, entry, key: several cache misses) is the largest single cost
 * of indexing a million events, and this table avoids most of it.
 *
 * Each slot holds the hash, the number, and where the id's characters sit in one pool of UTF-16 code units, so a
 * look-up compares characters in two places of memory (the slot, then the pool) and never touches the id's string:
 * reaching the string through the array of ids cost two more cache misses a look-up, and with four look-ups on each of
 * a million rows into tables of 150,000 ids, those misses were most of the CSV reader's time (a trace of the worker in
 * `npm run bench pilot-million`).
 */
export class IdTable {
  /** The ids, by number. */
  readonly ids: string[] = [];
  /** Four numbers a slot: hash, number + 1 (0 marks an empty slot), the id's start in `chars`, its length. */
  private slots: Int32Array;
  private mask: number;
  /** Every id's UTF-16 code units, one after another. */
  private chars: Uint16Array;
  private charsUsed = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * SLOT);
    this.mask = capacity - 1;
    this.chars = new Uint16Array(capacity * 8);
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
    const found = this.findRange(text, start, end);
    if (found >= 0) return found;
    const number = this.ids.length;
    this.ids.push(ownCopy(text, start, end));
    const length = end - start;
    if (this.charsUsed + length > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + length));
      chars.set(this.chars.subarray(0, this.charsUsed));
      this.chars = chars;
    }
    const chars = this.chars;
    const at = this.charsUsed;
    for (let i = 0; i < length; i++) chars[at + i] = text.charCodeAt(start + i);
    this.charsUsed += length;
    const slots = this.slots;
    const mask = this.mask;
    const hash = hashOf(text, start, end);
    let p = hash & mask;
    while (slots[p * SLOT + 1] !== 0) p = (p + 1) & mask;
    slots[p * SLOT] = hash;
    slots[p * SLOT + 1] = number + 1;
    slots[p * SLOT + 2] = at;
    slots[p * SLOT + 3] = length;
    if (this.ids.length * 2 > mask + 1) this.grow();
    return number;
  }

  /** The number of the id written at `text[start, end)`, or -1 when it is not in the table. */
  findRange(text: string, start: number, end: number): number {
    const hash = hashOf(text, start, end);
    const slots = this.slots;
    const mask = this.mask;
    const length = end - start;
    for (let p = hash & mask; ; p = (p + 1) & mask) {
      const slot = p * SLOT;
      const entry = slots[slot + 1]!;
      if (entry === 0) return -1;
      if (slots[slot] === hash && slots[slot + 3] === length && this.sameChars(slots[slot + 2]!, text, start, length))
        return entry - 1;
    }
  }

  /** Whether the pool's characters from `at` are those of `text[start, start + length)`. */
  private sameChars(at: number, text: string, start: number, length: number): boolean {
    const chars = this.chars;
    for (let i = 0; i < length; i++) if (chars[at + i] !== text.charCodeAt(start + i)) return false;
    return true;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    const slots = new Int32Array(capacity * SLOT);
    const mask = capacity - 1;
    for (let q = 0; q < old.length; q += SLOT) {
      if (old[q + 1] === 0) continue;
      let p = old[q]! & mask;
      while (slots[p * SLOT + 1] !== 0) p = (p + 1) & mask;
      slots.set(old.subarray(q, q + SLOT), p * SLOT);
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** Numbers a slot holds (see `IdTable.slots`): 16 bytes, so a slot never straddles two cache lines. */
const SLOT = 4;

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
