import type { PropsWithChildren } from 'react'

// Nothing at launch: the baseline is what Taro and React cost by themselves.
function App({ children }: PropsWithChildren) {
  return children
}

export default App
