import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { errorMessage } from './errors'

/**
 * Loading what a page shows: `load(...)` runs `fetch` with the same arguments
 * (it stores what it got), `loading` is true meanwhile (for v-loading), and a failure becomes
 * the server's message as a toast while what was shown stays.
 */
export function useLoad<Args extends unknown[]>(fetch: (...args: Args) => Promise<unknown>) {
  const { t } = useI18n()
  const loading = ref(false)

  async function load(...args: Args) {
    loading.value = true
    try {
      await fetch(...args)
    } catch (e) {
      ElMessage.error(errorMessage(e, t))
    } finally {
      loading.value = false
    }
  }

  return { loading, load }
}
