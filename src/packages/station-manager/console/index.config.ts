export default definePageConfig({
  navigationBarTitleText: '站点工作台'
})
