import { useRef, useState } from 'react'
import { fieldErrors, type FieldErrors } from '@contract/schemas'
import { CloudError, MAYBE_STORED, newRequestId, toCloudError } from '@/services/cloud'

type Checked<T> = { success: true; data: T } | { success: false; error: Parameters<typeof fieldErrors>[0] }

export interface FormSubmit {
  errors: FieldErrors
  failure: CloudError | null
  sending: boolean
  /** The last failure may have been stored: sending again is safe and will not do it twice. */
  retrying: boolean
  clearError: (field: string) => void
  /**
   * Sends a form once it validates: the schema's result (`schema.safeParse(values)`) plus any errors the
   * form knows of itself (photos still uploading). One request id per intent, kept across retries after a
   * failure that may have been stored; field errors from the server land under their fields.
   * Resolves with the answer, or undefined when nothing was sent or it failed.
   */
  submit: <T, R>(checked: Checked<T>, send: (data: T, requestId: string) => Promise<R>, extra?: FieldErrors) => Promise<R | undefined>
}

export function useFormSubmit(): FormSubmit {
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<CloudError | null>(null)
  const [sending, setSending] = useState(false)
  const busy = useRef(false)
  const requestId = useRef<string | null>(null)

  const clearError = (field: string) =>
    setErrors((e) => {
      if (!(field in e)) return e
      const next = { ...e }
      delete next[field]
      return next
    })

  const submit: FormSubmit['submit'] = async (checked, send, extra = {}) => {
    if (busy.current) return undefined
    setFailure(null)
    const found: FieldErrors = { ...(checked.success ? {} : fieldErrors(checked.error)), ...extra }
    if (!checked.success || Object.keys(found).length) {
      setErrors(found)
      return undefined
    }
    setErrors({})
    if (!requestId.current) requestId.current = newRequestId()
    busy.current = true
    setSending(true)
    try {
      const answer = await send(checked.data, requestId.current)
      requestId.current = null
      return answer
    } catch (e) {
      const err = toCloudError(e)
      if (!MAYBE_STORED.has(err.code)) requestId.current = null
      if (err.fields && Object.keys(err.fields).length) setErrors(err.fields)
      setFailure(err)
      return undefined
    } finally {
      busy.current = false
      setSending(false)
    }
  }

  return { errors, failure, sending, retrying: !!failure && MAYBE_STORED.has(failure.code), clearError, submit }
}
