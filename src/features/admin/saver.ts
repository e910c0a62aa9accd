import type { z } from 'zod'
import type { Saver } from './console-types'

/**
 * A list's save: the same schema the server uses checks the draft first (so most mistakes are shown
 * without a round trip), then `send` runs with the request id useFormSubmit keeps for retries.
 */
export function saver<S extends z.ZodType, R>(schema: S, send: (input: z.output<S>, requestId: string) => Promise<R>): Saver<R> {
  return (form, values) => form.submit(schema.safeParse(values), send)
}
