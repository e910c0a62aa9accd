// Preloaded (`node --require`) into the `taro build` runs of the bench's weight section: the build writes
// to BENCH_WEIGHT_OUTPUT instead of the config's outputRoot (dist/<type>). The bench must not overwrite a
// dist/ that someone is serving or has open in WeChat DevTools, and a copy of the repository would resolve
// node_modules through a symlink; this way the app is built from its own folder with its own config, and
// only the destination differs. Taro's CLI reads the config through @tarojs/service's Config.init and
// computes every output path from initialConfig.outputRoot afterwards (Kernel), so patching init suffices.
'use strict'
const path = require('node:path')
const { Config } = require('@tarojs/service')

const outputRoot = process.env.BENCH_WEIGHT_OUTPUT
if (!outputRoot || !path.isAbsolute(outputRoot)) {
  throw new Error('bench weight: BENCH_WEIGHT_OUTPUT must be an absolute directory')
}
// fail before building rather than fall back to dist/ if a Taro upgrade moves this
if (typeof Config !== 'function' || typeof Config.prototype.init !== 'function') {
  throw new Error('bench weight: @tarojs/service no longer exports Config with init(); update bench/lib/weight-output-root.cjs')
}

const init = Config.prototype.init
Config.prototype.init = async function (...args) {
  await init.apply(this, args)
  if (this.initialConfig) this.initialConfig.outputRoot = outputRoot
}
