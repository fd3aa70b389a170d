import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { errorMessage } from './errors'

export interface ActionOptions {
  /** i18n key of the toast shown when the action succeeded. */
  success?: string
  /** Runs after a success (typically the page's `load`), awaited. */
  reload?: () => unknown
  /** Runs when the action failed, after the error toast (e.g. to mark a form field). */
  onError?: (err: unknown) => void
}

/**
 * "Run an action, toast, reload": `run(() => api.x(...), { success, reload })`
 * shows the success toast or the server's error (problem+json `detail`),
 * reloads on success, and resolves to the action's result (undefined when it
 * failed). `busy` is true while an action runs (for :loading on a button).
 */
export function useAction() {
  const { t } = useI18n()
  const busy = ref(false)

  async function run<T>(action: () => Promise<T>, opts: ActionOptions = {}): Promise<T | undefined> {
    busy.value = true
    try {
      const result = await action()
      if (opts.success) ElMessage.success(t(opts.success))
      if (opts.reload) await opts.reload()
      return result
    } catch (e) {
      ElMessage.error(errorMessage(e, t))
      opts.onError?.(e)
      return undefined
    } finally {
      busy.value = false
    }
  }

  return { busy, run }
}
