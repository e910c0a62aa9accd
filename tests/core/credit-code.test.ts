import { creditCodeCheckChar, creditCodeProblem } from '../../cloudfunctions/core'

// Codes of real, registered organisations (published on their licences), so the weights and alphabet
// are checked against the standard rather than against themselves.
const REAL = ['91110000802100433B', '91440606MA4UJ8XE2L', '91350100M000100Y43']

describe('统一社会信用代码 (GB 32100-2015)', () => {
  test.each(REAL)('%s is accepted and its check character is recomputed from the first 17', (code) => {
    expect(creditCodeProblem(code)).toBeNull()
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17])
  })

  test('lower case and surrounding spaces are read as the same code', () => {
    expect(creditCodeProblem(' 91440606ma4uj8xe2l ')).toBeNull()
  })

  test.each([
    ['91110000802100433C', 'last character changed'],
    ['91110000802100434B', 'one body digit mistyped'],
    ['91440606MA4UJ8XE2K', 'check letter off by one'],
    ['19110000802100433B', 'two leading digits swapped']
  ])('%s (%s) is refused for its check digit', (code) => {
    expect(creditCodeProblem(code)).toBe('统一社会信用代码校验位不正确，请核对是否抄错')
  })

  test.each(['I', 'O', 'S', 'V', 'Z'])('the letter %s, which the standard leaves out, is named in the refusal', (letter) => {
    const code = `91440606M${letter}4UJ8XE2L`
    expect(creditCodeProblem(code)).toBe(`统一社会信用代码含有不允许的字符“${letter}”（不使用 I、O、S、V、Z）`)
    expect(creditCodeCheckChar(code.slice(0, 17))).toBeNull()
  })

  test('punctuation is refused as a character, not as a wrong check digit', () => {
    expect(creditCodeProblem('91440606MA4UJ8XE-L')).toContain('“-”')
  })

  test.each(['', '9111000080210043', '91110000802100433B0'])('%p is refused for its length', (code) => {
    expect(creditCodeProblem(code)).toBe('统一社会信用代码应为 18 位')
  })

  test('every single-character typo in the body of a real code is caught', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
    const code = REAL[1]
    for (let i = 0; i < 17; i++) {
      for (const c of alphabet) {
        if (c === code[i]) continue
        const typo = code.slice(0, i) + c + code.slice(i + 1)
        expect(creditCodeProblem(typo)).not.toBeNull()
      }
    }
  })
})
