/** 基础数据 › 项目 commands. Amounts go out as 万元 text and come back as integer 分. */
import { call } from './invoke'
import type { Project } from './bindings/Project'
import type { ProjectInput } from './bindings/ProjectInput'
import type { ProjectPage } from './bindings/ProjectPage'
import type { ProjectQuery } from './bindings/ProjectQuery'

export const projectsApi = {
  list: (query: ProjectQuery) => call<ProjectPage>('projects_list', { query }),
  get: (id: string) => call<Project>('projects_get', { id }),
  create: (input: ProjectInput) => call<Project>('projects_create', { input }),
  update: (id: string, input: ProjectInput) => call<Project>('projects_update', { id, input }),
  delete: (id: string) => call<void>('projects_delete', { id }),
}
