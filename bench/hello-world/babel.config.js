// The app's own Babel (the nearest babel.config.js above this folder: the repository's), so both builds
// transpile alike: Taro's preset, and NutUI's one-component-at-a-time import plugin (inert here).
// Looked up rather than required by a fixed relative path because the bench builds a copy of this folder.
const fs = require('node:fs')
const path = require('node:path')

function appBabelConfig(from) {
  for (let dir = path.dirname(from); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'babel.config.js')
    if (fs.existsSync(file)) return file
  }
  throw new Error('bench hello world: no babel.config.js above ' + from)
}

module.exports = require(appBabelConfig(__dirname))
