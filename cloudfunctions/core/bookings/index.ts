export * from './rules'
export * from './slots'
export * from './checkin'
export * from './figures'
