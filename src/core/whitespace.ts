/**
 * One definition of whitespace for the core, the same as JavaScript's `trim()` and `\s`:
 * ASCII spaces and line breaks, no-break spaces, the Unicode space separators, and U+FEFF
 * (a byte-order mark left at the start of a pasted text is no content either). Normalisation
 * drops U+FEFF as invisible, so trimming it keeps offsets and keys in agreement.
 */
export function isSpaceCode(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
