/**
 * The PDF preview's only door to pdf.js: open the bytes a command returned, then draw any page
 * onto a canvas at a given CSS width. The LEGACY build and its worker (served by Vite as a file
 * URL) because the app runs in WebKitGTK on 统信UOS/麒麟 as well as WebView2. Tests mock this
 * module; pdf.js never runs under happy-dom.
 */
import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist/legacy/build/pdf.mjs'
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url'

GlobalWorkerOptions.workerSrc = workerUrl

export interface PdfHandle {
  pages: number
  /** Draws page `n` (1-based) so that it is `cssWidth` pixels wide, sharp on HiDPI screens. */
  render: (n: number, canvas: HTMLCanvasElement, cssWidth: number) => Promise<void>
  destroy: () => Promise<void>
}

export async function openPdf(bytes: ArrayBuffer): Promise<PdfHandle> {
  // pdf.js hands the buffer to its worker (detaching it): give it a copy, keep ours.
  const task = getDocument({ data: new Uint8Array(bytes.slice(0)), isEvalSupported: false })
  const doc = await task.promise
  return {
    pages: doc.numPages,
    async render(n, canvas, cssWidth) {
      const page = await doc.getPage(n)
      const scale = cssWidth / page.getViewport({ scale: 1 }).width
      const ratio = window.devicePixelRatio || 1
      const viewport = page.getViewport({ scale: scale * ratio })
      canvas.width = Math.floor(viewport.width)
      canvas.height = Math.floor(viewport.height)
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`
      canvas.style.height = `${Math.floor(viewport.height / ratio)}px`
      const ctx = canvas.getContext('2d')
      if (!ctx) throw new Error('无法创建画布')
      await page.render({ canvasContext: ctx, viewport }).promise
      page.cleanup()
    },
    destroy: () => task.destroy(),
  }
}
