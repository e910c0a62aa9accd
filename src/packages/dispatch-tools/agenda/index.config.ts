export default definePageConfig({
  navigationBarTitleText: '吐槽大会议程',
  enablePullDownRefresh: true
})
