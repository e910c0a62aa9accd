import type { RoleGrant, Role } from './roles'

export interface User {
  id: string
  name: string
  roles: RoleGrant[]
}

export interface DemoSignInInput {
  role: Role
}

export interface Session {
  token: string
  user: User
}
