import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { errorMessage } from './errors'
import type { Page } from './types'

/**
 * State of a paged, filtered list (patients, tickets, tasks, audit log, jobs,
 * SMS outbox, HL7 inbox): `load` fetches the current page, `search` starts
 * again from page 1 after a filter changed. `fetchPage` may answer null when
 * there is nothing to ask for (an empty search box): the list empties and
 * `loaded` turns false. Errors become a message; the rows stay as they were.
 */
export function usePagedList<T>(
  fetchPage: (page: number, perPage: number) => Promise<Page<T>> | null,
  perPageDefault = 50,
  initialPage = 1,
) {
  const { t } = useI18n()
  const page = ref(initialPage)
  const perPage = ref(perPageDefault)
  const total = ref(0)
  const rows = ref([]) as Ref<T[]>
  const loading = ref(false)
  /** True once a page was fetched (false again after a null fetch). */
  const loaded = ref(false)

  async function load() {
    const pending = fetchPage(page.value, perPage.value)
    if (!pending) {
      rows.value = []
      total.value = 0
      loaded.value = false
      return
    }
    loading.value = true
    try {
      const res = await pending
      rows.value = res.items
      total.value = res.total
      loaded.value = true
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

  return { page, perPage, total, rows, loading, loaded, load, search }
}

/** What `usePagedList` returns, for components bound to a whole list (`PagedTable`). */
export type PagedList<T> = ReturnType<typeof usePagedList<T>>
