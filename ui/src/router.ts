/** One route per screen. Hash history: the app is served from Tauri's custom protocol. */
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/projects' },
  { path: '/org/units', name: 'units', component: () => import('./views/org/UnitsView.vue') },
  { path: '/projects', name: 'projects', component: () => import('./views/projects/ProjectsView.vue') },
  { path: '/exante', name: 'exante', component: () => import('./views/exante/ExAnteView.vue') },
  { path: '/library', name: 'library', component: () => import('./views/library/LibraryView.vue') },
  { path: '/targets', name: 'targets', component: () => import('./views/targets/TargetsView.vue') },
  {
    path: '/targets/overview',
    name: 'targets-overview',
    component: () => import('./views/targets/TargetsOverview.vue'),
  },
  {
    path: '/targets/:id',
    name: 'target',
    component: () => import('./views/targets/TargetEditor.vue'),
    props: true,
    meta: { crumb: '编制与审核' },
  },
  { path: '/monitoring', name: 'monitoring', component: () => import('./views/monitoring/RoundsView.vue') },
  {
    path: '/monitoring/sheet/:taskId',
    name: 'monitoring-sheet',
    component: () => import('./views/monitoring/SheetView.vue'),
    props: true,
    meta: { crumb: '监控情况表' },
  },
  {
    path: '/monitoring/:roundId/dashboard',
    name: 'monitoring-dashboard',
    component: () => import('./views/monitoring/DashboardView.vue'),
    props: true,
    meta: { crumb: '监控分析' },
  },
  {
    path: '/monitoring/:roundId',
    name: 'monitoring-tasks',
    component: () => import('./views/monitoring/TasksView.vue'),
    props: true,
    meta: { crumb: '监控情况表列表' },
  },
  {
    path: '/evaluation/overview',
    name: 'evaluation-overview',
    component: () => import('./views/evaluation/Overview.vue'),
  },
  { path: '/evaluation/self', name: 'evaluation-self', component: () => import('./views/evaluation/SelfList.vue') },
  {
    path: '/evaluation/self/:id',
    name: 'evaluation-self-form',
    component: () => import('./views/evaluation/SelfForm.vue'),
    props: true,
    meta: { crumb: '自评表' },
  },
  { path: '/evaluation/spot', name: 'evaluation-spot', component: () => import('./views/evaluation/Spot.vue') },
  { path: '/results/documents', name: 'results-documents', component: () => import('./views/results/Documents.vue') },
  {
    path: '/results/documents/:id',
    name: 'results-document',
    component: () => import('./views/results/DocumentEditor.vue'),
    props: true,
    meta: { crumb: '编辑与印发' },
  },
  { path: '/results/register', name: 'results-register', component: () => import('./views/results/Register.vue') },
  { path: '/results/rect', name: 'results-rect', component: () => import('./views/results/Rectifications.vue') },
  { path: '/results/linkage', name: 'results-linkage', component: () => import('./views/results/Linkage.vue') },
  {
    path: '/results/disclosure',
    name: 'results-disclosure',
    component: () => import('./views/results/Disclosure.vue'),
  },
  { path: '/evaluation/key', name: 'evaluation-key', component: () => import('./views/evaluation/KeyList.vue') },
  {
    path: '/evaluation/key/:id',
    name: 'evaluation-key-editor',
    component: () => import('./views/evaluation/KeyEditor.vue'),
    props: true,
    meta: { crumb: '评价详情' },
  },
  { path: '/evaluation/agencies', name: 'evaluation-agencies', component: () => import('./views/evaluation/Agencies.vue') },
  { path: '/sync/export', name: 'sync-export', component: () => import('./views/sync/ExportView.vue') },
  { path: '/sync/import', name: 'sync-import', component: () => import('./views/sync/ImportView.vue') },
  { path: '/sync/conflicts', name: 'sync-conflicts', component: () => import('./views/sync/ConflictsView.vue') },
  { path: '/sync/history', name: 'sync-history', component: () => import('./views/sync/HistoryView.vue') },
  { path: '/sync/site', name: 'sync-site', component: () => import('./views/sync/SiteView.vue') },
  { path: '/rules', name: 'rules', component: () => import('./views/rules/RulesView.vue') },
  { path: '/users', name: 'users', component: () => import('./views/system/UsersView.vue') },
  { path: '/audit', name: 'audit', component: () => import('./views/system/AuditView.vue') },
  { path: '/maintenance', name: 'maintenance', component: () => import('./views/system/MaintenanceView.vue') },
  { path: '/reports/overview', name: 'reports-overview', component: () => import('./views/reports/YearOverview.vue') },
  { path: '/:rest(.*)*', redirect: '/projects' },
]

export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes })
}
