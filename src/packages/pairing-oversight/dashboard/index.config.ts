export default definePageConfig({
  navigationBarTitleText: '结对共建督导',
  enablePullDownRefresh: true
})
