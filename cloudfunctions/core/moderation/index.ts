export { findBlockedWord, normaliseForMatch, parseWordList } from './words'
