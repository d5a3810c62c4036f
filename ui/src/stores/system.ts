/** 系统设置 › 数据维护 (the 操作日志 has its own store, `audit.ts`). */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { systemApi, type BackupList } from '../api/system'
import type { BackupSettings } from '../api/bindings/BackupSettings'
import { reloadWindow } from '../utils/reload'
import type { CheckReport } from '../api/bindings/CheckReport'
import { useSessionStore } from './session'

export const useSystemStore = defineStore('system', () => {
  const check = ref<CheckReport | null>(null)
  const checking = ref(false)
  const lastBackup = ref<string | null>(null)
  const backups = ref<BackupList | null>(null)
  const backupSettings = ref<BackupSettings>({ keep: 10, daily: true })

  async function runCheck() {
    checking.value = true
    try {
      check.value = await systemApi.check()
    } finally {
      checking.value = false
    }
  }

  async function backup(dest: string) {
    lastBackup.value = await systemApi.backup(dest)
    return lastBackup.value
  }

  async function loadBackups() {
    const [list, settings] = await Promise.all([systemApi.backups(), systemApi.backupSettings()])
    backups.value = list
    backupSettings.value = settings
  }

  async function saveBackupSettings(settings: BackupSettings) {
    backupSettings.value = await systemApi.saveBackupSettings(settings)
  }

  /** Restores `path`, then reloads the whole window so every screen shows the restored data. */
  async function restore(path: string) {
    const report = await systemApi.restore(path)
    reloadWindow()
    return report
  }

  /** Re-reads counts and paths for the 数据维护 page. */
  async function refreshStatus() {
    const session = useSessionStore()
    session.applyStatus(await systemApi.status())
  }

  return {
    check,
    checking,
    lastBackup,
    backups,
    backupSettings,
    runCheck,
    backup,
    loadBackups,
    saveBackupSettings,
    restore,
    refreshStatus,
  }
})
