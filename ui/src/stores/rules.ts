/** 系统设置 › 规则设置: the current rule set and its saved versions. */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { rulesApi, type RuleSetData, type RuleSetVersionData } from '../api/rules'

export const useRulesStore = defineStore('rules', () => {
  const current = ref<RuleSetVersionData | null>(null)
  const versions = ref<RuleSetVersionData[]>([])
  const loading = ref(false)

  async function load() {
    loading.value = true
    try {
      const [cur, list] = await Promise.all([rulesApi.current(), rulesApi.versions()])
      current.value = cur
      versions.value = [...list].sort((a, b) => Number(b.version) - Number(a.version))
    } finally {
      loading.value = false
    }
  }

  async function save(rules: RuleSetData, note: string) {
    const saved = await rulesApi.save(rules, note)
    await load()
    return saved
  }

  return { current, versions, loading, load, save }
})
