import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { errorMessage } from './errors'
import type { Page } from './types'

/**
 * State of a paged, filtered admin list (audit log, jobs, SMS outbox):
 * `load` fetches the current page, `search` starts again from page 1 after a
 * filter changed. Errors become a message; the rows stay as they were.
 */
export function usePagedList<T>(fetchPage: (page: number, perPage: number) => Promise<Page<T>>, perPageDefault = 50) {
  const { t } = useI18n()
  const page = ref(1)
  const perPage = ref(perPageDefault)
  const total = ref(0)
  const rows = ref([]) as Ref<T[]>
  const loading = ref(false)

  async function load() {
    loading.value = true
    try {
      const res = await fetchPage(page.value, perPage.value)
      rows.value = res.items
      total.value = res.total
    } catch (e) {
      ElMessage.error(errorMessage(e, t))
    } finally {
      loading.value = false
    }
  }

  function search() {
    page.value = 1
    load()
  }

  return { page, perPage, total, rows, loading, load, search }
}
