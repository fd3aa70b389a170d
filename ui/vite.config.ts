/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Heavy libraries go to their own chunks so the app chunk stays small and
// the vendors are cached across releases.
function vendorChunk(id: string): string | null {
  if (!id.includes('node_modules')) return null
  if (id.includes('/echarts/') || id.includes('/zrender/')) return 'echarts'
  if (id.includes('/element-plus/') || id.includes('/@element-plus/')) return 'element-plus'
  if (
    id.includes('/@vue/') ||
    id.includes('/vue/') ||
    id.includes('/vue-router/') ||
    id.includes('/pinia/') ||
    id.includes('/vue-i18n/') ||
    id.includes('/@intlify/')
  )
    return 'vue'
  return null
}

export default defineConfig({
  plugins: [vue()],
  // Tauri expects a fixed port and must see Rust errors in the terminal.
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: true, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: [{ name: vendorChunk, debugName: 'vendors' }] },
      },
    },
  },
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
  },
})
