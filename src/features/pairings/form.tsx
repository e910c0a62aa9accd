import { View, Text } from '@tarojs/components'
import { MAYBE_STORED, type CloudError } from '@/services/cloud'

/** A failed submission: the message, and when it may have been stored, that sending again is safe. */
export function FailureAlert({ failure }: { failure: CloudError | null }) {
  if (!failure) return null
  return (
    <View className='pa-form-alert' data-testid='form-failure'>
      <Text>{failure.message}</Text>
      {MAYBE_STORED.has(failure.code) && <Text className='pa-form-alert__hint'>可直接再次提交，不会重复登记</Text>}
    </View>
  )
}
