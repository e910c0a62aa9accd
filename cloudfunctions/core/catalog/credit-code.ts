// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-letter alphabet; the 18th is a check digit
// computed from the first 17 with fixed weights, so a mistyped character is caught before it is stored.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** The check character for the first 17 characters, or null when one of them is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i] ?? '')
    if (v < 0) return null
    sum += v * (WEIGHTS[i] as number)
  }
  return ALPHABET[(31 - (sum % 31)) % 31] as string
}

/** Why a code is not valid (in Chinese, for the form and the import report), or null when it is. */
export function creditCodeProblem(raw: string): string | null {
  const code = raw.trim().toUpperCase()
  if (code.length !== 18) return '统一社会信用代码应为 18 位'
  const bad = [...code].find((c) => !ALPHABET.includes(c))
  if (bad) return `统一社会信用代码含有不允许的字符“${bad}”（不使用 I、O、S、V、Z）`
  const expected = creditCodeCheckChar(code.slice(0, 17))
  if (expected !== code[17]) return '统一社会信用代码校验位不正确，请核对是否抄错'
  return null
}
