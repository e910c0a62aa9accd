import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { AdminPerson } from '@contract/admin'
import { Btn } from './parts'
import { Sheet } from './Sheet'
import { GrantRoleForm } from './GrantRoleForm'

/** 授予角色 in a person's row: opens the grant form over the list. */
export function GrantRoleButton({ record, onChange }: { record: AdminPerson; onChange: (p: AdminPerson) => void }) {
  const [open, setOpen] = useState(false)
  if (record.deleted) return null
  return (
    <>
      <Btn kind='plain' small onClick={() => setOpen(true)} testId='grant-role' label={`给${record.name}授予角色`}>
        授予角色
      </Btn>
      {open && (
        <Sheet title='授予角色' subtitle={record.name} onClose={() => setOpen(false)} testId='grant-sheet'>
          <GrantRoleForm
            person={record}
            onCancel={() => setOpen(false)}
            onGranted={(p) => {
              setOpen(false)
              onChange(p)
              void Taro.showToast({ title: '已授予', icon: 'success' })
            }}
          />
        </Sheet>
      )}
    </>
  )
}
