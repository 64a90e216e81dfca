/** Normalising participants' own words: word clouds, free text, and the distress word list. */

/** Lower-case, NFC, single spaces, no surrounding punctuation: "  Feeling  SAFE! " → "feeling safe". */
export function normaliseWord(input: string, language = "en"): string {
  return (
    input
      .normalize("NFC")
      .replace(/\s+/gu, " ")
      // Control and format characters, and emoji presentation selectors, carry no meaning in a cloud.
      .replace(/[\p{Cc}\p{Cf}\uFE0E\uFE0F]/gu, "")
      .toLocaleLowerCase(language)
      .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, "")
  );
}

/**
 * Trims, turns tabs and other spaces into one space, drops control characters (keeping line breaks) and
 * collapses runs of blank lines: "a\tb" → "a b".
 */
export function normaliseText(input: string): string {
  return (
    input
      .normalize("NFC")
      .replace(/\r\n?/g, "\n")
      // Spaces first: a tab is a control character too, and removing it would glue "a\tb" into "ab".
      .replace(/[^\S\n]+/g, " ")
      .replace(/[^\P{Cc}\n]|\p{Cf}/gu, "")
      .replace(/ {2,}/g, " ")
      .replace(/ ?\n ?/g, "\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim()
  );
}

/**
 * Whether a text holds half of a UTF-16 surrogate pair on its own. No keyboard types one, but a client can
 * send it; SQLite would read it back as U+FFFD, so what is stored would differ from what was acknowledged.
 */
export function hasLoneSurrogate(input: string): boolean {
  return /\p{Cs}/u.test(input);
}

/** The string values of grouped stored rows, with their counts. */
export function textRows(rows: Array<{ value: number | string; count: number }>): Array<{ value: string; count: number }> {
  return rows.filter((row): row is { value: string; count: number } => typeof row.value === "string");
}
