export * from './lockout'
export * from './invites'
