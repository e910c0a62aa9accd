import { SettingsView } from '@/features/dispatch-tools/SettingsView'

export default function Page() {
  return <SettingsView />
}
