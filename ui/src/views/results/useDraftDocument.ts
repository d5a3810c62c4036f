/**
 * 「出具反馈意见函」 from another screen (重点评价 editor, 抽查复核 row): draft the document from
 * that source (core returns the existing draft if there is one) and open it in the editor. An
 * already issued letter is refused by core with its 文号; the message says so.
 */
import { ref } from 'vue'
import { useRouter } from 'vue-router'
import { ElMessage } from 'element-plus'
import type { DraftInput } from '../../api/bindings/DraftInput'
import { documentsApi } from '../../api/documents'
import { errorText } from '../../api/invoke'

export function useDraftDocument() {
  const router = useRouter()
  const drafting = ref(false)

  async function draftAndOpen(input: DraftInput): Promise<boolean> {
    if (drafting.value) return false
    drafting.value = true
    try {
      const view = await documentsApi.draft(input)
      await router.push(`/results/documents/${view.row.id}`)
      return true
    } catch (e) {
      ElMessage.error({ message: errorText(e), duration: 6000 })
      return false
    } finally {
      drafting.value = false
    }
  }

  return { drafting, draftAndOpen }
}
