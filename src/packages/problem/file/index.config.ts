export default definePageConfig({
  navigationBarTitleText: '提交诉求',
  enablePullDownRefresh: false
})
