export default definePageConfig({
  navigationBarTitleText: '诉求详情',
  enablePullDownRefresh: true,
  // the native status tag (weapp only; H5 renders its React twin, see features/problems/DetailStatus)
  usingComponents: {
    'status-tag': '../../../components/native/status-tag/index'
  }
})
