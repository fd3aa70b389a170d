import type { ModuleMessages } from '../modules'

// Issue 10: the public web form and the ticket's call recording.
const messages: ModuleMessages = {
  'zh-CN': {
    webform: {
      title: '投诉、表扬与建议',
      intro: '您的意见将由客服中心受理并转相关科室处理。',
      kind: '类型',
      anonymous: '匿名提交',
      name: '您的姓名',
      phone: '联系电话',
      topic: '主题',
      content: '详细内容',
      submit: '提交',
      sent: '已受理，工单号：{number}',
      code: '查询码：{code}（请妥善保存，用于查询处理进度）',
      check: '查询处理进度',
      failed: '提交失败：{msg}',
      recording: '来电录音',
      play: '播放录音',
      noRecording: '暂无录音',
    },
  },
  en: {
    webform: {
      title: 'Complaints, praise and suggestions',
      intro: 'The customer-service centre receives your message and passes it to the department concerned.',
      kind: 'Kind',
      anonymous: 'Anonymous',
      name: 'Your name',
      phone: 'Phone',
      topic: 'Topic',
      content: 'Details',
      submit: 'Submit',
      sent: 'Received, ticket number: {number}',
      code: 'Progress code: {code} (keep it to check the progress)',
      check: 'Check progress',
      failed: 'Not sent: {msg}',
      recording: 'Call recording',
      play: 'Play recording',
      noRecording: 'no recording',
    },
  },
}
export default messages
