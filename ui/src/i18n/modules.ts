// Each feature keeps its messages in `modules/<feature>.ts`, default-exporting
// `{ 'zh-CN': {...}, en: {...} }` with the same keys in both; they are merged
// under their top-level keys here so features never edit the same file.
type Tree = { [k: string]: string | Tree }
export interface ModuleMessages {
  'zh-CN': Tree
  en: Tree
}

const found = import.meta.glob<{ default: ModuleMessages }>('./modules/*.ts', { eager: true })

export function moduleMessages(locale: 'zh-CN' | 'en'): Tree {
  const out: Tree = {}
  for (const m of Object.values(found)) Object.assign(out, m.default[locale])
  return out
}
