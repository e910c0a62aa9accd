import { act, render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { useRemote } from '@/hooks/useRemote'
import { CloudError } from '@/services/cloud'
import { useDidShow, resetTaroStub } from '../stubs/taro'

beforeEach(() => {
  resetTaroStub()
  jest.useRealTimers()
})

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

function Probe({ loader, dep, refreshOnShow }: { loader: (dep: string) => Promise<string>; dep: string; refreshOnShow?: boolean }) {
  const r = useRemote(() => loader(dep), [dep], { refreshOnShow })
  return <div data-testid='out'>{r.loading ? 'loading' : r.error ? `error:${r.error.message}` : `data:${r.data}`}</div>
}

/** The page-show callback the component registered last (Taro calls it when the page is shown again). */
const lastDidShow = () => useDidShow.mock.calls[useDidShow.mock.calls.length - 1][0] as () => void

test('only the newest answer is kept when deps change faster than answers arrive', async () => {
  const slow = deferred<string>()
  const fast = deferred<string>()
  const loader = jest.fn((dep: string) => (dep === 'a' ? slow.promise : fast.promise))
  function Switcher() {
    const [dep, setDep] = useState('a')
    return (
      <>
        <button onClick={() => setDep('b')}>b</button>
        <Probe loader={loader} dep={dep} />
      </>
    )
  }
  render(<Switcher />)
  act(() => screen.getByText('b').click())
  await act(async () => fast.resolve('B'))
  await act(async () => slow.resolve('A'))
  expect(screen.getByTestId('out')).toHaveTextContent('data:B')
  expect(loader).toHaveBeenCalledTimes(2)
})

test('a page shown again after a failure loads again; a quiet refresh keeps data on failure', async () => {
  const loader = jest
    .fn<Promise<string>, [string]>()
    .mockRejectedValueOnce(new CloudError('UNAVAILABLE', '网络不给力，请稍后重试'))
    .mockResolvedValueOnce('第一次')
    .mockRejectedValueOnce(new CloudError('UNAVAILABLE', '网络不给力，请稍后重试'))
  const now = jest.spyOn(Date, 'now')
  let t = 1_000_000
  now.mockImplementation(() => t)
  render(<Probe loader={loader} dep='x' refreshOnShow />)
  await waitFor(() => expect(screen.getByTestId('out')).toHaveTextContent('error:网络不给力，请稍后重试'))

  // the first show right after mounting does not load twice
  act(() => lastDidShow()())
  expect(loader).toHaveBeenCalledTimes(1)

  t += 5000
  await act(async () => lastDidShow()())
  await waitFor(() => expect(screen.getByTestId('out')).toHaveTextContent('data:第一次'))

  t += 5000
  await act(async () => lastDidShow()())
  expect(loader).toHaveBeenCalledTimes(3)
  expect(screen.getByTestId('out')).toHaveTextContent('data:第一次')
  now.mockRestore()
})
