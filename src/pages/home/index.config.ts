export default definePageConfig({
  navigationBarTitleText: '链上通',
  enablePullDownRefresh: true
})
