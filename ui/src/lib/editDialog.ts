import { reactive, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { FormInstance } from 'element-plus'
import { useAction } from './action'
import { applyFieldError } from './errors'

/**
 * A create-or-edit dialog over a list (departments, users, counter windows).
 * `open(item)` fills the form from the item, or blank for a new one (null),
 * and clears the field errors; `save()` validates the el-form bound to
 * `formRef` (if any), runs `submit`, toasts "saved", closes and reloads. A
 * field the server names gets its message under that field.
 */
export function useEditDialog<Item, Form extends object>(opts: {
  blank: () => Form
  fill: (item: Item) => Form
  submit: (editing: Item | null, form: Form) => Promise<unknown>
  reload: () => unknown
  /** A rule the form's rules cannot say; false (with the errors set) stops the save. */
  check?: (editing: Item | null, form: Form, errors: Record<string, string>) => boolean
}) {
  const { t } = useI18n()
  const visible = ref(false)
  const editing = ref(null) as Ref<Item | null>
  const formRef = ref<FormInstance>()
  const form = reactive(opts.blank()) as Form
  const errors = reactive<Record<string, string>>(Object.fromEntries(Object.keys(form).map((k) => [k, ''])))
  const { busy: saving, run } = useAction()

  function open(item: Item | null) {
    editing.value = item
    Object.assign(form, item ? opts.fill(item) : opts.blank())
    applyFieldError(null, errors, t)
    visible.value = true
  }

  async function save() {
    if (opts.check && !opts.check(editing.value, form, errors)) return
    if (formRef.value && !(await formRef.value.validate().catch(() => false))) return
    await run(() => opts.submit(editing.value, form), {
      success: 'common.saved',
      reload: () => {
        visible.value = false
        return opts.reload()
      },
      onError: (e) => applyFieldError(e, errors, t),
    })
  }

  return { visible, editing, formRef, form, errors, saving, open, save }
}

/** What `useEditDialog` returns, for the EditDialog component bound to it. */
export type EditDialog<Item, Form extends object> = ReturnType<typeof useEditDialog<Item, Form>>
