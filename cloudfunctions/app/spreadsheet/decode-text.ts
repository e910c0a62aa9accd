/**
 * A .csv file's bytes as text. Excel on a Chinese Windows saves "CSV" in GBK (GB18030 is its superset)
 * and "CSV UTF-8" with a byte-order mark; other tools write UTF-8 without one, and "Unicode text" is
 * UTF-16. Bytes that are valid UTF-8 are read as UTF-8 (GBK text is almost never valid UTF-8), else
 * as GB18030. Null when the bytes are no text at all (a binary file renamed .csv).
 */
export function decodeCsvBytes(bytes: Uint8Array): string | null {
  const text = decode(bytes)
  return text === null || looksBinary(text) ? null : text
}

/** Control characters other than tab and line breaks mean binary data, which GB18030 would happily "decode". */
function looksBinary(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) return true
  }
  return false
}

function decode(bytes: Uint8Array): string | null {
  const starts = (...b: number[]) => b.every((v, i) => bytes[i] === v)
  try {
    if (starts(0xef, 0xbb, 0xbf)) return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3))
    if (starts(0xff, 0xfe)) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2))
    if (starts(0xfe, 0xff)) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2))
  } catch {
    return null
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // not UTF-8: the Chinese Windows code page
  }
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}
