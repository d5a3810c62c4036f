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
  createApp(App).use(createPinia()).use(createAppRouter()).use(ElementPlus).mount('#app')
}

void bootstrap()
