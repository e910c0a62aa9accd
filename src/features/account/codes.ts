import Taro from '@tarojs/taro'

/**
 * An invite code as it is typed: capitals, in groups of four (K7QM-3XRD-9PWT). Spaces, dashes and other
 * marks are dropped; the server ignores case and dashes too, so a pasted code in any shape works.
 */
export function formatInviteCode(typed: string): string {
  const raw = typed
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 12)
  return raw.replace(/(.{4})(?=.)/g, '$1-')
}

/** The rule of a new password, as the schema checks it (types/schemas.ts). */
export const PASSWORD_RULE = '至少 10 位，含字母和数字'

// Whether an account has a password is not part of the user the server returns; a demo account (signed
// in by role) and one the server said has none are remembered here, so 修改密码 is not offered to them.
const NO_PASSWORD_KEY = 'lst.account.noPassword'

export function markNoPassword(personId: string): void {
  try {
    Taro.setStorageSync(NO_PASSWORD_KEY, personId)
  } catch {
    // storage unavailable: 修改密码 stays offered and the server explains
  }
}

export function knownWithoutPassword(personId: string): boolean {
  try {
    return Taro.getStorageSync(NO_PASSWORD_KEY) === personId
  } catch {
    return false
  }
}
