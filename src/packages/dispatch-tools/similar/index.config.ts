export default definePageConfig({
  navigationBarTitleText: '相似问题',
  enablePullDownRefresh: true
})
