export default definePageConfig({
  navigationBarTitleText: '服务驿站',
  enablePullDownRefresh: true
})
