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
    let hash = 0x811c9dc5 | 0;
    for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
    const slots = this.slots;
    const mask = this.mask;
    for (let p = hash & mask; ; p = (p + 1) & mask) {
      const entry = slots[2 * p + 1]!;
      if (entry === 0) {
        const number = this.ids.length;
        this.ids.push(id);
        slots[2 * p] = hash;
        slots[2 * p + 1] = number + 1;
        if (this.ids.length * 2 > mask + 1) this.grow();
        return number;
      }
      if (slots[2 * p] === hash && this.ids[entry - 1] === id) return entry - 1;
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
