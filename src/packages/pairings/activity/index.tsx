import { View } from '@tarojs/components'
import { StateView } from '@/components/StateView'

// PLACEHOLDER: replaced by the feature page
export default function Page() {
  return (
    <View className='page'>
      <StateView empty emptyTitle='功能建设中' />
    </View>
  )
}
