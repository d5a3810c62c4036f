/**
 * The one unsaved-changes guard. Every editing screen, form, drawer and dialog with input calls
 * `useLeaveGuard(dirty, '…')`: leaving the route (or opening another record on the same route)
 * with unsaved changes asks first (「未保存」, 放弃修改并离开 / 留在本页). Dialogs and drawers pass
 * `beforeClose` to `:before-close` and close their 取消 button through `guardedClose`.
 *
 * `useDirty(() => model)` is the usual way to get `dirty`: a JSON snapshot taken by `mark()`
 * (after loading or saving) compared with what is typed now.
 */
import {
  computed,
  getCurrentInstance,
  inject,
  nextTick,
  onBeforeUnmount,
  ref,
  toValue,
  watch,
  type MaybeRefOrGetter,
  type Ref,
} from 'vue'
import { onBeforeRouteLeave, onBeforeRouteUpdate, matchedRouteKey } from 'vue-router'
import { ElMessageBox } from 'element-plus'

/** The dirty checks of every mounted guard (for the window's close). */
const active = new Set<() => boolean>()

/** True when any mounted editing screen, form or dialog has unsaved changes. */
export function anyUnsaved(): boolean {
  for (const d of active) if (d()) return true
  return false
}

/** Asks whether to drop unsaved changes of `what` (e.g. 「监控情况表」). True = discard and go on. */
export async function confirmDiscard(what = '当前内容'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(`${what}有未保存的修改，离开将丢失这些修改。`, '未保存', {
      type: 'warning',
      confirmButtonText: '放弃修改并离开',
      cancelButtonText: '留在本页',
      distinguishCancelAndClose: false,
    })
    return true
  } catch {
    return false
  }
}

export interface LeaveGuard {
  /** Resolves true when there is nothing unsaved or the user chose to discard it. */
  mayLeave: () => Promise<boolean>
  /** For `<el-dialog :before-close>` / `<el-drawer :before-close>`. */
  beforeClose: (done: () => void) => void
  /** Runs `close` (e.g. `visible = false`) once leaving is allowed. */
  guardedClose: (close: () => void) => Promise<void>
}

export function useLeaveGuard(dirty: MaybeRefOrGetter<boolean>, what = '当前内容'): LeaveGuard {
  const isDirty = () => !!toValue(dirty)
  const mayLeave = async () => (isDirty() ? confirmDiscard(what) : true)
  // Route guards only where a router view renders this component (dialogs opened inside a screen
  // are; a component mounted on its own in a test is not, and vue-router would warn).
  if (getCurrentInstance() && inject(matchedRouteKey, null) !== null) {
    onBeforeRouteLeave(mayLeave)
    onBeforeRouteUpdate(mayLeave)
  }
  if (getCurrentInstance()) {
    active.add(isDirty)
    onBeforeUnmount(() => active.delete(isDirty))
  }
  return {
    mayLeave,
    beforeClose: (done) => void mayLeave().then((ok) => ok && done()),
    guardedClose: async (close) => {
      if (await mayLeave()) close()
    },
  }
}

/** A JSON snapshot of `model`: `mark()` after loading/saving; `dirty` when what is typed differs. */
export function useDirty(model: () => unknown) {
  const snapshot = ref<string | null>(null)
  const dirty = computed(() => snapshot.value !== null && JSON.stringify(model()) !== snapshot.value)
  return {
    dirty,
    mark: () => {
      snapshot.value = JSON.stringify(model())
    },
    /** Forget the snapshot (e.g. a dialog closed): nothing is dirty until the next `mark()`. */
    clear: () => {
      snapshot.value = null
    },
  }
}

/**
 * A dialog or drawer with input: the snapshot is taken when it opens (and again by `mark()` after
 * an async load fills the form), nothing is dirty while it is closed. Call it after the
 * component's own `watch(visible, …)` so the form is filled before the snapshot.
 */
export function useDialogGuard(visible: Ref<boolean>, model: () => unknown, what = '当前内容') {
  const track = useDirty(model)
  watch(
    visible,
    (open) => {
      if (open) void nextTick(track.mark)
      else track.clear()
    },
    { immediate: true },
  )
  const guard = useLeaveGuard(() => visible.value && track.dirty.value, what)
  return { ...guard, dirty: track.dirty, mark: track.mark }
}
