export default definePageConfig({
  navigationBarTitleText: '结对详情',
  enablePullDownRefresh: true
})
