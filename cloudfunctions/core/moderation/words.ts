/**
 * The local stand-in for WeChat's text check: a word list. People dodge a plain substring match with
 * full-width letters, capitals and characters put between the words' characters ("赌 博", "赌*博"), so
 * text and list are both reduced to lower-case half-width letters and digits before comparing.
 */

// anything that is not a letter or a digit of any script: spaces, punctuation, symbols, emoji, joiners
const FILLER = /[^\p{L}\p{N}]+/gu

/**
 * The form text is compared in: half-width, lower case, letters and digits only. NFKC turns the
 * full-width forms (Ｋ, ０, the ideographic space) and compatibility characters (①, ﬁ) into plain ones.
 */
export function normaliseForMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(FILLER, '')
}

/**
 * The list's entries, one a line; blank lines and lines starting with # are comments. Entries are kept
 * as written (for messages and logs); matching normalises them.
 */
export function parseWordList(text: string): string[] {
  const words = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  return [...new Set(words)]
}

/** The first listed word the text contains once both are normalised, or null. */
export function findBlockedWord(text: string, list: readonly string[]): string | null {
  const haystack = normaliseForMatch(text)
  if (!haystack) return null
  for (const word of list) {
    const needle = normaliseForMatch(word)
    // an entry made only of punctuation would match everything
    if (needle && haystack.includes(needle)) return word
  }
  return null
}
