import { render, screen, fireEvent, waitFor, act, within } from '@testing-library/react'
import { PrivacyConsent } from '@/components/PrivacyConsent'
import { PhotoField } from '@/components/PhotoField'
import { usePhotoUploads } from '@/hooks/usePhotoUploads'
import { listenForPrivacyRequests } from '@/services/privacy'
import { StationFinder } from '@/features/stations/StationFinder'
import { LogVisitForm } from '@/features/secretary/LogVisitForm'
import type { NearbyStation } from '@contract/bookings'
import Taro, { chooseMedia, ENV_TYPE, getEnv, needPrivacyAuthorization, onNeedPrivacyAuthorization, openPrivacyContract } from '../stubs/taro'
import { answerBy, okBody, postedTo, resetAll, signIn } from './helpers'

// The stand-in Button drops WeChat's open-type events. This one keeps the open type visible and, when
// tapped, fires what WeChat fires for open-type="agreePrivacyAuthorization" (after its own check of the tap).
jest.mock('@tarojs/components', () => {
  const actual = jest.requireActual('@tarojs/components')
  const { createElement } = jest.requireActual('react')
  type MockButtonProps = {
    openType?: string
    onAgreePrivacyAuthorization?: (e: { detail: object }) => void
    onClick?: (e: unknown) => void
    children?: unknown
    id?: string
    className?: string
    disabled?: boolean
    'data-testid'?: string
  }
  const Button = ({ openType, onAgreePrivacyAuthorization, onClick, children, id, className, disabled, ...rest }: MockButtonProps) =>
    createElement(
      'button',
      {
        id,
        className,
        disabled,
        'data-open-type': openType,
        'data-testid': rest['data-testid'],
        onClick: (e: unknown) => {
          onClick?.(e)
          if (openType === 'agreePrivacyAuthorization') onAgreePrivacyAuthorization?.({ detail: {} })
        }
      },
      children
    )
  return { ...actual, Button }
})

const realTaroEnv = process.env.TARO_ENV
const realGeolocation = Object.getOwnPropertyDescriptor(navigator, 'geolocation')
beforeEach(resetAll)
afterEach(() => {
  jest.useRealTimers()
  if (realTaroEnv === undefined) Reflect.deleteProperty(process.env, 'TARO_ENV')
  else process.env.TARO_ENV = realTaroEnv
  if (realGeolocation) Object.defineProperty(navigator, 'geolocation', realGeolocation)
  else delete (navigator as { geolocation?: unknown }).geolocation
  delete (Taro as { getLocation?: unknown }).getLocation
})

/** WeChat asking, outside React's own events: the popup redraws, so inside act(). */
function ask(referrer?: string) {
  let asked: ReturnType<typeof needPrivacyAuthorization> | undefined
  act(() => {
    asked = needPrivacyAuthorization(referrer)
  })
  return asked as ReturnType<typeof needPrivacyAuthorization>
}

/** The mini program: the build constant WeChat-only code checks, and what Taro.getEnv() says there. */
function weapp() {
  process.env.TARO_ENV = 'weapp'
  getEnv.mockImplementation(() => ENV_TYPE.WEAPP)
}

const PRIVACY_FAIL = { errMsg: 'getLocation:fail privacy permission is not authorized' }

const station: NearbyStation = {
  id: 'st-1',
  name: '大良德胜暖"新"驿站',
  type: 'warm',
  address: '大良街道德胜东路 3 号',
  townId: 'daliang',
  townName: '大良街道',
  lat: 22.84,
  lng: 113.25,
  open24h: true,
  hours: [],
  amenities: ['water'],
  phone: null,
  services: [],
  distanceM: 680,
  distanceText: '680 米',
  open: true,
  openLabel: '24 小时营业',
  onSite: 0
}

function Photos() {
  const uploads = usePhotoUploads(3)
  return <PhotoField uploads={uploads} max={3} />
}

describe('the popup', () => {
  // first: the listener is registered for the app's life, and must not be on H5
  test('H5: nothing is registered and nothing shows', () => {
    listenForPrivacyRequests()
    render(<PrivacyConsent />)
    expect(onNeedPrivacyAuthorization).not.toHaveBeenCalled()
    expect(screen.queryByTestId('privacy-consent')).toBeNull()
  })

  test('WeChat: registered once; hidden until WeChat asks; says what we use; 查看 opens the guide; 同意 lets the call go on', async () => {
    weapp()
    listenForPrivacyRequests()
    listenForPrivacyRequests()
    render(<PrivacyConsent />)
    expect(onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1)
    expect(screen.queryByTestId('privacy-consent')).toBeNull()

    const asked = ask('getLocation')
    const popup = await screen.findByTestId('privacy-consent')
    expect(popup).toHaveTextContent('位置')
    expect(popup).toHaveTextContent('查找离您最近的驿站')
    expect(popup).toHaveTextContent('记录走访地点')
    expect(popup).toHaveTextContent('相册、相机')
    // 批量导入 picks its spreadsheet with chooseMessageFile, which WeChat also holds for consent
    expect(popup).toHaveTextContent('聊天中的文件')
    expect(popup).toHaveTextContent('我们不会通过微信获取您的手机号码')
    // WeChat is told the popup was shown
    await waitFor(() => expect(asked.answers).toEqual([{ event: 'exposureAuthorization' }]))

    fireEvent.click(within(popup).getByTestId('privacy-guide'))
    expect(openPrivacyContract).toHaveBeenCalledTimes(1)

    const agree = within(popup).getByTestId('privacy-agree')
    expect(agree).toHaveAttribute('data-open-type', 'agreePrivacyAuthorization')
    expect(agree).toHaveAttribute('id', 'privacy-agree')
    fireEvent.click(agree)
    await expect(asked.settled).resolves.toEqual({ event: 'agree', buttonId: 'privacy-agree' })
    await waitFor(() => expect(screen.queryByTestId('privacy-consent')).toBeNull())
  })

  test('拒绝 answers disagree; several calls waiting on one popup are all answered', async () => {
    weapp()
    render(<PrivacyConsent />)
    const first = ask('getLocation')
    const second = ask('chooseMedia')
    fireEvent.click(await screen.findByTestId('privacy-disagree'))
    await expect(first.settled).resolves.toEqual({ event: 'disagree' })
    await expect(second.settled).resolves.toEqual({ event: 'disagree' })
    await waitFor(() => expect(screen.queryByTestId('privacy-consent')).toBeNull())
  })

  test('two on one page: only one shows', async () => {
    weapp()
    render(
      <>
        <PrivacyConsent />
        <PrivacyConsent />
      </>
    )
    const asked = ask()
    await screen.findByTestId('privacy-consent')
    expect(screen.getAllByTestId('privacy-consent')).toHaveLength(1)
    fireEvent.click(screen.getByTestId('privacy-agree'))
    await expect(asked.settled).resolves.toMatchObject({ event: 'agree' })
  })

  test('no popup on the page: the call fails at once instead of hanging', async () => {
    weapp()
    await expect(needPrivacyAuthorization('setClipboardData').settled).resolves.toEqual({ event: 'disagree' })
  })
})

describe('location', () => {
  test('WeChat: the 8-second limit waits while the popup is up; once agreed the nearest stations are asked for', async () => {
    jest.useFakeTimers()
    weapp()
    const getLocation = jest.fn(() =>
      needPrivacyAuthorization('getLocation').settled.then((a) => (a.event === 'agree' ? { latitude: 22.84, longitude: 113.25 } : Promise.reject(PRIVACY_FAIL)))
    )
    Object.assign(Taro, { getLocation })
    answerBy({ 'stations.nearby': okBody([station]) })
    render(<StationFinder />)
    expect(await screen.findByTestId('privacy-consent')).toBeInTheDocument()
    act(() => {
      jest.advanceTimersByTime(30_000)
    })
    // still waiting for the person, not given up
    expect(screen.queryByTestId('town-picker')).toBeNull()
    fireEvent.click(screen.getByTestId('privacy-agree'))
    await waitFor(() => expect(postedTo('stations.nearby')).toHaveLength(1))
    expect(postedTo('stations.nearby')[0].input).toMatchObject({ lat: 22.84, lng: 113.25 })
    expect(await screen.findByTestId('station-card')).toBeInTheDocument()
  })

  test('WeChat: 拒绝 in the popup → towns, and how to allow it (重新定位 asks again)', async () => {
    weapp()
    const getLocation = jest.fn(() =>
      needPrivacyAuthorization('getLocation').settled.then((a) => (a.event === 'agree' ? { latitude: 22.84, longitude: 113.25 } : Promise.reject(PRIVACY_FAIL)))
    )
    Object.assign(Taro, { getLocation })
    answerBy({ 'stations.nearby': okBody([station]), 'catalog.bootstrap': okBody({ towns: [{ id: 'daliang', name: '大良' }] }) })
    render(<StationFinder />)
    fireEvent.click(await screen.findByTestId('privacy-disagree'))
    const refused = await screen.findByTestId('location-refused')
    expect(refused).toHaveTextContent('您没有同意《隐私保护指引》')
    expect(refused).toHaveTextContent('点“重新定位”，在弹出的说明中点“同意”')
    // picking a town keeps the explanation
    fireEvent.click(await screen.findByTestId('town-daliang'))
    expect(screen.getByTestId('location-refused')).toBeInTheDocument()

    fireEvent.click(screen.getByTestId('retry-location'))
    fireEvent.click(await screen.findByTestId('privacy-agree'))
    await waitFor(() => expect(postedTo('stations.nearby').some((b) => b.input.lat === 22.84)).toBe(true))
    expect(getLocation).toHaveBeenCalledTimes(2)
  })

  test('WeChat: the location permission refused → where to turn it on', async () => {
    weapp()
    Object.assign(Taro, { getLocation: jest.fn().mockRejectedValue({ errMsg: 'getLocation:fail auth deny' }) })
    answerBy({ 'stations.nearby': okBody([]), 'catalog.bootstrap': okBody({ towns: [] }) })
    render(<StationFinder />)
    expect(await screen.findByTestId('location-refused')).toHaveTextContent('右上角“···”→“设置”，打开“位置信息”')
  })

  test('WeChat: the phone does not let WeChat locate → the phone’s settings', async () => {
    weapp()
    Object.assign(Taro, { getLocation: jest.fn().mockRejectedValue({ errMsg: 'getLocation:fail system permission denied' }) })
    answerBy({ 'stations.nearby': okBody([]), 'catalog.bootstrap': okBody({ towns: [] }) })
    render(<StationFinder />)
    expect(await screen.findByTestId('location-refused')).toHaveTextContent('在手机的“设置”中为微信打开位置权限')
  })

  test('H5: the browser refused → its site settings; no popup on H5', async () => {
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: { getCurrentPosition: (_ok: unknown, fail: (e: { code: number; message: string }) => void) => fail({ code: 1, message: 'User denied Geolocation' }) }
    })
    answerBy({ 'stations.nearby': okBody([]), 'catalog.bootstrap': okBody({ towns: [] }) })
    render(<StationFinder />)
    expect(await screen.findByTestId('location-refused')).toHaveTextContent('浏览器没有允许定位')
    expect(screen.queryByTestId('privacy-consent')).toBeNull()
  })

  test('no position for another reason (no geolocation here): the towns, without a refusal message', async () => {
    answerBy({ 'stations.nearby': okBody([]), 'catalog.bootstrap': okBody({ towns: [] }) })
    render(<StationFinder />)
    expect(await screen.findByTestId('town-picker')).toBeInTheDocument()
    expect(screen.queryByTestId('location-refused')).toBeNull()
  })

  test('记录走访 on WeChat: the permission refused → the hint says how to allow it', async () => {
    weapp()
    signIn({ token: 'tok-sec', user: { id: 'u-sec', name: '梁志宏', roles: [{ role: 'secretary', scopeId: 'ent-yt', scopeName: '永通' }] } })
    Object.assign(Taro, { getLocation: jest.fn().mockRejectedValue({ errMsg: 'getLocation:fail auth deny' }) })
    answerBy({ 'secretaries.mine': okBody([{ enterpriseId: 'ent-yt', name: '永通', chainName: null, townName: null, openProblems: 0, overdueProblems: 0, lastVisitAt: null }]) })
    render(<LogVisitForm enterpriseId='ent-yt' />)
    await waitFor(() => expect(screen.getByTestId('location-status')).toHaveAttribute('data-status', 'none'))
    expect(screen.getByTestId('location-hint')).toHaveTextContent('打开“位置信息”，再点“重新定位”')
  })
})

describe('photos', () => {
  test('WeChat: 拒绝 in the popup → the field says how to allow it', async () => {
    weapp()
    chooseMedia.mockImplementation(() =>
      needPrivacyAuthorization('chooseMedia').settled.then(() => Promise.reject({ errMsg: 'chooseMedia:fail privacy permission is not authorized' }))
    )
    render(<Photos />)
    fireEvent.click(screen.getByTestId('photo-add'))
    fireEvent.click(await screen.findByTestId('privacy-disagree'))
    expect(await screen.findByTestId('photo-notice')).toHaveTextContent('您没有同意《隐私保护指引》，暂时无法选择照片。再点“添加照片”')
    expect(screen.queryAllByTestId('photo-item')).toHaveLength(0)
  })

  test('WeChat: the album or camera permission refused → where to turn it on', async () => {
    weapp()
    chooseMedia.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail auth deny' })
    render(<Photos />)
    fireEvent.click(screen.getByTestId('photo-add'))
    expect(await screen.findByTestId('photo-notice')).toHaveTextContent('右上角“···”→“设置”，打开“相册”和“摄像头”')
  })

  test('cancelling the picker is not a refusal: no message', async () => {
    weapp()
    render(<Photos />)
    fireEvent.click(screen.getByTestId('photo-add'))
    await waitFor(() => expect(chooseMedia).toHaveBeenCalled())
    expect(screen.queryByTestId('photo-notice')).toBeNull()
  })
})
