/**
 * Similar problems from different enterprises, so the dispatcher can handle a chain-wide problem
 * once instead of many times. Character bigrams suit Chinese without a word segmenter.
 */

const PUNCT = /[\s\p{P}\p{S}\d]+/gu

export function bigrams(text: string): Set<string> {
  const clean = text.replace(PUNCT, '')
  const out = new Set<string>()
  for (let i = 0; i + 1 < clean.length; i++) out.add(clean.slice(i, i + 2))
  return out
}

/** Dice coefficient of the two texts' bigram sets: 0 (nothing shared) … 1 (the same). */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0
  let shared = 0
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  for (const g of small) if (large.has(g)) shared++
  return (2 * shared) / (a.size + b.size)
}

export interface GroupCandidate {
  id: string
  enterpriseId: string
  chainId: string | null
  text: string
}

export interface Group {
  problemIds: string[]
  chainId: string | null
  /** The weakest link that joined the group. */
  similarity: number
  enterprises: number
}

export const DEFAULT_SIMILARITY = 0.3

/**
 * Groups problems whose texts are alike (single linkage above the threshold), within one chain when
 * both name one. Only groups that span at least two enterprises are returned: one enterprise saying
 * the same thing twice is a duplicate, not a chain-wide problem. Strongest groups first.
 */
export function groupSimilar(items: readonly GroupCandidate[], threshold = DEFAULT_SIMILARITY): Group[] {
  const grams = items.map((i) => bigrams(i.text))
  const parent = items.map((_, i) => i)
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])))
  const weakest = new Map<number, number>()
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]
      const b = items[j]
      if (a.chainId && b.chainId && a.chainId !== b.chainId) continue
      const s = similarity(grams[i], grams[j])
      if (s < threshold) continue
      const ri = find(i)
      const rj = find(j)
      const w = Math.min(s, weakest.get(ri) ?? 1, weakest.get(rj) ?? 1)
      if (ri !== rj) parent[rj] = ri
      weakest.set(find(i), w)
    }
  }
  const groups = new Map<number, number[]>()
  items.forEach((_, i) => {
    const r = find(i)
    groups.set(r, [...(groups.get(r) ?? []), i])
  })
  const out: Group[] = []
  for (const [root, members] of groups) {
    const enterprises = new Set(members.map((m) => items[m].enterpriseId)).size
    if (members.length < 2 || enterprises < 2) continue
    out.push({
      problemIds: members.map((m) => items[m].id),
      chainId: members.map((m) => items[m].chainId).find((c) => c) ?? null,
      similarity: Math.round((weakest.get(root) ?? threshold) * 100) / 100,
      enterprises
    })
  }
  return out.sort((a, b) => b.enterprises - a.enterprises || b.similarity - a.similarity)
}
