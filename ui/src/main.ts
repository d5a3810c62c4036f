import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import App from './App.vue'
import { createAppRouter } from './router'
import './styles.css'

dayjs.locale('zh-cn')

async function bootstrap() {
  // Screenshot/preview aid only: `vite` without the Tauri window, or `vite build --mode mock`.
  // In a production build both conditions are constant false and the mock is not bundled.
  if (
    import.meta.env.MODE === 'mock' ||
    (import.meta.env.DEV && !('__TAURI_INTERNALS__' in window))
  ) {
    const { installMockBackend } = await import('./dev/mockBackend')
    installMockBackend()
  }
  createApp(App).use(createPinia()).use(createAppRouter()).use(ElementPlus).mount('#app')
}

void bootstrap()
