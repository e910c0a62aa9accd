export * from './week'
export * from './summary'
