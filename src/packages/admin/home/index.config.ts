export default definePageConfig({
  navigationBarTitleText: '管理后台',
  enablePullDownRefresh: true
})
