/** Reloads the whole window (after a restore every store must re-read the database). */
export function reloadWindow() {
  window.location.reload()
}
