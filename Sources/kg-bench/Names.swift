/// Word lists the synthetic names are built from. They only need to look like the names in
/// Chinese industry news (so label lengths, pinyin and search behave as on real text), not to
/// name real organisations.
enum Words {
    static let stems = Array("华中创新科瑞达博恒泰盛鑫源宏信德天海东明金安康美嘉联通远智芯微汇星光辰景润和丰隆兴荣祥腾飞云峰宇航正元凯威诺亿晶迈捷锐思睿易力维特普奥图朗弘宸昇璟翔骏铭澜峻卓越启明华宁").map(String.init)
    static let places = Array("苏杭宁沪京津渝蓉深广珠佛莞锡常通扬泰徐盐淮连镇湖嘉绍甬温台金衢丽合芜蚌皖赣闽厦泉漳莆榕鲁青烟潍淄济威日临豫郑洛汴鄂汉宜襄湘长株潭岳粤桂邕柳滇昆黔筑川绵陕西咸晋并冀石唐廊保沧辽沈大连吉春黑哈蒙呼新乌甘兰宁银").map(String.init)
    static let trades = [
        "科技", "生物", "医药", "半导体", "新能源", "智能", "电子", "材料", "软件", "信息", "机器人", "光电", "精密",
        "微电子", "数据", "通信", "汽车", "环保", "能源", "化学", "医疗", "航天", "储能", "视觉",
    ]
    static let companySuffixes = ["", "", "股份有限公司", "有限公司", "集团"]
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤").map(String.init)
    static let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂文辉鹏华红玉飞建国志宏海波东晓林斌宇浩凯健俊帆帅旭宁龙欣婷雪琳晨阳思佳雨博天子梓轩睿泽然一诗可心怡嘉瑞昊毅峰鑫").map(String.init)
    static let zoneSuffixes = [
        "高新区", "经济开发区", "工业园区", "科学城", "自贸片区", "生物医药产业园", "软件园", "综合保税区", "新区", "未来科技城",
    ]
    static let placeSuffixes = ["市", "区", "县", "镇"]
    static let universitySuffixes = ["大学", "理工大学", "科技大学", "师范大学", "工业大学"]
    static let instituteSuffixes = ["研究院", "研究所", "实验室", "技术研究院"]
    static let governmentSuffixes = ["市人民政府", "市发展改革委", "区管委会", "市科技局", "市商务局", "省工信厅"]
    static let associationSuffixes = ["协会", "产业联盟", "商会", "促进会"]
    static let platformSuffixes = ["创新中心", "孵化器", "加速器", "公共服务平台", "中试基地", "产业创新研究院"]
    static let productWords = [
        "芯片", "平台", "系统", "模组", "传感器", "疫苗", "抗体", "电池", "机器人", "大模型", "操作系统", "控制器", "激光雷达",
        "光刻胶", "呼吸机",
    ]
    static let projectWords = ["产业基地项目", "研发中心项目", "智能工厂项目", "总部项目", "生产线项目", "产业园项目"]
    static let industries = [
        "生物医药", "集成电路", "人工智能", "新能源汽车", "高端装备制造", "新材料", "数字经济", "纳米技术", "光伏", "储能",
        "航空航天", "软件和信息服务", "智能制造", "医疗器械", "现代物流", "金融科技", "节能环保", "新一代信息技术", "区块链",
        "量子信息", "氢能", "海洋经济", "现代农业", "文化创意", "跨境电商", "工业互联网", "物联网", "云计算", "大数据", "5G通信",
        "半导体材料", "创新药", "合成生物", "脑机接口", "低空经济", "机器人", "智能网联汽车", "超高清视频", "商业航天", "元宇宙",
    ]
    static let titles = [
        "专精特新“小巨人”企业", "国家级高新技术企业", "独角兽企业", "瞪羚企业", "国家级经济技术开发区", "国家高新区", "制造业单项冠军",
        "国家技术创新示范企业", "省级专精特新中小企业", "中国500强", "国家级孵化器", "国家重点实验室", "全国文明单位",
        "国家知识产权示范企业", "省级工程技术研究中心", "未来工厂", "灯塔工厂", "国家绿色工厂", "科技小巨人企业", "隐形冠军企业",
    ]
    /// Boards and exchanges with their English labels: few, so they become hubs.
    static let exchanges: [(String, String)] = [
        ("港股18A", "HKEX Chapter 18A"), ("港交所主板", "HKEX Main Board"), ("上交所科创板", "STAR Market"),
        ("上交所主板", "SSE Main Board"), ("深交所创业板", "ChiNext"), ("深交所主板", "SZSE Main Board"),
        ("北交所", "Beijing Stock Exchange"), ("新三板", "NEEQ"), ("纳斯达克", "Nasdaq"), ("纽交所", "NYSE"),
        ("伦交所", "London Stock Exchange"), ("新加坡交易所", "SGX"), ("东京证券交易所", "Tokyo Stock Exchange"),
        ("瑞士证券交易所", "SIX Swiss Exchange"),
    ]
    static let roles = ["董事长", "总经理", "首席执行官", "党工委书记", "管委会主任", "副理事长", "首席科学家", "副总裁"]
    static let rounds = ["天使轮", "A轮", "B轮", "C轮", "战略投资", "Pre-IPO轮"]
    static let sources = ["证券时报", "新华日报", "第一财经", "21世纪经济报道", "科技日报", "经济观察报"]
}
