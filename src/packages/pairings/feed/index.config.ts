export default definePageConfig({
  navigationBarTitleText: '共建动态',
  enablePullDownRefresh: true
})
