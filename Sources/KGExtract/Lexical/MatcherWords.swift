/// Words that stop a span slot: a name does not contain them (the price: a few real names are
/// cut, which `span` accepts for not swallowing whole clauses).
let spanStops: Set<Unicode.Scalar> = Set("则前后因近即他她它再之使令至的了在和与及是将已等对从向把被也就于以并而或且其该这那由着过还又拟未不没让给跟、“”\"‘’'《》<>[]【】「」,;:。!?，；：！？… \t\n".unicodeScalars)

/// Openings a name does not start with: quantities, demonstratives, pronouns.
let spanBadStarts = [
    "一度", "一致", "增发", "定向", "开发", "资产", "业务", "项目", "高级", "最大", "最后", "最终", "探索", "加快", "推动", "积极", "着力", "全力", "大力", "计划", "准备", "决定", "正式", "共同", "联合", "先后", "相继", "陆续",
    "分别", "成功", "已经", "开始", "继续", "支持", "鼓励", "引导", "推进", "深入", "努力", "争取", "重点", "集中", "依托", "围绕",
    "通过", "利用", "发挥", "实施", "启动", "完成", "加强", "加大", "投入", "不断", "持续", "进一步", "来", "股份", "股权", "股票", "间接", "直接", "会", "一批", "一家", "一些", "一个", "一系列", "一大批", "一起", "多家", "多个", "多位", "各类", "各", "每", "该", "此", "本", "我",
    "全国", "全省", "全市", "全球", "公司", "集团公司", "双方", "对方", "股东", "旗下", "下属", "相关", "目前", "今年", "去年", "近日",
    "昨日", "今日", "日前", "此前", "随后", "同时", "其中", "记者", "报道", "消息", "公告", "获悉", "一季度", "二季度", "三季度", "四季度",
    "上半年", "下半年", "年初", "年底", "年末", "月底", "月初", "至", "第一大", "第二大", "第三大", "前十大",
].map { Array($0.unicodeScalars) }

/// True when `body` starts with one of `spanBadStarts`, looking only at those with its first
/// character.
func startsWithBadStart(_ body: ArraySlice<Unicode.Scalar>) -> Bool {
    guard let first = body.first, let words = spanBadStartIndex[first] else { return false }
    return words.contains { body.starts(with: $0) }
}

let spanBadStartIndex = Dictionary(grouping: spanBadStarts, by: { $0[0] })
/// `spanCutters` by first character.
let spanCutterIndex = Dictionary(grouping: spanCutters, by: { $0[0] })
/// Coordinators: a mention holding one may be two names run together.
let coordinatorTable = ScalarTable(Set("与和及、".unicodeScalars))

/// `properties.isAlphabetic`, by table for the Basic Multilingual Plane.
func isAlphabeticScalar(_ c: Unicode.Scalar) -> Bool {
    c.value < 0x10000 ? alphabeticTable.contains(c) : c.properties.isAlphabetic
}

let alphabeticTable = ScalarTable(bmpWhere: { $0.properties.isAlphabetic })
/// A digit before one of these makes a date or a time, not a name (2018年, 3月后).
let dateUnitTable = ScalarTable(Set("年月日后".unicodeScalars))
/// After a digit these make a date or a count (2018年, 3个), where no name starts.
let countUnitTable = ScalarTable(Set("年月日个天周".unicodeScalars))
/// A span does not end with these.
let spanBadEndTable = ScalarTable(Set("-.·元亿万%".unicodeScalars))
/// Before a final 股 these make a count of shares.
let countBeforeShareTable = ScalarTable(Set("0123456789万亿千百十两".unicodeScalars))

/// Spans that are generic nouns, never a name.
let spanGeneric: Set<String> = [
    "公司", "企业", "集团", "银行", "上市公司", "子公司", "母公司", "控股股东", "大股东", "投资者", "机构", "政府", "市场", "资本",
    "产品", "项目", "平台", "股份", "股权", "资金", "扩股", "增发", "定增", "非流通股", "流通股", "价格", "价款", "现金", "上市", "新公司", "合资公司", "该公司", "本公司", "资产", "业务", "合作", "协议", "战略", "国内", "国外", "海外", "行业", "双方", "三方",
]

/// `spanGeneric.contains(string)`, where `scalars` are the string's: compared scalar by scalar
/// (hashing a Chinese string normalises it first, which cost more than the rest of the checks).
/// Every generic word is made of unified ideographs, so only a text with a compatibility
/// ideograph (which decomposes to one) can equal one without being the same scalars.
func isGenericSpan(_ scalars: ArraySlice<Unicode.Scalar>, _ string: @autoclosure () -> String) -> Bool {
    if scalars.contains(where: { (0xF900...0xFAFF).contains($0.value) || (0x2F800...0x2FA1F).contains($0.value) }) {
        return spanGeneric.contains(string())
    }
    guard let first = scalars.first, let words = spanGenericIndex[first] else { return false }
    return words.contains { $0.elementsEqual(scalars) }
}

let spanGenericIndex = Dictionary(grouping: spanGeneric.map { Array($0.unicodeScalars) }, by: { $0[0] })

/// The longest generic noun, in scalars.
let spanGenericMaxScalars = spanGeneric.map(\.unicodeScalars.count).max() ?? 0

/// Words a span stops before: what follows a name in news sentences, not part of it.
let spanCutters = [
    "股权", "股票", "控股权", "全部", "部分", "业务", "公告", "宣布", "表示", "发布", "完成", "签署", "签订", "达成", "持有",
    "收购", "并购", "合作", "入股", "增持", "减持", "成立", "设立", "出资", "拥有", "旗下", "通过", "作为", "成为", "获得", "董事",
    "总裁", "主席", "股东", "共同", "分别", "正式", "目前", "日前", "近日", "昨日", "今日", "此次", "本次", "已经", "再次", "首次",
    "称", "向", "投资", "开始", "正在", "主要", "继续", "持续", "计划", "准备", "决定", "同意", "有望", "预计", "承诺", "希望", "认为",
    "透露", "介绍", "指出", "约", "共", "核准", "批准", "斥资", "新成立", "新设立", "新组建", "新设", "联合宣布", "联合发布", "联合推出",
    "书面", "通知", "下午", "上午", "此前", "同时", "随后", "其中", "另外", "此外", "据悉", "如今", "当天", "近期", "最近", "早前", "之前",
    "其后", "后来", "最终", "终于", "曾经", "已于", "于今年", "再", "合计", "全资", "控股的", "间接", "直接", "研究", "探讨", "股价",
    "有条件", "进一步", "推动", "承认", "控股股东", "所持", "上市", "两位", "几位", "多位", "累计", "超过", "超", "竞拍", "竞买", "拍卖", "实现", "想", "结盟", "最大", "联姻", "举行", "举办", "召开", "出席", "参加", "推出", "发起", "负责", "上半年", "下半年", "年末", "年初", "年底", "显示", "年报", "半年报", "季报", "数据", "二股东", "名义上", "打造", "发行", "据此", "较", "第一大", "第二大", "第三大", "大股东", "前十大", "登陆", "为代表", "为主", "为首", "作为", "均", "仍", "一直", "先后", "包括", "拥有", "提出", "获得", "获", "日电", "讯", "注资", "控股子公司", "子公司", "董秘", "方面", "负责人", "合资", "联手", "携手", "签约", "结成", "建立",
    "开展", "进行", "洽谈", "续签", "购买", "购入", "买入", "认购", "参股", "组建", "创立", "发起", "宣布",
].map { Array($0.unicodeScalars) }

/// Words that bring in another participant (与, 向, 对, 被…): a gap never skips them, so a
/// rule cannot silently pass over a second party.
let gapBlockers: Set<Unicode.Scalar> = Set("与向对被把由给跟".unicodeScalars)

/// Openers a name may follow directly: time and discourse adverbs.
let spanLeads = [
    "此前", "目前", "同时", "日前", "近日", "昨日", "今日", "昨天", "今天", "随后", "其中", "另外", "此外", "据悉", "据了解", "如今",
    "去年", "今年", "明年", "当天", "本周", "上周", "近期", "最近", "早前", "之前", "其后", "后来", "最终", "终于", "曾", "年", "月", "日", "传言", "传闻", "据", "承认", "根据", "过去", "相当于", "相当", "现任", "时任",
    "原任", "前任",
].map { Array($0.unicodeScalars) }

/// Cutters and leads by first character, so a sentence is scanned once.
let cutterIndex = Dictionary(grouping: spanCutters + spanLeads.filter { $0.count > 1 }, by: { $0[0] })
let leadIndex = Dictionary(grouping: spanLeads, by: { $0[0] })
/// The first characters of `cutterIndex` and `leadIndex`: most characters start neither.
let cutterOrLeadFirst = ScalarTable(Set(cutterIndex.keys).union(leadIndex.keys))
let spanStopTable = ScalarTable(spanStops)
let gapBlockerTable = ScalarTable(gapBlockers)

/// Organisation suffixes: a name running past one ends at the last.
let orgSuffixes = ["有限责任公司", "股份有限公司", "有限公司", "集团公司", "总公司", "分公司", "公司", "集团", "银行", "分行", "证券"].map {
    Array($0.unicodeScalars)
}

/// Legal forms of a company name, longest first.
let legalForms = ["股份有限公司", "有限责任公司", "集团有限公司", "控股有限公司", "集团公司", "有限公司", "股份公司", "总公司", "公司", "集团", "控股", "股份"]
    .map { Array($0.unicodeScalars) }

/// Endings that let a span name run past eight characters.
let nameHeads = (["公司", "集团", "银行", "分行", "证券", "保险", "控股", "股份", "基金", "信托", "研究院", "研究所", "大学", "学院", "医院", "中心", "实验室",
    "厂", "局", "委员会", "协会", "联合会", "商会", "合作社", "事务所", "酒店", "店", "园", "区", "所"]).map { Array($0.unicodeScalars) }

/// Words that stop a span but may sit inside a suffixed full name.
let weakCutters = ["投资", "合作", "建设", "发展", "控股"].map { Array($0.unicodeScalars) }

let weakCutterFirsts = ScalarTable(Set(weakCutters.map { $0[0] }))

/// Descriptors placed before a name in apposition; the name starts after them.
let descriptors = ["巨头", "战投", "母公司", "龙头企业", "龙头", "招牌品牌", "品牌", "所有", "全部"].map { Array($0.unicodeScalars) }

/// Verbs of announcing that follow a company named as the subject of a clause.
let speechVerbs = ["发布公告", "今日公告", "昨日公告", "日前公告", "晚间公告", "公告", "表示", "宣布", "透露", "披露", "指出", "介绍", "称"].map {
    Array($0.unicodeScalars)
}

let listSeparators = ["以及", "、", "和", "及", "与", "跟", "同"].map { Array($0.unicodeScalars) }
let listClosers = ["等在内的", "等一批", "等多家", "等几家", "等", "等等"].map { Array($0.unicodeScalars) }
let negators = ["尚未", "并未", "从未", "没有", "未能", "未", "没", "不", "无意", "终止", "放弃", "否认", "取消", "暂停", "叫停"].map {
    Array($0.unicodeScalars)
}
/// `不` inside these words is not a negation.
let notNegations = ["未来", "不断", "不仅", "不少", "不同", "不久", "不过", "不但", "不论", "不管", "不错", "不超过", "不低于", "不乏", "不足"].map {
    Array($0.unicodeScalars)
}
/// `将` taking an object (将其所持股份转让) is the 把 construction, not a plan.
let notModal = ["将其", "将该", "将所", "将公司", "将旗下"].map { Array($0.unicodeScalars) }
let modals = ["拟", "计划", "将", "准备", "有意", "打算", "欲", "有望", "意向", "筹划", "预计", "或将", "考虑", "寻求"].map {
    Array($0.unicodeScalars)
}
