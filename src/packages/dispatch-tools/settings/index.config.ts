export default definePageConfig({
  navigationBarTitleText: '派单与时限设置',
  enablePullDownRefresh: true
})
