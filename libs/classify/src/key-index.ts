// Local aliases: hot loops must not look up the global Math, which is slow in vm contexts (Jest).
const { imul } = Math;

/**
 * A hash map from positive integer keys (below 2^53, e.g. n-gram keys) to dense ids 0, 1, 2, ...
 * in insertion order. Open addressing over typed arrays: several times faster than a Map with
 * non-small-integer keys, which matters because every character n-gram is looked up.
 */
export class KeyIndex {
  private slots: Float64Array; // 0 marks an empty slot (keys are never 0)
  private ids: Int32Array;
  private count = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  private static hash(key: number): number {
    const low = key >>> 0;
    const high = (key / 4294967296) >>> 0;
    let h = imul(low ^ imul(high, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  /** The id of `key`, or -1. */
  get(key: number): number {
    const mask = this.slots.length - 1;
    for (let s = KeyIndex.hash(key) & mask; ; s = (s + 1) & mask) {
      const k = this.slots[s];
      if (k === key) return this.ids[s];
      if (k === 0) return -1;
    }
  }

  /**
   * Looks up keys[0..length) and writes their ids (or -1) to `ids`. A loop inside the class keeps
   * the float64 keys unboxed, which per-key calls across a function boundary may not.
   */
  getAll(keys: Float64Array, length: number, ids: Int32Array): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let t = 0; t < length; t++) {
      const key = keys[t];
      const low = key >>> 0;
      const high = (key / 4294967296) >>> 0;
      let h = imul(low ^ imul(high, 0x9e3779b1), 0x85ebca6b);
      h ^= h >>> 13;
      h = imul(h, 0xc2b2ae35);
      let s = ((h ^ (h >>> 16)) >>> 0) & mask;
      let id = -1;
      for (;;) {
        const k = slots[s];
        if (k === key) {
          id = this.ids[s];
          break;
        }
        if (k === 0) break;
        s = (s + 1) & mask;
      }
      ids[t] = id;
    }
  }

  /** The id of `key`, adding it with the next id if absent. */
  add(key: number): number {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    for (let s = KeyIndex.hash(key) & mask; ; s = (s + 1) & mask) {
      const k = this.slots[s];
      if (k === key) return this.ids[s];
      if (k === 0) {
        this.slots[s] = key;
        this.ids[s] = this.count;
        return this.count++;
      }
    }
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldIds = this.ids;
    this.slots = new Float64Array(oldSlots.length * 2);
    this.ids = new Int32Array(oldSlots.length * 2);
    const mask = this.slots.length - 1;
    for (let o = 0; o < oldSlots.length; o++) {
      const key = oldSlots[o];
      if (key === 0) continue;
      let s = KeyIndex.hash(key) & mask;
      while (this.slots[s] !== 0) s = (s + 1) & mask;
      this.slots[s] = key;
      this.ids[s] = oldIds[o];
    }
  }
}
