/// The fixed word lists of recognition: name suffixes and what they make, words that cannot be
/// inside a name, surnames, speech verbs, anaphors. Data, kept apart from the algorithms.
enum RecognitionTables {
    /// How strongly a suffix marks a name, and which extra checks it needs.
    enum SuffixKind: Sendable {
        /// A legal or institutional ending (有限公司, 大学, 高新区): a name for sure.
        case institutional
        /// An industry word that ends many short company names (半导体, 药业): weaker evidence.
        case industry
        /// 所: a research institute only when the name before it speaks of an academy (院, 科学).
        case institute
        /// A one-character government ending (局, 厅): the name before it must be a place or long.
        case office
    }

    struct Suffix: Sendable {
        var text: String
        var type: String
        var english: String
        var kind: SuffixKind
        var confidence: Double
        /// A short company name (X集团, X药业): short, and may be generic words after a place.
        var shortForm = false
        /// A branch (分公司, 营业部): its name includes its parent's full name.
        var branch = false
        /// A name that may reach back over 及/和 to 国家 (国家…及…创新中心).
        var pastConjunction = false
        /// A registered company name (有限公司): may be long and contain 建设.
        var legal = false
        /// Ends in 公司 (a following 股 or 业 does not break it: 公司股东).
        var endsInCompany = false
    }

    static let suffixes: [Suffix] = {
        var list: [Suffix] = []
        func add(_ type: String, _ kind: SuffixKind, _ confidence: Double, _ pairs: [(String, String)]) {
            for (text, english) in pairs {
                list.append(Suffix(text: text, type: type, english: english, kind: kind, confidence: confidence))
            }
        }
        add(
            "Company", .institutional, 0.95,
            [
                ("股份有限公司", "Co., Ltd."), ("有限责任公司", "Co., Ltd."), ("有限公司", "Co., Ltd."),
                ("集团有限公司", "Group Co., Ltd."), ("集团股份有限公司", "Group Co., Ltd."), ("公司", "Company"),
                ("集团", "Group"), ("银行", "Bank"), ("分行", "Branch"), ("支行", "Sub-branch"),
                ("合伙企业", "Partnership"), ("事务所", "Firm"), ("分公司", "Branch"), ("总公司", "Corporation"), ("集团公司", "Group Corporation"), ("营业部", "Business Department"),
                ("办事处", "Office"),
            ])
        add(
            "University", .institutional, 0.95,
            [("大学", "University"), ("学院", "College"), ("医学院", "Medical College"), ("职业技术学院", "Vocational and Technical College")])
        add(
            "ResearchInstitute", .institutional, 0.95,
            [
                ("科学院", "Academy of Sciences"), ("工程院", "Academy of Engineering"), ("研究院", "Research Institute"),
                ("研究所", "Research Institute"), ("研究中心", "Research Center"), ("设计院", "Design Institute"),
            ])
        add("ResearchInstitute", .institute, 0.85, [("所", "Institute")])
        add(
            "Platform", .institutional, 0.9,
            [
                ("实验室", "Laboratory"), ("重点实验室", "Key Laboratory"), ("实验站", "Experimental Station"),
                ("创新中心", "Innovation Center"), ("技术创新中心", "Technology Innovation Center"),
                ("制造业创新中心", "Manufacturing Innovation Center"), ("服务中心", "Service Center"),
                ("孵化器", "Incubator"), ("众创空间", "Maker Space"), ("基地", "Base"), ("工程中心", "Engineering Center"),
                ("技术中心", "Technology Center"), ("创新平台", "Innovation Platform"), ("公共服务平台", "Public Service Platform"),
            ])
        add(
            "Zone", .institutional, 0.95,
            [
                ("高新区", "Hi-tech Zone"), ("高新技术产业开发区", "Hi-tech Industrial Development Zone"),
                ("经济技术开发区", "Economic and Technological Development Zone"), ("经开区", "Economic Development Zone"),
                ("开发区", "Development Zone"), ("经济开发区", "Economic Development Zone"), ("工业园区", "Industrial Park"), ("工业园", "Industrial Park"),
                ("产业园", "Industrial Park"), ("产业园区", "Industrial Park"), ("科技园", "Science Park"),
                ("软件园", "Software Park"), ("自贸区", "Free Trade Zone"), ("自由贸易试验区", "Pilot Free Trade Zone"),
                ("示范区", "Demonstration Zone"), ("保税区", "Bonded Zone"), ("新区", "New Area"), ("科学城", "Science City"),
                ("科技城", "Science and Technology City"), ("生态城", "Eco-city"), ("港区", "Port Area"), ("集聚区", "Cluster Zone"), ("合作区", "Cooperation Zone"),
            ])
        add(
            "Association", .institutional, 0.9,
            [
                ("协会", "Association"), ("行业协会", "Industry Association"), ("学会", "Society"), ("联盟", "Alliance"),
                ("商会", "Chamber of Commerce"), ("基金会", "Foundation"), ("促进会", "Promotion Association"),
                ("联合会", "Federation"), ("研究会", "Research Society"),
            ])
        add("Organization", .institutional, 0.9, [("医院", "Hospital"), ("人民医院", "People's Hospital")])
        add(
            "GovernmentBody", .institutional, 0.9,
            [
                ("委员会", "Commission"), ("管委会", "Administrative Committee"), ("区委", "District Committee"),
                ("市委", "Municipal Committee"), ("省委", "Provincial Committee"), ("县委", "County Committee"),
                ("党工委", "Party Working Committee"), ("党委", "Party Committee"), ("人民政府", "People's Government"),
                ("政府", "Government"), ("发改委", "Development and Reform Commission"), ("国资委", "SASAC"),
                ("办公室", "Office"), ("管理局", "Administration"), ("监督管理局", "Administration for Supervision"),
            ])
        add("GovernmentBody", .office, 0.75, [("局", "Bureau"), ("厅", "Department")])
        add("Exchange", .institutional, 0.9, [("交易所", "Exchange"), ("证券交易所", "Stock Exchange")])
        add("IndustryCluster", .institutional, 0.9, [("产业集群", "Industry Cluster"), ("创新型产业集群", "Innovative Industry Cluster")])
        add(
            "Company", .industry, 0.6,
            [
                ("半导体", "Semiconductor"), ("微电子", "Microelectronics"), ("电子", "Electronics"), ("光电", "Optoelectronics"),
                ("生物", "Biotech"), ("医疗", "Medical"), ("科技", "Technology"), ("药业", "Pharmaceutical"),
                ("制药", "Pharmaceutical"), ("医药", "Pharmaceutical"), ("股份", "Co."), ("实业", "Industrial"),
                ("地产", "Real Estate"), ("置业", "Real Estate"), ("能源", "Energy"), ("航空", "Airlines"),
                ("汽车", "Automobile"), ("矿业", "Mining"), ("电力", "Power"), ("钢铁", "Steel"), ("传媒", "Media"),
                ("化工", "Chemical"), ("乳业", "Dairy"), ("食品", "Food"), ("石化", "Petrochemical"), ("电器", "Appliances"),
                ("电气", "Electric"), ("软件", "Software"), ("重工", "Heavy Industry"), ("物流", "Logistics"),
                ("通信", "Communications"), ("通讯", "Communications"), ("环保", "Environmental"),
                ("新材料", "New Materials"), ("材料", "Materials"), ("机械", "Machinery"), ("装备", "Equipment"),
                ("智能", "Intelligent"), ("酒业", "Wine"), ("啤酒", "Brewery"), ("水泥", "Cement"), ("有色", "Nonferrous Metals"),
                ("百货", "Department Store"), ("租赁", "Leasing"), ("影业", "Pictures"), ("投资", "Investment"),
                ("高科", "Hi-Tech"), ("煤业", "Coal"), ("热电", "Thermal Power"),
                ("动力", "Power"), ("精密", "Precision"), ("光伏", "Photovoltaic"), ("新能源", "New Energy"),
                ("微纳", "Micro-Nano"), ("生物科技", "Biotechnology"), ("医疗科技", "Medical Technology"),
                ("信息技术", "Information Technology"), ("证券", "Securities"), ("基金", "Fund"),
                ("信托", "Trust"), ("人寿", "Life Insurance"), ("保险", "Insurance"), ("资本", "Capital"),
                ("创投", "Venture Capital"), ("控股", "Holdings"),
            ])
        for i in list.indices {
            let suffix = list[i]
            list[i].shortForm = suffix.kind == .industry || ["公司", "集团", "总公司", "银行"].contains(suffix.text)
            list[i].branch = branchSuffixes.contains(suffix.text)
            list[i].pastConjunction = ["Platform", "ResearchInstitute", "GovernmentBody", "Association", "IndustryCluster"]
                .contains(suffix.type)
            list[i].legal = suffix.type == "Company" && suffix.kind == .institutional && !list[i].shortForm
            list[i].endsInCompany = suffix.text.hasSuffix("公司")
        }
        return list
    }()

    /// Single characters that never occur inside a name: a name's left edge stops before them.
    static let hardStopCharacters = ScalarSet("在的是了对为将由向从被把等于并而也就已还又给让使据称说曾该即这那些买卖获看或后着过到得请此其每个以、入若任")

    /// Conjunctions that usually end a name but can be inside one (协和医院, 国家…及…创新中心).
    static let softStopCharacters = ScalarSet("和与及")

    /// Words (two or more characters) that cannot be inside a name: verbs and connectives.
    static let stopWords: [String] = [
        "发布", "引进", "建设", "成为", "位于", "落户", "签约", "签署", "包括", "其中", "以及", "推出", "成立", "设立",
        "打造", "获得", "入选", "认定", "宣布", "表示", "介绍", "指出", "认为", "透露", "目前", "近日", "日前", "此外",
        "同时", "另外", "作为", "通过", "聚焦", "拥有", "集聚", "吸引", "带动", "完成", "实现", "启动", "举行", "召开",
        "参加", "出席", "来自", "旗下", "持有", "收购", "并购", "投资了", "入股", "增持", "减持", "控股了", "携手", "牵头", "主导", "支持", "依托", "围绕", "加快", "推动", "推进", "助力", "服务于", "面向",
        "属于", "隶属", "担任", "出任", "当选", "任职", "领投", "跟投", "参投", "上市", "挂牌", "登陆", "进入",
        "据悉", "记者", "报道", "消息", "公告", "显示", "以下简称", "简称", "下称", "其他", "以上", "以下",
        "一家", "多家", "两家", "三家", "这家", "还有", "已经", "正在", "将会", "开展", "专注",
        "致力于", "注册", "坐落", "地处", "获批", "获评", "荣获", "评为", "命名", "授予", "新增", "首批",
        "今年", "去年", "明年", "前年", "上半年", "下半年", "年底", "年初", "年末", "月份", "本月", "上月", "上周",
        "本周", "昨日", "昨天", "今天", "今日", "当日", "当天", "此次", "这次", "本次", "此前", "之前", "之后", "以来",
        "近期", "近年", "期间", "同期", "报讯", "本报", "股东", "大股东", "下属", "核准", "批准", "受让", "转让", "出售",
        "买入", "卖出", "增资", "注资", "参股", "放话", "制定", "会议", "发现", "报告", "方面", "中标", "招标", "投标",
        "公布", "披露", "经过", "获悉", "了解", "得知", "查询", "购买", "所持", "持股", "还是", "或者", "并且",
        "而且", "但是", "因为", "由于", "如果", "一旦", "虽然", "不过", "例如", "比如", "分别", "共同", "一起",
        "对于", "关于", "根据", "按照", "依据", "随着", "伴随", "面对", "是否", "将要", "可能", "或将", "有望", "预计",
        "准备", "决定", "同意", "签订", "达成", "联手", "牵手", "入驻", "进驻", "投产", "开业", "开工", "竣工", "落地",
        "总投资", "重组", "合并", "借壳", "申购", "发行", "募资", "募集", "击败", "超过", "意味着", "考虑到", "表现出",
        "代表", "资方", "买家", "卖家", "协调", "充分", "拓展", "打开", "优化", "扩充", "继续", "终止", "启用",
        "全资", "控股子", "子公司", "母公司", "继", "发挥", "加速", "立足", "园区", "依靠", "利用", "形成", "构建",
        "培育", "壮大", "做强", "做大", "聚集", "汇聚", "吸纳", "孵化出", "涌现", "诞生", "培养", "组建", "筹建", "新建",
        "退出", "任命", "提名", "明确", "不会", "进行", "要求", "加入", "离开", "起诉", "收到", "推荐", "选择", "认购",
        "出资", "邀请", "委托", "聘请", "拒绝", "接受", "接手", "接管", "拿下", "希望", "帮助", "竞争", "超越", "对手",
        "孙公司", "引入", "并入", "名叫", "调研", "承认", "形容", "部分", "约占", "扣除", "经销商", "附属", "日讯", "网讯", "力度", "大力", "上述", "调低", "调高", "上调", "下调", "评级", "维持", "给予", "看好", "连任", "出任", "改任", "兼任",
    ]

    /// Words that make a name generic when a name part consists only of them (上市公司, 生物医药,
    /// 新能源汽车, 技术创新中心).
    static let genericWords: [String] = [
        "上市", "子", "母", "分", "总", "该", "本", "这家", "一家", "多家", "两家", "各", "相关", "国有", "民营",
        "外资", "合资", "独资", "私营", "中小", "龙头", "骨干", "领军", "头部", "重点", "知名", "大型", "小型", "中型",
        "科技型", "创新型", "高新技术", "独角兽", "瞪羚", "新", "高", "老", "大", "小", "国内", "国外", "海外",
        "全球", "全国", "国家", "省级", "市级", "区级", "国家级", "地方", "当地", "本地", "先进", "新型", "现代",
        "高端", "数字", "绿色", "传统", "新兴", "战略性", "未来", "前沿", "产业", "行业", "企业", "其他", "其", "更多",
        "一批", "部分", "所有", "主要", "首家", "第一", "这些", "那些", "我国", "集成电路", "信息", "工业", "农业",
        "技术", "科技", "生物", "医药", "医疗", "器械", "电子", "半导体", "汽车", "能源", "新能源", "材料", "新材料",
        "装备", "智能", "制造", "服务", "软件", "网络", "通信", "金融", "投资", "证券", "保险", "银行", "基金", "地产",
        "化工", "食品", "物流", "航空", "钢铁", "传媒", "环保", "机械", "光电", "芯片", "光伏", "药业", "制药", "研发",
        "研究", "创新", "孵化", "检测", "公共", "实验", "工程", "管理", "发展", "商业", "国际", "中外", "跨国",
        "民办", "公办", "综合", "专业", "特色", "示范", "试点", "双一流", "一流", "名牌", "知名度", "股份",
        "全资", "控股", "核心", "净", "总计", "股权", "财务", "市场", "万股", "亿股", "股", "万", "亿", "异议", "进出口",
        "超市", "贸易", "物业", "咨询", "运输", "建筑", "拍卖", "担保", "小贷", "信用", "资产", "销售", "营销", "广告",
        "文化", "旅游", "酒店", "餐饮", "置业", "房地产", "房产", "百货", "酒类", "钢", "电力", "石油", "化学", "纺织",
        "医院", "学校", "银行业", "网络", "资本", "基础", "整体", "下游", "上游", "中游", "业务", "项目", "品牌",
        "优质", "战略", "风险", "一", "生产", "重大", "越来越多", "多个", "国内外", "大院", "院", "高校", "科研", "院所",
        "产学研", "协同", "共性", "关键", "核心技术", "大型", "优势", "支柱", "新一代", "下一代", "概念", "政府",
    ]

    /// Words after an industry ending that show it is an industry, not a company (新能源汽车产业).
    static let industryFollowers: [String] = [
        "产业", "行业", "领域", "板块", "概念", "市场", "企业", "专业", "技术", "产品", "设备", "器件", "研发",
        "制造", "创新", "集群", "赛道", "方向", "公司", "企", "业", "类", "界", "学", "板", "城", "园", "技", "价",
        "值", "术", "品", "务", "料", "链", "圈", "能", "材", "子", "股",
    ]

    /// The one-character industry followers, as scalars.
    static let singleIndustryFollowers = ScalarSet(industryFollowers.filter { $0.unicodeScalars.count == 1 }.joined())

    /// Stop words that still occur inside registered company names (中国交通建设集团有限公司):
    /// they end other names but not one with a legal suffix.
    static let weakStopWords: Set<String> = ["建设"]

    /// Suffixes of branches, whose name includes the full name of the parent before them
    /// (中海石油有限公司深圳分公司).
    static let branchSuffixes: Set<String> = ["分公司", "分行", "支行", "营业部", "办事处", "子公司"]

    /// Characters right after a suffix that show it is not a name's end (大学生, 银行业, 投资者).
    static let suffixBreakers = ScalarSet("生业化者界性式类型级")

    /// Characters that may follow a short company name (恒瑞医药将, 华进半导体的): anything else
    /// after an industry word means the word goes on (高科技, 医药产业).
    static let industryNameFollowers = ScalarSet("有拟均都曾正旗宣发表获今昨近所因则自上下首再先共同分各")

    /// Common Chinese surnames, two-character ones first so they win.
    static let compoundSurnames: [String] = [
        "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐", "夏侯",
        "端木", "独孤", "南宫", "西门", "申屠", "澹台",
    ]
    /// The most common surnames, in order of frequency: a name before a speech verb without a
    /// post must start with one of these (公司表示 is not a person).
    static let commonSurnames = ScalarSet(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤"
            )
    static let surnames = ScalarSet(
        ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
            + "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由")
            )

    /// Verbs of saying that end a person's name (张华说, 于燮康表示).
    static let speechVerbs: [String] = ["说", "表示", "介绍", "指出", "认为", "称", "透露", "强调", "坦言", "谈到", "告诉", "提到", "回忆"]

    /// Titles written after a name, not part of it (陈东博士).
    static let personTitles: [String] = ["博士", "教授", "先生", "女士", "院士", "研究员", "老师", "同志", "主任医师", "律师", "工程师"]

    /// Words that declare an alias after a full name (以下简称“信达”).
    static let aliasIntroducers: [String] = ["以下简称", "以下称", "下称", "简称", "以下统称"]

    /// Endings of a quoted text that make it a title or award (“独角兽企业”, “科技进步奖”).
    static let titleEndings: [String] = [
        "企业", "奖", "称号", "基地", "单位", "品牌", "名单", "强", "榜", "之星", "标杆", "冠军", "示范区", "示范园区",
        "园区", "平台", "中心", "实验室", "项目", "工程", "奖项", "荣誉", "先进集体", "示范点", "样板", "灯塔工厂",
    ]

    /// Latin words too common to be names on their own (IPO, CEO, A股's A).
    static let latinStopWords: Set<String> = [
        "A", "B", "H", "N", "S", "AH", "IPO", "GDP", "CEO", "CFO", "COO", "CTO", "AI", "PE", "VC", "PPP", "CPI",
        "PMI", "APP", "ST", "R&D", "RD", "OK", "TV", "PC", "IT", "5G", "4G", "3G", "VR", "AR", "MBA", "PPI", "M2",
        "QFII", "RQFII", "ETF", "LOF", "IC", "EPS", "ROE", "PS", "OTC", "CBD", "NO", "No", "WTO", "GMP", "FDA",
    ]
}

/// A set of characters answered by a bitmap for the Basic Multilingual Plane: the character
/// classes of recognition are asked once or more per character of text.
struct ScalarSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
    private var astral: Set<UInt32> = []

    init(_ characters: String) {
        for c in characters.unicodeScalars {
            let v = c.value
            if v < 0x10000 { bits[Int(v >> 6)] |= 1 << UInt64(v & 63) } else { astral.insert(v) }
        }
    }

    @inline(__always)
    func contains(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return v < 0x10000 ? bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 : astral.contains(v)
    }
}
