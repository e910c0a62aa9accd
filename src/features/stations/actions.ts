import Taro from '@tarojs/taro'
import type { Station } from '@contract/stations'

const isWeapp = () => Taro.getEnv() === Taro.ENV_TYPE.WEAPP

/** True where 导航 can open the phone's map (WeChat); on H5 the address is shown with 复制地址 instead. */
export const canOpenMap = isWeapp

export function callStation(phone: string): void {
  void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)
}

/** WeChat's built-in map at the station (coordinates are gcj02, as WeChat expects). */
export function openMap(station: Pick<Station, 'lat' | 'lng' | 'name' | 'address'>): void {
  void Taro.openLocation({ latitude: station.lat, longitude: station.lng, name: station.name, address: station.address, scale: 17 }).catch(
    () => void Taro.showToast({ title: '无法打开地图', icon: 'none' })
  )
}

/** Copies text and says so; falls back to a hint when the clipboard is not available. */
export async function copyText(text: string, done = '已复制'): Promise<void> {
  try {
    await Taro.setClipboardData({ data: text })
    void Taro.showToast({ title: done, icon: 'none' })
  } catch {
    void Taro.showToast({ title: '复制失败，请长按文字复制', icon: 'none' })
  }
}
