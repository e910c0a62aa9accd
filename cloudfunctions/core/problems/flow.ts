/** The problem flow: states, transitions, deadlines and 督办 (see docs/flow.md). */
export * from './flow-types'
export * from './flow-events'
export * from './sla'
export * from './state-machine'
export * from './supervision'
