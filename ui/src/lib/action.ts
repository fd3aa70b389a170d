import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { errorMessage } from './errors'

export interface ActionOptions<T> {
  /** The toast when the action succeeded: an i18n key, or a text built from the result. */
  success?: string | ((result: T) => string)
  /** Runs after a success (typically the page's `load`), awaited; gets the result. */
  reload?: (result: T) => unknown
  /** Runs when the action failed, after the error toast (e.g. to mark a form field). */
  onError?: (err: unknown) => void
}

/**
 * "Run an action, toast, reload": `run(() => api.x(...), { success, reload })`
 * shows the success toast or the server's error (problem+json `detail`),
 * reloads on success, and resolves to whether the action succeeded. `busy`
 * is true while an action runs (for :loading on a button).
 */
export function useAction() {
  const { t } = useI18n()
  const busy = ref(false)

  async function run<T>(action: () => Promise<T>, opts: ActionOptions<T> = {}): Promise<boolean> {
    busy.value = true
    try {
      const result = await action()
      if (typeof opts.success === 'function') ElMessage.success(opts.success(result))
      else if (opts.success) ElMessage.success(t(opts.success))
      if (opts.reload) await opts.reload(result)
      return true
    } catch (e) {
      ElMessage.error(errorMessage(e, t))
      opts.onError?.(e)
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, run }
}
