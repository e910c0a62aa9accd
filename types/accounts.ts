import type { RoleGrant } from './roles'

export interface User {
  id: string
  name: string
  roles: RoleGrant[]
}

export interface Session {
  token: string
  user: User
}
