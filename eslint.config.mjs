// ESLint 9 flat config: typescript-eslint's recommended rules (not type-checked, for speed) plus the
// architecture's dependency rules (docs/architecture.md):
//   - features never import each other (zones generated from the folders in src/features at lint time);
//   - src/ never imports the backend; cloudfunctions/ never imports the app or Taro;
//   - types/ (the contract) imports neither side;
//   - cloudfunctions/core is pure: no Node built-ins, no database drivers, no wx-server-sdk, nothing from
//     app/, db/, local/ or functions/;
//   - wx-server-sdk only in cloudfunctions/functions/** (the deployed entries).
// Folder boundaries use import/no-restricted-paths (it sees through relative paths and the @/ and
// @contract aliases); package bans use no-restricted-imports.
import js from '@eslint/js'
import importPlugin from 'eslint-plugin-import'
import globals from 'globals'
import fs from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import tseslint from 'typescript-eslint'

const root = path.dirname(fileURLToPath(import.meta.url))

// eslint-plugin-react-hooks when installed; otherwise a stand-in so that the code's
// `eslint-disable-next-line react-hooks/exhaustive-deps` comments still name a known rule.
const reactHooks = await import('eslint-plugin-react-hooks').then(
  (m) => m.default ?? m,
  () => null
)
const noop = { meta: { type: 'problem', schema: false }, create: () => ({}) }
const reactHooksPlugin = reactHooks ?? { rules: { 'rules-of-hooks': noop, 'exhaustive-deps': noop } }

// --- resolving the tsconfig.json aliases for eslint-plugin-import -----------------------------------
// The node resolver hands its options to `resolve`, whose packageIterator lists the candidate paths of a
// bare specifier: we point the aliases into the repository (extensions below find .ts/.tsx/index.ts).
const ALIASES = [
  [/^@contract$/, () => path.join(root, 'types', 'index')],
  [/^@contract\/(.+)$/, (m) => path.join(root, 'types', m[1])],
  [/^@\/(.+)$/, (m) => path.join(root, 'src', m[1])]
]
function packageIterator(request, _start, getCandidates) {
  for (const [re, to] of ALIASES) {
    const m = re.exec(request)
    if (m) return [to(m)]
  }
  return getCandidates()
}

// --- zones ------------------------------------------------------------------------------------------
const features = fs.existsSync(path.join(root, 'src/features'))
  ? fs
      .readdirSync(path.join(root, 'src/features'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort()
  : []
const zones = [
  ...features
    .filter(() => features.length > 1)
    .map((f) => ({
      target: `./src/features/${f}`,
      from: features.filter((g) => g !== f).map((g) => `./src/features/${g}`),
      message: 'Features do not import each other: move what both need to src/components, src/hooks or src/utils.'
    })),
  { target: './src', from: './cloudfunctions', message: 'The mini program never imports backend code: share through types/ (@contract).' },
  { target: './cloudfunctions', from: './src', message: 'The backend never imports the mini program: share through types/ (@contract).' },
  { target: './types', from: ['./src', './cloudfunctions'], message: 'types/ is the contract: it imports only zod.' },
  {
    target: './cloudfunctions/core',
    from: ['./cloudfunctions/app', './cloudfunctions/db', './cloudfunctions/local', './cloudfunctions/functions'],
    message: 'cloudfunctions/core holds pure rules: no handlers, database, host or cloud entry code.'
  }
]

// --- banned packages --------------------------------------------------------------------------------
const ban = (names, message) => names.map((name) => ({ name, message }))
const WX_SDK = ban(['wx-server-sdk'], 'wx-server-sdk is loaded only by the cloud entries in cloudfunctions/functions/**.')
const DB_DRIVERS = ban(['pg', '@electric-sql/pglite'], 'Database drivers belong to cloudfunctions/db.')
const TARO = { group: ['@tarojs/*', '@nutui/*', 'react', 'react-dom'], message: 'The backend never imports Taro or React.' }
const NODE_BUILTINS = [...new Set(builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.split('/')[0]))]
const CORE_PURE = [
  ...ban(NODE_BUILTINS, 'cloudfunctions/core is pure: no Node built-ins (I/O, clock and randomness come in as arguments).'),
  ...ban(['pg', '@electric-sql/pglite', 'wx-server-sdk', 'tsx'], 'cloudfunctions/core is pure: no drivers or SDKs.')
]
const restrict = (paths, patterns = []) => ['error', { paths, patterns }]
const nodePrefix = { group: ['node:*'], message: 'cloudfunctions/core is pure: no Node built-ins.' }
const subpaths = (names, message) => ({ group: names.map((n) => `${n}/*`), message })

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'dist-h5/**',
      '.data/**',
      'coverage/**',
      '.tmp/**',
      '.swc/**',
      // the bench's baseline: a bare Taro app with its own config, built by bench/sections/weight.ts
      'bench/hello-world/**',
      // hand-written WeChat native components (Component(), wx): checked by tests/native, not by this config
      'src/components/native/**'
    ]
  },
  {
    // (with the stand-in, the react-hooks directives would all look unused)
    linterOptions: { reportUnusedDisableDirectives: reactHooks ? 'warn' : 'off' }
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': {
        node: { extensions: ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.json'], packageIterator }
      }
    },
    rules: {
      'import/no-restricted-paths': ['error', { basePath: root, zones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }]
    }
  },

  {
    files: ['src/**/*.{ts,tsx}', 'tests/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooksPlugin },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' }
  },
  // test doubles stand in for loosely typed Taro APIs
  { files: ['tests/stubs/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },

  // package bans per area (later blocks override earlier ones for the same files)
  { files: ['src/**'], rules: { 'no-restricted-imports': restrict([...WX_SDK, ...DB_DRIVERS], [subpaths(['@electric-sql/pglite'], 'Database drivers belong to cloudfunctions/db.')]) } },
  { files: ['types/**'], rules: { 'no-restricted-imports': restrict([...WX_SDK, ...DB_DRIVERS], [TARO]) } },
  { files: ['cloudfunctions/**'], rules: { 'no-restricted-imports': restrict(WX_SDK, [TARO]) } },
  { files: ['cloudfunctions/functions/**'], rules: { 'no-restricted-imports': restrict([], [TARO]) } },
  {
    files: ['cloudfunctions/core/**'],
    rules: { 'no-restricted-imports': restrict(CORE_PURE, [TARO, nodePrefix, subpaths([...NODE_BUILTINS, 'pg', '@electric-sql/pglite', 'wx-server-sdk'], 'cloudfunctions/core is pure: no Node built-ins, drivers or SDKs.')]) }
  },

  // environments
  { files: ['src/**'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['**/*.{js,cjs,mjs}', 'scripts/**', 'config/**', 'cloudfunctions/**', 'tests/**', 'bench/**'],
    languageOptions: { globals: { ...globals.node } }
  },
  { files: ['tests/**'], languageOptions: { globals: { ...globals.jest, ...globals.browser } } },
  {
    // CommonJS config files (babel.config.js, jest.config.js, tests/**/*.js stubs)
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  }
)
