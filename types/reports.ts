/**
 * The figures a district is judged on. Definitions (docs/figures.md):
 * - 响应率: problems whose lead unit accepted (签收) by the accept deadline ÷ problems whose acceptance is
 *   decided (`acceptDecided`: accepted, in time or late, or the accept deadline passed unaccepted) — a
 *   problem still inside its accept deadline is in neither count, so a fresh one never lowers the rate;
 * - 解决率: problems the filer confirmed solved ÷ problems routed (the unit's own closing never counts);
 * - 满意率: ratings of 4 or 5 stars ÷ ratings given;
 * - overdue: problems with a 督办 raised; returns: 退单 count (bouncing, 踢皮球).
 * Rates are null when their denominator is 0 (shown as “—”, never as 0% or 100%).
 */
export type FiguresGroupBy = 'department' | 'chain' | 'month'

export interface FigureRow {
  /** Department id, chain id, or YYYY-MM. */
  key: string
  label: string
  routed: number
  /**
   * Problems whose acceptance is decided when the figures are computed: the current lead unit accepted
   * (签收, in time or late), or its accept deadline has passed without 签收. The denominator of 响应率.
   */
  acceptDecided: number
  acceptedInTime: number
  responseRate: number | null
  confirmedSolved: number
  solveRate: number | null
  rated: number
  satisfied: number
  satisfactionRate: number | null
  averageRating: number | null
  overdue: number
  returns: number
  reopened: number
}

export interface FiguresReport {
  /** Inclusive months, YYYY-MM (China time). */
  from: string
  to: string
  groupBy: FiguresGroupBy
  rows: FigureRow[]
  total: FigureRow
}

export interface ExportedFile {
  fileName: string
  mimeType: string
  /** The file's bytes, base64: the mini program writes them to a temp file, H5 offers a download. */
  base64: string
}
