// esbuild bundles these as strings (scripts/build-cloud.mjs: loader .jsonl → text).
declare module '*.jsonl' {
  const text: string
  export default text
}
