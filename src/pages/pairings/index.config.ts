export default definePageConfig({
  navigationBarTitleText: '结对共建',
  enablePullDownRefresh: true
})
