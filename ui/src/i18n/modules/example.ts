import type { ModuleMessages } from '../modules'

// Template for a feature's messages; keep the two locales' keys identical.
const messages: ModuleMessages = {
  'zh-CN': { moduleExample: { hello: '你好' } },
  en: { moduleExample: { hello: 'Hello' } },
}
export default messages
