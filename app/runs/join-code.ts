/**
 * Join codes have letters and digits people can't confuse once 0 is read as O
 * and 1 as I (decision 028): a code holds O and I but never 0 or 1, and never
 * L, which looks like I in many fonts.
 */
export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHIJKMNOPQRSTUVWXYZ";
export const JOIN_CODE_LENGTH = 6;

/** What someone typed, as a join code: upper-case, no spaces or dashes, 0 read as O and 1 as I; null when it can't be one. */
export function normaliseJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, "").replace(/0/g, "O").replace(/1/g, "I");
  if (code.length !== JOIN_CODE_LENGTH) return null;
  return [...code].every((char) => JOIN_CODE_ALPHABET.includes(char)) ? code : null;
}
