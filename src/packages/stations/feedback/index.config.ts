export default definePageConfig({
  navigationBarTitleText: '反馈站点问题'
})
