import type { ModuleMessages } from '../modules'

// Feedback tickets, knowledge base, lookup screen and their statistics (issue 10).
const messages: ModuleMessages = {
  'zh-CN': {
    feedback: {
      menu: { group: '投诉建议与咨询', tickets: '投诉表扬建议', stats: '工单统计', lookup: '业务咨询', articles: '知识库' },
      kind: { complaint: '投诉', praise: '表扬', suggestion: '建议' },
      source: { phone: '电话', followup: '随访', questionnaire: '问卷', evaluator: '评价器', walk_in: '来访', web_form: '网页', letter: '信件' },
      severity: { low: '低', normal: '一般', high: '高', critical: '紧急' },
      status: { new: '新建', assigned: '已转办', in_progress: '处理中', waiting_patient: '等待患者', resolved: '已解决', closed: '已关闭', reopened: '重新打开' },
      action: { created: '创建', routed: '转办', status: '状态变更', comment: '备注', reply: '回复患者', satisfaction: '满意度', compensation_requested: '申请补偿', compensation_decided: '补偿审批', escalated: '超时升级' },
      field: {
        number: '工单号', kind: '类型', source: '来源', severity: '严重程度', status: '状态', topic: '主题', content: '内容', department: '处理科室',
        contact: '联系人', phone: '联系电话', anonymous: '匿名', staff: '涉及人员', template: '模板', created: '创建时间',
        firstDue: '首次响应时限', resolveDue: '解决时限', escalation: '升级', note: '说明', channel: '方式', body: '回复内容', callUuid: '通话录音编号',
      },
      newTicket: '新建工单', newComplaint: '新建投诉', route: '转办', reply: '回复患者', comment: '添加备注', changeStatus: '变更状态',
      satisfaction: '满意度回访', compensation: '申请补偿', approve: '批准', reject: '驳回', history: '处理记录',
      created: '已创建工单 {number}', secretCode: '匿名查询码：{code}（仅显示一次，请告知来访者）',
      overdue: '已超时 {t}', left: '剩余 {t}', paused: '已暂停（等待患者）', level1: '已通知科主任', level2: '已通知院办',
      sms: '短信', phone: '电话', saved: '已保存', overdueOnly: '只看超时', all: '全部', compensationPending: '补偿待审批',
    },
    progress: { title: '投诉建议处理进度查询', number: '工单号', code: '查询码', check: '查询', notFound: '未找到：请核对工单号和查询码', replies: '处理回复', none: '暂无回复' },
    fbstats: {
      from: '开始日期', to: '结束日期', export: '导出 Excel', total: '工单总数', byKind: '按类型', byDepartment: '按科室', bySource: '按来源', byMonth: '按月份',
      sla: 'SLA 达成', compliance: '达成率', resolvedOnTime: '按时解决', resolved: '已解决', overdue: '超时未结', firstOnTime: '按时首次响应',
      resolveTime: '处理时长', average: '平均（小时）', median: '中位数（小时）', topComplaints: '投诉主题排行', praiseByStaff: '表扬人员', topInquiries: '咨询主题排行', count: '数量',
    },
    lookup: {
      placeholder: '搜索知识库、药品、电话、门诊、检查检验（支持拼音首字母）', articles: '知识库', items: '查询数据', logInquiry: '登记咨询', logged: '已登记咨询',
      kind: { drug: '药品', directory: '电话', clinic: '专病门诊', lab: '检验', exam: '检查', staff: '通讯录' },
      name: '名称', detail: '说明', empty: '输入关键字开始查询',
    },
    articles: {
      new: '新建文章', edit: '编辑', save: '保存草稿', submit: '提交审核', approve: '审核通过', reject: '驳回', category: '分类', title: '标题', tags: '标签', body: '正文',
      versions: '版本', version: '版本 {n}', status: { draft: '草稿', pending: '待审核', published: '已发布', superseded: '已替代', rejected: '已驳回' }, source: '来源录音',
    },
  },
  en: {
    feedback: {
      menu: { group: 'Feedback & inquiries', tickets: 'Complaints & praise', stats: 'Ticket statistics', lookup: 'Inquiries', articles: 'Knowledge base' },
      kind: { complaint: 'Complaint', praise: 'Praise', suggestion: 'Suggestion' },
      source: { phone: 'Phone', followup: 'Follow-up', questionnaire: 'Questionnaire', evaluator: 'Evaluator', walk_in: 'Walk-in', web_form: 'Web form', letter: 'Letter' },
      severity: { low: 'Low', normal: 'Normal', high: 'High', critical: 'Critical' },
      status: { new: 'New', assigned: 'Assigned', in_progress: 'In progress', waiting_patient: 'Waiting for patient', resolved: 'Resolved', closed: 'Closed', reopened: 'Reopened' },
      action: { created: 'Created', routed: 'Routed', status: 'Status', comment: 'Comment', reply: 'Reply', satisfaction: 'Satisfaction', compensation_requested: 'Compensation requested', compensation_decided: 'Compensation decided', escalated: 'Escalated' },
      field: {
        number: 'Number', kind: 'Kind', source: 'Source', severity: 'Severity', status: 'Status', topic: 'Topic', content: 'Content', department: 'Department',
        contact: 'Contact', phone: 'Phone', anonymous: 'Anonymous', staff: 'Staff concerned', template: 'Template', created: 'Created',
        firstDue: 'First response due', resolveDue: 'Resolution due', escalation: 'Escalation', note: 'Note', channel: 'Channel', body: 'Reply', callUuid: 'Call recording id',
      },
      newTicket: 'New ticket', newComplaint: 'New complaint', route: 'Route', reply: 'Reply', comment: 'Comment', changeStatus: 'Change status',
      satisfaction: 'Satisfaction', compensation: 'Request compensation', approve: 'Approve', reject: 'Reject', history: 'History',
      created: 'Ticket {number} created', secretCode: 'Anonymous progress code: {code} (shown once; tell the submitter)',
      overdue: 'Overdue {t}', left: '{t} left', paused: 'Paused (waiting for patient)', level1: 'Department head told', level2: 'Hospital office told',
      sms: 'SMS', phone: 'Phone', saved: 'Saved', overdueOnly: 'Overdue only', all: 'All', compensationPending: 'Compensation awaiting approval',
    },
    progress: { title: 'Check the progress of your feedback', number: 'Ticket number', code: 'Code', check: 'Check', notFound: 'Not found: check the number and the code', replies: 'Replies', none: 'No reply yet' },
    fbstats: {
      from: 'From', to: 'To', export: 'Export Excel', total: 'Tickets', byKind: 'By kind', byDepartment: 'By department', bySource: 'By source', byMonth: 'By month',
      sla: 'SLA', compliance: 'Compliance', resolvedOnTime: 'Resolved on time', resolved: 'Resolved', overdue: 'Open overdue', firstOnTime: 'First response on time',
      resolveTime: 'Time to resolve', average: 'Average (hours)', median: 'Median (hours)', topComplaints: 'Top complaint topics', praiseByStaff: 'Praise per staff member', topInquiries: 'Top inquiry topics', count: 'Count',
    },
    lookup: {
      placeholder: 'Search articles, drugs, phones, clinics, lab and exam items (pinyin initials work)', articles: 'Knowledge base', items: 'Lookup data', logInquiry: 'Log inquiry', logged: 'Inquiry logged',
      kind: { drug: 'Drug', directory: 'Phone', clinic: 'Special clinic', lab: 'Lab', exam: 'Exam', staff: 'Staff' },
      name: 'Name', detail: 'Details', empty: 'Type to search',
    },
    articles: {
      new: 'New article', edit: 'Edit', save: 'Save draft', submit: 'Submit for review', approve: 'Approve', reject: 'Reject', category: 'Category', title: 'Title', tags: 'Tags', body: 'Body',
      versions: 'Versions', version: 'Version {n}', status: { draft: 'Draft', pending: 'Pending', published: 'Published', superseded: 'Superseded', rejected: 'Rejected' }, source: 'Source recording',
    },
  },
}
export default messages
