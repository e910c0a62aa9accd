/**
 * jest 29, one project per layer:
 *  core   — pure rules (node)
 *  app    — handlers and the HTTP host against PGlite with the real migrations (node)
 *  db     — PostgreSQL-only suites; skipped with a printed reason unless TEST_DATABASE_URL is set
 *  ui     — pages and components in jsdom with DOM stand-ins for @tarojs/components
 *  native — hand-written native components in miniprogram-simulate
 */
const babelJest = ['babel-jest', { configFile: require.resolve('./tests/babel.jest.config.js') }]
const alias = {
  '^@contract$': '<rootDir>/types/index.ts',
  '^@contract/(.*)$': '<rootDir>/types/$1',
  '^@/(.*)$': '<rootDir>/src/$1'
}
const node = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  transform: { '^.+\\.(ts|tsx|js|mjs|cjs)$': babelJest },
  // PGlite ships ESM only
  transformIgnorePatterns: ['/node_modules/(?!(@electric-sql)/)'],
  moduleNameMapper: alias,
  ...extra
})

module.exports = {
  // Opening a fresh PGlite takes ~3 s on an idle 2-core machine and over 5 s (jest's default) when the
  // machine is busy; a hook or test that hits the limit then leaves its work running into the next test.
  // Speed is judged by `npm run bench`, never by these limits.
  testTimeout: 30_000,
  // jest's default on 2 cores is one worker, which leaves a core idle while the PostgreSQL suites wait
  // on the server and their host processes; two keep CI's test step near half as long
  maxWorkers: 2,
  projects: [
    node('core'),
    node('app'),
    node('db'),
    {
      displayName: 'ui',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/ui/**/*.test.tsx'],
      moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'jsx', 'json'],
      transform: { '^.+\\.(mjs|js|jsx|ts|tsx)$': babelJest },
      transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@stencil|@nutui|classnames|tslib)/)'],
      setupFilesAfterEnv: ['@testing-library/jest-dom'],
      moduleNameMapper: {
        '\\.(css|less|scss|sass)$': '<rootDir>/tests/stubs/style.js',
        '^@tarojs/taro$': '<rootDir>/tests/stubs/taro.ts',
        '^@tarojs/components$': '<rootDir>/tests/stubs/taro-components.tsx',
        ...alias
      }
    },
    {
      displayName: 'native',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/native/**/*.test.js'],
      transform: {}
    }
  ]
}
