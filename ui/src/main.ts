import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { onUnauthorized } from './client'
import { useAuth } from './stores/auth'
import { initDesktop, onDesktopShortcut } from './desktop'
import { phone } from './phoneApp'
import './style.css'

function start() {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia).use(i18n).use(router).use(ElementPlus)

  // Any 401 means the session expired or was revoked (user disabled, logged
  // out elsewhere): forget it and go to the login page, keeping the place.
  onUnauthorized(() => {
    const auth = useAuth(pinia)
    if (!auth.isAuthenticated) return
    auth.clear()
    const current = router.currentRoute.value
    if (current.name !== 'login') {
      router.replace({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
    }
  })

  // Agents' global shortcuts (desktop only), for when the window is behind.
  onDesktopShortcut((action) => {
    const auth = useAuth(pinia)
    if (!auth.isAuthenticated) return
    if (action === 'search_patient') router.push({ name: 'patients' })
    else if (action === 'answer') void phone.answer()
    else void phone.hangup()
  })

  document.documentElement.lang = i18n.global.locale.value
  app.mount('#app')
}

// Inside Tauri the server URL must be known before the router's first
// navigation fires any API call; in a browser this resolves at once.
initDesktop().finally(start)
