/**
 * Numbers string ids in order of first appearance (0, 1, 2...). An open-addressing table over a hash computed
 * from the characters: a bank log's lead ids arrive as freshly parsed strings, one per event, and a `Map` lookup
 * of a string V8 has not hashed yet (hash, bucket, entry, key: several cache misses) is the largest single cost
 * of indexing a million events, and this table avoids most of it.
 */
export class IdTable {
  /** The ids, by number. */
  readonly ids: string[] = [];
  /** Interleaved [hash, number + 1] pairs; number + 1 = 0 marks an empty slot. */
  private slots: Int32Array;
  private mask: number;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
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
    const found = this.findRange(text, start, end);
    if (found >= 0) return found;
    const id = ownCopy(text, start, end);
    const number = this.ids.length;
    this.ids.push(id);
    const slots = this.slots;
    const mask = this.mask;
    const hash = hashOf(text, start, end);
    let p = hash & mask;
    while (slots[2 * p + 1] !== 0) p = (p + 1) & mask;
    slots[2 * p] = hash;
    slots[2 * p + 1] = number + 1;
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
      const entry = slots[2 * p + 1]!;
      if (entry === 0) return -1;
      if (slots[2 * p] === hash) {
        const id = this.ids[entry - 1]!;
        if (id.length === length && text.startsWith(id, start)) return entry - 1;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    const slots = new Int32Array(capacity * 2);
    const mask = capacity - 1;
    for (let q = 0; q < old.length; q += 2) {
      const entry = old[q + 1]!;
      if (entry === 0) continue;
      let p = old[q]! & mask;
      while (slots[2 * p + 1] !== 0) p = (p + 1) & mask;
      slots[2 * p] = old[q]!;
      slots[2 * p + 1] = entry;
    }
    this.slots = slots;
    this.mask = mask;
  }
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
