import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import type { Station } from '@contract/stations'
import { StationFeedback } from '@/features/stations/feedback/StationFeedback'
import { chooseImage, redirectTo, useRouter } from '../stubs/taro'
import { answerBy, detailWith, errorBody, okBody, postedTo, resetAll, signIn } from './helpers'

const realFetch = (globalThis as { fetch?: unknown }).fetch
beforeEach(() => {
  resetAll()
  useRouter.mockReturnValue({ params: { id: 'st-1' }, path: '' })
})
afterEach(() => {
  ;(globalThis as { fetch?: unknown }).fetch = realFetch
})

const station: Station = {
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
  amenities: ['water', 'charging'],
  phone: null,
  services: []
}
const page = { ...station, distanceM: null, distanceText: null, open: true, openLabel: '', onSite: 0, managerName: null, photos: [] }
const created = detailWith({ id: 'pb-new', title: `${station.name}：饮水`, station: { id: 'st-1', name: station.name } })

/** Makes `fetch(blobUrl)` answer with these bytes, the way a browser reads a picked file back. */
function blobs(content: Record<string, string>) {
  ;(globalThis as { fetch?: unknown }).fetch = jest.fn(async (url: string) => ({ blob: async () => new Blob([content[url] ?? '']) }))
}
const b64 = (text: string) => Buffer.from(text).toString('base64')
const picked = (...paths: string[]) => ({ tempFilePaths: paths, tempFiles: paths.map((path) => ({ path, size: 16, type: 'image/jpeg' })) })
const statuses = () => screen.getAllByTestId('photo-item').map((e) => e.getAttribute('data-status'))

test('up to three photos: picked, uploaded, sent with the feedback in the order shown', async () => {
  signIn()
  blobs({ 'blob:a': 'photo-a-bytes', 'blob:b': 'photo-b-bytes', 'blob:c': 'photo-c-bytes' })
  answerBy({
    'stations.get': okBody(page),
    'files.upload': (input: { base64: string }) => okBody({ id: `ph-${Buffer.from(input.base64, 'base64').toString().slice(6, 7)}`, url: '/x' }),
    'stations.feedback': okBody(created)
  })
  render(<StationFeedback />)
  fireEvent.click(await screen.findByTestId('feedback-amenity-water'))
  expect(screen.getByTestId('photo-count')).toHaveTextContent('0/3')

  chooseImage.mockResolvedValueOnce(picked('blob:a', 'blob:b'))
  fireEvent.click(screen.getByTestId('photo-add'))
  await waitFor(() => expect(statuses()).toEqual(['done', 'done']))
  expect(chooseImage).toHaveBeenLastCalledWith(expect.objectContaining({ count: 3 }))

  // room for one more: a fourth picked is not added, and the field says so
  chooseImage.mockResolvedValueOnce(picked('blob:c', 'blob:d'))
  fireEvent.click(screen.getByTestId('photo-add'))
  await waitFor(() => expect(statuses()).toEqual(['done', 'done', 'done']))
  expect(chooseImage).toHaveBeenLastCalledWith(expect.objectContaining({ count: 1 }))
  expect(screen.getByTestId('photo-notice')).toHaveTextContent('照片最多 3 张')
  expect(screen.getByTestId('photo-count')).toHaveTextContent('3/3')
  expect(screen.queryByTestId('photo-add')).toBeNull()

  fireEvent.click(screen.getByTestId('feedback-submit'))
  await waitFor(() => expect(redirectTo).toHaveBeenCalled())
  expect(postedTo('files.upload').map((b) => b.input.base64)).toEqual(expect.arrayContaining([b64('photo-a-bytes'), b64('photo-b-bytes'), b64('photo-c-bytes')]))
  expect(postedTo('stations.feedback')[0].input).toEqual({
    stationId: 'st-1',
    amenity: 'water',
    content: '饮水机没有热水了',
    photos: ['ph-a', 'ph-b', 'ph-c']
  })
  expect(redirectTo.mock.calls[0][0].url).toContain('pb-new')
})

test('without photos nothing about photos is sent', async () => {
  signIn()
  answerBy({ 'stations.get': okBody(page), 'stations.feedback': okBody(created) })
  render(<StationFeedback />)
  fireEvent.change(await screen.findByLabelText('遇到的情况'), { target: { value: '门口积水' } })
  fireEvent.click(screen.getByTestId('feedback-submit'))
  await waitFor(() => expect(postedTo('stations.feedback')).toHaveLength(1))
  expect(postedTo('stations.feedback')[0].input).toEqual({ stationId: 'st-1', content: '门口积水' })
})

test('a photo still uploading or failed holds the feedback back, with a message on the photos row', async () => {
  signIn()
  blobs({ 'blob:a': 'photo-a-bytes' })
  answerBy({ 'stations.get': okBody(page), 'files.upload': errorBody(503, 'UNAVAILABLE', '服务暂不可用，请稍后重试'), 'stations.feedback': okBody(created) })
  render(<StationFeedback />)
  fireEvent.click(await screen.findByTestId('feedback-amenity-water'))
  chooseImage.mockResolvedValueOnce(picked('blob:a'))
  fireEvent.click(screen.getByTestId('photo-add'))
  await waitFor(() => expect(statuses()).toEqual(['failed']))
  fireEvent.click(screen.getByTestId('feedback-submit'))
  expect(await screen.findByTestId('photo-error')).toHaveTextContent('有照片上传失败，请点“重试”或删除后再提交')
  expect(postedTo('stations.feedback')).toHaveLength(0)

  fireEvent.click(screen.getByTestId('photo-remove'))
  fireEvent.click(screen.getByTestId('feedback-submit'))
  await waitFor(() => expect(postedTo('stations.feedback')).toHaveLength(1))
  expect(postedTo('stations.feedback')[0].input).not.toHaveProperty('photos')
})

test('a refusal from the server that is not about a field shows under the form', async () => {
  signIn()
  answerBy({ 'stations.get': okBody(page), 'stations.feedback': errorBody(404, 'NOT_FOUND', '站点不存在或已停用') })
  render(<StationFeedback />)
  fireEvent.click(await screen.findByTestId('feedback-amenity-water'))
  fireEvent.click(screen.getByTestId('feedback-submit'))
  expect(await screen.findByTestId('feedback-failure')).toHaveTextContent('站点不存在或已停用')
  expect(redirectTo).not.toHaveBeenCalled()
})
