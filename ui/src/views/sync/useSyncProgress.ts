/**
 * The progress bar of a long export or import: listens to `sync-progress` while a job runs,
 * shows 完成 when it ends, and stops listening when the job ends or the screen closes.
 */
import { computed, onBeforeUnmount, ref } from 'vue'
import type { UnlistenFn } from '@tauri-apps/api/event'
import { onSyncProgress } from '../../api/sync'
import { progressPercent } from './syncText'

export function useSyncProgress() {
  const running = ref(false)
  const progress = ref({ done: 0, total: 0, phase: '' })
  const percent = computed(() => progressPercent(progress.value.done, progress.value.total))
  let unlisten: UnlistenFn | null = null

  function stopListening() {
    unlisten?.()
    unlisten = null
  }
  onBeforeUnmount(stopListening)

  /** Runs `job` with the bar fed by its progress events; rethrows its error. */
  async function track<T>(job: () => Promise<T>): Promise<T> {
    running.value = true
    progress.value = { done: 0, total: 0, phase: '' }
    try {
      unlisten = await onSyncProgress((p) => {
        progress.value = p
      })
      const out = await job()
      progress.value = { done: 1, total: 1, phase: '完成' }
      return out
    } finally {
      stopListening()
      running.value = false
    }
  }

  return { running, progress, percent, track }
}
