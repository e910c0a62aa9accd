import { hmacTokens } from '../../cloudfunctions/app/auth/tokens'

describe('session tokens', () => {
  const tokens = hmacTokens('secret-a', 60_000)
  const t0 = new Date('2026-11-23T00:00:00Z')

  test('a fresh token names its person', () => {
    expect(tokens.verify(tokens.issue('p-1', t0), t0)).toBe('p-1')
  })

  test('an expired token is refused', () => {
    expect(tokens.verify(tokens.issue('p-1', t0), new Date(t0.getTime() + 60_001))).toBeNull()
  })

  test('a token signed with another secret is refused', () => {
    expect(hmacTokens('secret-b').verify(tokens.issue('p-1', t0), t0)).toBeNull()
  })

  test('a token whose body was changed is refused', () => {
    const [v, , sig] = tokens.issue('p-1', t0).split('.')
    const forged = Buffer.from(JSON.stringify({ sub: 'p-admin', exp: t0.getTime() + 1e9 })).toString('base64url')
    expect(tokens.verify(`${v}.${forged}.${sig}`, t0)).toBeNull()
  })

  test.each(['', 'v1', 'v1..', 'v2.a.b', 'garbage.token.here'])('malformed %p is refused', (t) => {
    expect(tokens.verify(t, t0)).toBeNull()
  })
})
