import KGModel

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
            EntityTypeID.company, .institutional, 0.95,
            [
                ("股份有限公司", "Co., Ltd."), ("有限责任公司", "Co., Ltd."), ("有限公司", "Co., Ltd."),
                ("集团有限公司", "Group Co., Ltd."), ("集团股份有限公司", "Group Co., Ltd."), ("公司", "Company"),
                ("集团", "Group"), ("银行", "Bank"), ("分行", "Branch"), ("支行", "Sub-branch"),
                ("合伙企业", "Partnership"), ("事务所", "Firm"), ("分公司", "Branch"), ("总公司", "Corporation"), ("集团公司", "Group Corporation"), ("营业部", "Business Department"),
                ("办事处", "Office"),
            ])
        add(
            EntityTypeID.university, .institutional, 0.95,
            [
                ("大学", "University"), ("学院", "College"), ("医学院", "Medical College"), ("职业技术学院", "Vocational and Technical College"),
                ("研究生院", "Graduate School"),
            ])
        add(
            EntityTypeID.researchInstitute, .institutional, 0.95,
            [
                ("科学院", "Academy of Sciences"), ("工程院", "Academy of Engineering"), ("研究院", "Research Institute"),
                ("研究所", "Research Institute"), ("研究中心", "Research Center"), ("设计院", "Design Institute"),
                ("科学中心", "Science Center"),
            ])
        // An academy's institute or branch (中科院药物所, 中科院北京分院): only after the academy.
        add(EntityTypeID.researchInstitute, .institute, 0.85, [("所", "Institute"), ("分院", "Branch")])
        add(
            EntityTypeID.platform, .institutional, 0.9,
            [
                ("实验室", "Laboratory"), ("重点实验室", "Key Laboratory"), ("实验站", "Experimental Station"),
                ("创新中心", "Innovation Center"), ("技术创新中心", "Technology Innovation Center"),
                ("制造业创新中心", "Manufacturing Innovation Center"), ("服务中心", "Service Center"),
                ("孵化器", "Incubator"), ("众创空间", "Maker Space"), ("基地", "Base"), ("工程中心", "Engineering Center"),
                ("技术中心", "Technology Center"), ("创新平台", "Innovation Platform"), ("公共服务平台", "Public Service Platform"),
                ("智算中心", "Intelligent Computing Center"), ("算力中心", "Computing Center"),
            ])
        add(
            EntityTypeID.zone, .institutional, 0.95,
            [
                ("高新区", "Hi-tech Zone"), ("高新技术产业开发区", "Hi-tech Industrial Development Zone"),
                ("经济技术开发区", "Economic and Technological Development Zone"), ("经开区", "Economic Development Zone"),
                ("开发区", "Development Zone"), ("经济开发区", "Economic Development Zone"), ("工业园区", "Industrial Park"), ("工业园", "Industrial Park"),
                ("产业园", "Industrial Park"), ("产业园区", "Industrial Park"), ("科技园", "Science Park"),
                ("软件园", "Software Park"), ("自贸区", "Free Trade Zone"), ("自由贸易试验区", "Pilot Free Trade Zone"),
                ("示范区", "Demonstration Zone"), ("保税区", "Bonded Zone"), ("新区", "New Area"), ("科学城", "Science City"),
                ("科技城", "Science and Technology City"), ("生态城", "Eco-city"), ("港区", "Port Area"), ("集聚区", "Cluster Zone"), ("合作区", "Cooperation Zone"),
                ("先行区", "Pilot Zone"), ("创新港", "Innovation Harbour"),
                // Valleys named for an industry (中国声谷, 武汉光谷): the two-character words only.
                ("声谷", "Sound Valley"), ("光谷", "Optics Valley"), ("药谷", "Pharma Valley"), ("芯谷", "Chip Valley"),
                ("智谷", "Smart Valley"), ("云谷", "Cloud Valley"), ("数谷", "Data Valley"),
            ])
        // Places named by what they are (天府大道, 西太湖校区, 天府高铁站): only the longer words,
        // which no common phrase ends with as often as it ends a name.
        add(
            EntityTypeID.place, .institutional, 0.85,
            [
                ("大道", "Avenue"), ("大街", "Street"), ("高铁站", "High-speed Railway Station"), ("火车站", "Railway Station"),
                ("校区", "Campus"), ("会议中心", "Conference Center"), ("广场", "Square"),
            ])
        add(
            EntityTypeID.association, .institutional, 0.9,
            [
                ("协会", "Association"), ("行业协会", "Industry Association"), ("学会", "Society"), ("联盟", "Alliance"),
                ("商会", "Chamber of Commerce"), ("基金会", "Foundation"), ("促进会", "Promotion Association"),
                ("联合会", "Federation"), ("研究会", "Research Society"),
            ])
        add(
            EntityTypeID.organization, .institutional, 0.9,
            [("医院", "Hospital"), ("人民医院", "People's Hospital"), ("俱乐部", "Club"), ("足球队", "Football Team"), ("篮球队", "Basketball Team")])
        add(
            EntityTypeID.governmentBody, .institutional, 0.9,
            [
                ("委员会", "Commission"), ("管委会", "Administrative Committee"), ("区委", "District Committee"),
                ("市委", "Municipal Committee"), ("省委", "Provincial Committee"), ("县委", "County Committee"),
                ("党工委", "Party Working Committee"), ("党委", "Party Committee"), ("党组", "Party Leadership Group"),
                ("工委", "Working Committee"), ("人民政府", "People's Government"),
                ("政府", "Government"), ("发改委", "Development and Reform Commission"), ("国资委", "SASAC"),
                ("办公室", "Office"), ("管理局", "Administration"), ("监督管理局", "Administration for Supervision"),
            ])
        add(EntityTypeID.governmentBody, .office, 0.75, [("局", "Bureau"), ("厅", "Department")])
        add(EntityTypeID.exchange, .institutional, 0.9, [("交易所", "Exchange"), ("证券交易所", "Stock Exchange")])
        add(EntityTypeID.industryCluster, .institutional, 0.9, [("产业集群", "Industry Cluster"), ("创新型产业集群", "Innovative Industry Cluster")])
        add(
            EntityTypeID.company, .industry, 0.6,
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
                ("信息技术", "Information Technology"), ("证券", "Securities"),
                ("信托", "Trust"), ("人寿", "Life Insurance"), ("保险", "Insurance"), ("资本", "Capital"),
                ("创投", "Venture Capital"), ("控股", "Holdings"), ("置地", "Land"), ("种业", "Seed"),
            ])
        // A fund is an organisation that invests, not a company (真格基金, 国调基金).
        add(EntityTypeID.organization, .industry, 0.6, [("基金", "Fund")])
        for i in list.indices {
            let suffix = list[i]
            list[i].shortForm = suffix.kind == .industry || ["公司", "集团", "总公司", "银行"].contains(suffix.text)
            list[i].branch = branchSuffixes.contains(suffix.text)
            list[i].pastConjunction = [EntityTypeID.platform, EntityTypeID.researchInstitute, EntityTypeID.governmentBody, EntityTypeID.association, EntityTypeID.industryCluster]
                .contains(suffix.type)
            list[i].legal = suffix.type == EntityTypeID.company && suffix.kind == .institutional && !list[i].shortForm
            list[i].endsInCompany = suffix.text.hasSuffix("公司")
        }
        return list
    }()

    /// Industry words that end short company names (医疗, 半导体), longest first.
    static let industryWords: [[Unicode.Scalar]] = suffixes.filter { $0.kind == .industry }
        .map { Array($0.text.unicodeScalars) }.sorted { $0.count > $1.count }

    /// Single characters that never occur inside a name: a name's left edge stops before them.
    static let hardStops = "在的是了对为将由向从被把等于并而也就已还又给让使据称说曾该即这那些买卖获看或后着过到得请此其每个以、入若任"
    static let hardStopCharacters = ScalarSet(hardStops)

    /// Conjunctions that usually end a name but can be inside one (协和医院, 国家…及…创新中心).
    static let softStopCharacters = ScalarSet("和与及")

    /// Words (two or more characters) that cannot be inside a name: verbs and connectives.
    static let stopWords: [String] = Words.nameStops.words("scan")

    /// Words that make a name generic when a name part consists only of them (上市公司, 生物医药,
    /// 新能源汽车, 技术创新中心).
    static let genericWords: [String] = Words.generic.words("part")

    /// Words after an industry ending that show it is an industry, not a company (新能源汽车产业).
    static let industryFollowers: [String] = Words.industryFollowers.words()

    /// The one-character industry followers, as scalars.
    static let singleIndustryFollowers = ScalarSet(industryFollowers.filter { $0.unicodeScalars.count == 1 }.joined())

    /// Stop words that still occur inside registered company names (中国交通建设集团有限公司):
    /// they end other names but not one with a legal suffix.
    static let weakStopWords: Set<String> = Set(Words.nameStops.words("scan-weak"))

    /// Suffixes of branches, whose name includes the full name of the parent before them
    /// (中海石油有限公司深圳分公司).
    static let branchSuffixes: Set<String> = ["分公司", "分行", "支行", "营业部", "办事处", "子公司"]

    /// Characters right after a suffix that show it is not a name's end (大学生, 银行业, 投资者).
    static let suffixBreakers = ScalarSet("生业化者界性式类型级")

    /// Characters that may follow a short company name (恒瑞医药将, 华进半导体的): anything else
    /// after an industry word means the word goes on (高科技, 医药产业).
    static let industryNameFollowers = ScalarSet("有拟均都曾正旗宣发表获今昨近所因则自上下首再先共同分各")

    /// Common Chinese surnames, two-character ones first so they win.
    static let compoundSurnames: [String] = Words.compoundSurnames.words()
    /// The most common surnames, in order of frequency: a name before a speech verb without a
    /// post must start with one of these (公司表示 is not a person).
    static let commonSurnames = ScalarSet(
        "赖洪萧康王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤"
            )
    static let surnames = ScalarSet(
        ("赖洪萧阎丘畅钮荀郦濮庾竺王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤傅"
            + "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由习")
            )

    /// Verbs of saying that end a person's name (张华说, 于燮康表示).
    static let speechVerbs: [String] = Words.speechVerbs.words("person")

    /// Titles written after a name, not part of it (陈东博士).
    static let personTitles: [String] = Words.personTitles.words()

    /// Words that declare an alias after a full name (以下简称“信达”).
    static let aliasIntroducers: [String] = Words.aliasIntroducers.words()

    /// Endings of a quoted text that make it a title or award (“独角兽企业”, “科技进步奖”).
    /// Endings of a newspaper's or magazine's name in book-title marks (《科创板日报》).
    static let mediaEndings = ["日报", "晚报", "早报", "晨报", "商报", "时报", "周刊", "周报", "杂志", "画报"]

    static let titleEndings: [String] = [
        "企业", "奖", "称号", "基地", "单位", "品牌", "名单", "强", "榜", "之星", "标杆", "冠军", "示范区", "示范园区",
        "园区", "平台", "中心", "实验室", "项目", "工程", "奖项", "荣誉", "先进集体", "示范点", "样板", "灯塔工厂", "第一股",
    ]

    /// Latin words too common to be names on their own (IPO, CEO, A股's A).
    /// Latin words and abbreviations that name nothing (IPO, App, GPU, Fellow), compared in
    /// capitals so that App and APP are one word.
    static let latinStopWords: Set<String> = [
        "A", "B", "H", "N", "S", "AH", "IPO", "GDP", "CEO", "CFO", "COO", "CTO", "AI", "PE", "VC", "PPP", "CPI",
        "PMI", "APP", "ST", "R&D", "RD", "OK", "TV", "PC", "IT", "5G", "4G", "3G", "VR", "AR", "MBA", "PPI", "M2",
        "QFII", "RQFII", "ETF", "LOF", "IC", "EPS", "ROE", "PS", "OTC", "CBD", "NO", "WTO", "GMP", "FDA",
        "GPU", "CPU", "SOC", "DD", "FELLOW", "PHD", "KPI", "SAAS", "API", "SDK",
    ]
}
