/** 全局搜索 (`src-tauri/src/commands/search.rs`): grouped hits within the account's scope. */
import { call } from './invoke'
import type { SearchGroup } from './bindings/SearchGroup'

export type { SearchGroup }
export type { SearchHit } from './bindings/SearchHit'

export const searchApi = {
  all: (text: string) => call<SearchGroup[]>('search_all', { text }),
}
