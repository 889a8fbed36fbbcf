/** The match found for each unit of a post: its kind and the earlier (or later) units it copies. */
import type { Post } from './post';

/** Match kinds, stored per unit in `Matches.kind`. */
export const NONE = 0;
export const EXACT = 1;
export const NEAR = 2;
export const LEAD = 3;

export class Matches {
  readonly kind: Uint8Array;
  readonly copyStart: Int32Array;
  readonly copyEnd: Int32Array;
  /** Units that together copy one earlier unit share a group: the first unit's index. */
  readonly group: Int32Array;

  constructor(size: number) {
    this.kind = new Uint8Array(size);
    this.copyStart = new Int32Array(size).fill(-1);
    this.copyEnd = new Int32Array(size).fill(-1);
    this.group = new Int32Array(size).fill(-1);
  }

  set(unit: number, kind: number, copyStart: number, copyEnd: number, group = -1): void {
    this.kind[unit] = kind;
    this.copyStart[unit] = copyStart;
    this.copyEnd[unit] = copyEnd;
    this.group[unit] = group;
  }

  /** Whether a unit may be the kept copy of another: complete text, not itself a hidden lead. */
  isSource(post: Post, unit: number): boolean {
    return this.kind[unit] !== LEAD && !post.isTruncated(unit) && post.key(unit) !== '';
  }
}
