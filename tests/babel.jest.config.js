// Babel for jest only (the app build uses babel.config.js with babel-preset-taro).
module.exports = {
  presets: [
    ['@babel/preset-env', { targets: { node: 'current' } }],
    ['@babel/preset-react', { runtime: 'automatic' }],
    '@babel/preset-typescript'
  ],
  plugins: [
    // the same per-component NutUI imports as the app build, so jest never loads NutUI's whole bundle
    ['import', {
      libraryName: '@nutui/nutui-react-taro',
      camel2DashComponentName: false,
      customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
      style: false
    }, 'nutui-react-taro']
  ]
}
