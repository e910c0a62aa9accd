export default definePageConfig({
  navigationBarTitleText: '吐槽大会',
  enablePullDownRefresh: true
})
