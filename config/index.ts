import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import path from 'node:path'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'

/**
 * Transport is chosen at build time:
 * - H5 always calls the host it was served from (`/api/<fn>`).
 * - weapp calls WeChat cloud functions, unless LST_API_BASE names a self-hosted server (https://…).
 */
const isH5 = process.env.TARO_ENV === 'h5'
const apiBase = isH5 ? '' : process.env.LST_API_BASE ?? ''
const transport = isH5 || apiBase ? 'http' : 'wxcloud'
// types/ (the contract) lives outside src/, and Taro compiles only src/ unless told otherwise
const compile = { include: [path.resolve(__dirname, '..', 'types')] }
/**
 * Vendor prefixes for the mini program only. WeChat draws WXSS in iOS's WKWebView and, on Android, in its
 * Chromium-based engine (XWeb, formerly X5 on Chromium 53+); iOS 10 and Chrome 53 are conservative floors (current
 * WeChat versions need far newer systems). package.json's browserslist ("last 3 versions, Android >= 4.1,
 * ios >= 8") is for H5 in any browser: on weapp it added -ms- and old -webkit- flexbox prefixes that no WeChat
 * reads (about 13 KB of the main package). H5 keeps that list. See docs/architecture.md.
 */
const WEAPP_BROWSERS = ['iOS >= 10', 'Chrome >= 53']

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'lianshangtong',
    date: '2026-11-25',
    // NutUI React Taro is drawn at 375; our own styles at 750
    designWidth(input) {
      const file = typeof input === 'object' && input ? input.file : undefined
      if (file?.replace(/\\+/g, '/').includes('@nutui')) return 375
      return 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      LST_TRANSPORT: JSON.stringify(transport),
      LST_API_BASE: JSON.stringify(apiBase),
      LST_CLOUD_ENV: JSON.stringify(process.env.LST_CLOUD_ENV ?? ''),
      // subscribe-message template ids, a JSON array: '["tmpl-update","tmpl-todo"]'
      LST_SUBSCRIBE_TEMPLATES: JSON.stringify(process.env.LST_SUBSCRIBE_TEMPLATES ?? '[]')
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile,
      postcss: {
        pxtransform: { enable: true, config: {} },
        autoprefixer: { enable: true, config: { overrideBrowserslist: WEAPP_BROWSERS } },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      }
    },
    h5: {
      compile,
      publicPath: '/',
      staticDirectory: 'static',
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      router: { mode: 'hash' },
      devServer: { host: '127.0.0.1', port: 10086, open: false },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      }
    }
  }
  return config
})
