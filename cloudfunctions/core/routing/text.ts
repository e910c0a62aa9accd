import { TOWNS, type TownId } from './departments'

/**
 * Text handling for routing: normalisation, character n-grams and clauses. Chinese needs no word
 * segmentation here: overlapping 1–3 character grams carry the words (社保, 补缴, 排污许可…).
 */

const TOWN_NAMES = TOWNS.map((t) => t.name)

/** Full-width ASCII to half-width, lower case, and a few look-alike characters folded. */
export function normalizeText(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0)
    else if (code === 0x3000) out += ' '
    else out += ch
  }
  return out.toLowerCase()
}

const isHan = (code: number): boolean =>
  (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || code === 0x3007

/**
 * Units are Chinese characters, runs of Latin letters (sc, mes, ipo) and runs of digits (all the
 * same unit: amounts differ from one problem to the next, their presence is what counts).
 * Anything else ends a segment, and n-grams never cross segments.
 */
export function segments(text: string): string[][] {
  const t = removeTownNames(normalizeText(text))
  const out: string[][] = []
  let seg: string[] = []
  let i = 0
  const flush = () => {
    if (seg.length) out.push(seg)
    seg = []
  }
  while (i < t.length) {
    const code = t.charCodeAt(i)
    if (isHan(code)) {
      seg.push(t[i])
      i++
    } else if (code >= 97 && code <= 122) {
      let j = i
      while (j < t.length && t.charCodeAt(j) >= 97 && t.charCodeAt(j) <= 122) j++
      seg.push(t.slice(i, j))
      i = j
    } else if (code >= 48 && code <= 57) {
      let j = i
      while (j < t.length && ((t.charCodeAt(j) >= 48 && t.charCodeAt(j) <= 57) || t[j] === '.')) j++
      seg.push('0')
      i = j
    } else if (code >= 0xd800 && code <= 0xdbff) {
      // astral characters (emoji, rare ideographs) end a segment like punctuation
      flush()
      i += 2
    } else {
      flush()
      i++
    }
  }
  flush()
  return out
}

/**
 * Town names are replaced by a break before n-grams are taken: where an enterprise is says
 * nothing about which department owns its problem, only which town's office would.
 */
function removeTownNames(t: string): string {
  let out = t
  for (const name of TOWN_NAMES) if (out.includes(name)) out = out.split(name).join(' ')
  return out
}

/** Distinct n-grams (n = 1…maxN) of a text, in first-seen order. */
export function ngrams(text: string, maxN = 3): string[] {
  const seen = new Set<string>()
  for (const seg of segments(text)) {
    for (let i = 0; i < seg.length; i++) {
      let g = ''
      for (let n = 1; n <= maxN && i + n <= seg.length; n++) {
        g += seg[i + n - 1]
        seen.add(g)
      }
    }
  }
  return [...seen]
}

/** How many units an n-gram spans ('mes' is one unit, '社保' two). */
export function gramLength(gram: string): number {
  let n = 0
  let latin = false
  for (const ch of gram) {
    const c = ch.charCodeAt(0)
    const isLatin = (c >= 97 && c <= 122)
    if (!(isLatin && latin)) n++
    latin = isLatin
  }
  return n
}

/** Towns named in the text, in order of first mention. */
export function townsMentioned(text: string): TownId[] {
  const found: { id: TownId; at: number }[] = []
  for (const t of TOWNS) {
    const at = text.indexOf(t.name)
    if (at >= 0) found.push({ id: t.id, at })
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.id)
}

const CONNECTIVES = ['另外', '此外', '还有就是', '还有', '同时', '顺便', '以及', '而且', '再就是', '另一个', '第二']

/**
 * Clauses, for spotting a second matter in one problem: the text split at sentence ends and at
 * connectives like 另外/同时/还有, with commas splitting only when both sides are long enough.
 */
export function clauses(text: string, minUnits = 6): string[] {
  let t = normalizeText(text)
  for (const c of CONNECTIVES) t = t.split(c).join('。')
  const sentences = t.split(/[。！？；;!?\n\r]+/)
  const out: string[] = []
  for (const s of sentences) {
    const parts = s.split(/[，,、：:]+/)
    let cur = ''
    for (const p of parts) {
      cur = cur ? `${cur}，${p}` : p
      if (unitCount(cur) >= minUnits) {
        out.push(cur)
        cur = ''
      }
    }
    if (cur) {
      if (out.length && unitCount(cur) < minUnits) out[out.length - 1] += `，${cur}`
      else out.push(cur)
    }
  }
  return out.filter((c) => unitCount(c) > 0)
}

function unitCount(s: string): number {
  return segments(s).reduce((n, seg) => n + seg.length, 0)
}
