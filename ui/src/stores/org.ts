/** 基础数据 › 单位: the flat list from the backend and the tree built from it. */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { orgApi } from '../api/org'
import type { OrgUnit } from '../api/bindings/OrgUnit'
import type { UnitInput } from '../api/bindings/UnitInput'
import { buildUnitTree, unitLabel } from '../utils/tree'
import { PROJECT_OWNER_KINDS } from '../utils/labels'

export const useOrgStore = defineStore('org', () => {
  const units = ref<OrgUnit[]>([])
  const loaded = ref(false)
  const loading = ref(false)

  const tree = computed(() => buildUnitTree(units.value))
  const byId = computed(() => new Map(units.value.map((u) => [u.id, u])))
  /** Units that may own projects, as 「code 名称」 options. */
  const projectOwners = computed(() =>
    units.value
      .filter((u) => PROJECT_OWNER_KINDS.includes(u.kind))
      .map((u) => ({ value: u.id, label: unitLabel(u) })),
  )
  /** 财政局股室, the possible 主管科室 of a project. */
  const financeSections = computed(() =>
    units.value.filter((u) => u.kind === '财政局股室').map((u) => ({ value: u.id, label: unitLabel(u) })),
  )

  async function load() {
    loading.value = true
    try {
      units.value = await orgApi.units()
      loaded.value = true
    } finally {
      loading.value = false
    }
  }

  async function create(input: UnitInput) {
    const u = await orgApi.unitCreate(input)
    await load()
    return u
  }

  async function update(id: string, input: UnitInput) {
    const u = await orgApi.unitUpdate(id, input)
    await load()
    return u
  }

  async function move(id: string, parentId: string | null) {
    const u = await orgApi.unitMove(id, parentId)
    await load()
    return u
  }

  async function remove(id: string) {
    await orgApi.unitDelete(id)
    await load()
  }

  return { units, loaded, loading, tree, byId, projectOwners, financeSections, load, create, update, move, remove }
})
