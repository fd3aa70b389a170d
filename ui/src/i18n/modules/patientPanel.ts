import type { ModuleMessages } from '../modules'

// The patient card's live panels (components/patient/PatientPanel.vue).
const messages: ModuleMessages = {
  'zh-CN': {
    patientPanel: {
      task: '任务',
      window: '随访时间窗',
      status: '状态',
      outcome: '结果',
      work: '处理',
      when: '就诊时间',
      channel: '渠道',
      questionnaire: '问卷',
      answeredOn: '填写日期',
      score: '得分',
      satisfaction: '满意度',
      number: '编号',
      kind: '类型',
      topic: '主题',
      due: '办结时限',
      cancelConfirm: '取消 {when} 的预约？号源将释放给其他患者，且不能恢复。',
      cancelReason: '客服在患者档案中取消',
    },
  },
  en: {
    patientPanel: {
      task: 'Task',
      window: 'Follow-up window',
      status: 'Status',
      outcome: 'Outcome',
      work: 'Work',
      when: 'When',
      channel: 'Channel',
      questionnaire: 'Questionnaire',
      answeredOn: 'Answered on',
      score: 'Score',
      satisfaction: 'Satisfaction',
      number: 'Number',
      kind: 'Kind',
      topic: 'Topic',
      due: 'Due',
      cancelConfirm: 'Cancel the appointment of {when}? The number goes back to other patients; this cannot be undone.',
      cancelReason: 'Cancelled by customer service from the patient card',
    },
  },
}

export default messages
