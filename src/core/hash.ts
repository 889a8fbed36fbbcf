/** FNV-1a (32-bit): a cheap, well-spread hash of text, used for anchors and for a body's identity. */

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** `hash` advanced over the UTF-16 code units `text[from, to)`; a signed 32-bit result. */
export function fnvText(hash: number, text: string, from = 0, to = text.length): number {
  let next = hash;
  for (let index = from; index < to; index++) {
    next = Math.imul(next ^ text.charCodeAt(index), FNV_PRIME);
  }
  return next;
}

/** `hash` advanced over one code unit. */
export function fnvCode(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}
