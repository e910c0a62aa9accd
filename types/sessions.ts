/** A 吐槽大会: a dispatcher-run session for a chain where enterprises voice problems openly. */
export interface TucaoSession {
  id: string
  chainId: string
  chainName: string
  title: string
  /** YYYY-MM-DD, China. */
  startsOn: string
  endsOn: string
  /** Open for filing today. */
  open: boolean
  problemCount: number
}
