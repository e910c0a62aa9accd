export interface Department {
  id: string
  name: string
  matters: string
}

export interface Town {
  id: string
  name: string
}

export interface Chain {
  id: string
  name: string
  leader: string | null
  leadDepartmentId: string
  cooperatingDepartmentIds: string[]
}

export interface Enterprise {
  id: string
  name: string
  chainId: string | null
  townId: string | null
  isChainLeader: boolean
}

export interface Overview {
  enterprises: number
  chains: number
  stations: number
  pairings: number
  problems: number
  problemsClosed: number
}

export interface Bootstrap {
  departments: Department[]
  towns: Town[]
  chains: Chain[]
}
