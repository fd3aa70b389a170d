import type { ModuleMessages } from '../modules'

// The knowledge base and the lookup screen (issue 10).
const messages: ModuleMessages = {
  'zh-CN': {
    knowledge: {
      lookup: {
        placeholder: '搜索知识库、药品、电话、门诊、检查检验（支持拼音首字母）',
        articles: '知识库',
        items: '查询数据',
        logInquiry: '登记咨询',
        logged: '已登记咨询',
        kind: { drug: '药品', directory: '电话', clinic: '专病门诊', lab: '检验', exam: '检查', staff: '通讯录' },
        name: '名称',
        detail: '说明',
        empty: '输入关键字开始查询',
      },
      articles: {
        new: '新建文章',
        edit: '编辑',
        save: '保存草稿',
        submit: '提交审核',
        approve: '审核通过',
        reject: '驳回',
        category: '分类',
        title: '标题',
        tags: '标签',
        body: '正文',
        versions: '版本',
        version: '版本 {n}',
        status: { draft: '草稿', pending: '待审核', published: '已发布', superseded: '已替代', rejected: '已驳回' },
        source: '来源录音',
      },
    },
  },
  en: {
    knowledge: {
      lookup: {
        placeholder: 'Search articles, drugs, phones, clinics, lab and exam items (pinyin initials work)',
        articles: 'Knowledge base',
        items: 'Lookup data',
        logInquiry: 'Log inquiry',
        logged: 'Inquiry logged',
        kind: { drug: 'Drug', directory: 'Phone', clinic: 'Special clinic', lab: 'Lab', exam: 'Exam', staff: 'Staff' },
        name: 'Name',
        detail: 'Details',
        empty: 'Type to search',
      },
      articles: {
        new: 'New article',
        edit: 'Edit',
        save: 'Save draft',
        submit: 'Submit for review',
        approve: 'Approve',
        reject: 'Reject',
        category: 'Category',
        title: 'Title',
        tags: 'Tags',
        body: 'Body',
        versions: 'Versions',
        version: 'Version {n}',
        status: {
          draft: 'Draft',
          pending: 'Pending',
          published: 'Published',
          superseded: 'Superseded',
          rejected: 'Rejected',
        },
        source: 'Source recording',
      },
    },
  },
}
export default messages
