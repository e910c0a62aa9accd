export default definePageConfig({
  navigationBarTitleText: '共建活动',
  enablePullDownRefresh: true
})
