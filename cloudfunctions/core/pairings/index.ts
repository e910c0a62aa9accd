export * from './plan'
export * from './activities'
