import { defineStore } from 'pinia'
import { ref, type Ref } from 'vue'
import { api } from '../client'
import { itemsOf } from '../lib/api'
import type { Department, User } from '../lib/types'

/**
 * Lists many pages pick from (departments, users), fetched once per session
 * and shared. The admin pages that change them call `invalidate` after a
 * save; a sign-out drops everything (another user may see other data).
 */
export const useReferenceData = defineStore('referenceData', () => {
  const departmentList = ref<Department[]>([])
  const userList = ref<User[]>([])
  let departmentsLoading: Promise<Department[]> | null = null
  let usersLoading: Promise<User[]> | null = null

  function cached<T>(
    list: Ref<T[]>,
    loading: Promise<T[]> | null,
    fetchAll: () => Promise<T[]>,
    set: (p: Promise<T[]> | null) => void,
  ) {
    if (loading) return loading
    const p = fetchAll().then(
      (rows) => {
        list.value = rows
        return rows
      },
      (e) => {
        // A failure is not cached: the next page asks again.
        set(null)
        throw e
      },
    )
    set(p)
    return p
  }

  /** All departments of the hospital (inactive ones included). */
  function departments(): Promise<Department[]> {
    return cached(
      departmentList,
      departmentsLoading,
      async () => itemsOf(await api.departments()),
      (p) => (departmentsLoading = p),
    )
  }

  /** All users of the hospital (disabled ones included). */
  function users(): Promise<User[]> {
    return cached(
      userList,
      usersLoading,
      async () => itemsOf(await api.users()),
      (p) => (usersLoading = p),
    )
  }

  function invalidate(which?: 'departments' | 'users') {
    if (!which || which === 'departments') departmentsLoading = null
    if (!which || which === 'users') usersLoading = null
  }

  function $reset() {
    invalidate()
    departmentList.value = []
    userList.value = []
  }

  return { departmentList, userList, departments, users, invalidate, $reset }
})

/** Departments where patients are treated (the follow-up and booking pickers). */
export const isClinical = (d: Department) => d.kind === 'clinical'

/**
 * A page's department picker: `load()` fills `departments` with the shared
 * list, kept to those `keep` accepts. A refusal (no right to the list)
 * leaves the picker empty; the page works without it.
 */
export function useDepartmentChoices(keep: (d: Department) => boolean = () => true) {
  const reference = useReferenceData()
  const departments = ref<Department[]>([])
  async function load() {
    try {
      departments.value = (await reference.departments()).filter(keep)
    } catch {
      // The picker stays empty.
    }
  }
  return { departments, load }
}
