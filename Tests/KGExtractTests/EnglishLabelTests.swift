import Testing

@testable import KGExtract

/// English labels say a name in English honestly: a known English name, else whole glossary
/// words, else pinyin a word at a time; never half a word translated and half spelled.
@Suite struct EnglishLabelTests {
    @Test(arguments: [
        // Known English names (lexicon, or names the labeller knows whole).
        ("信达生物", "Innovent Biologics"), ("康宁杰瑞", "Alphamab Oncology"), ("港股18A", "HK 18A"),
        ("苏州工业园区", "Suzhou Industrial Park"), ("中国医科院系统所", "Institute of Systems Medicine, CAMS"),
        ("中国科学院药物所", "Shanghai Institute of Materia Medica, CAS"),
        // Whole glossary words, where a glossary word inside a longer word used to leave half of it.
        ("国家生物药技术创新中心", "National Biopharmaceutical Technology Innovation Center"),  // was "Bio Yao"
        ("国家级创新型产业集群", "National-level Innovative Industry Cluster"),  // was "National Ji"
        ("江苏独角兽企业", "Jiangsu Unicorn Enterprise"),  // was "Dujiaoshouqiye"
        ("国家高新区", "National Hi-tech Zone"),  // was "National Gao New Area"
        ("江苏省科技厅", "Jiangsu Department of Science and Technology"),  // was "Technology Department"
        ("国家第三代半导体技术创新中心", "National Third-generation Semiconductor Technology Innovation Center"),
        // Trade names in pinyin, a word per dictionary word, the rest translated.
        ("无锡华进半导体", "Wuxi Huajin Semiconductor"), ("国华实业", "Guohua Industrial"), ("中央银行", "Central Bank"),
        ("新光维医疗科技(苏州)股份有限公司", "Xinguangwei Medical Technology (Suzhou) Co., Ltd."), ("摩拜单车", "Mobai Danche"),
        // A known place that would take the first character of a glossary word gives it back.
        ("长春市委", "Changchun Municipal Committee"),  // was "Changchun Wei"
    ])
    func labels(name: String, english: String) {
        #expect(RecognitionFixture.recognizer.englishLabel(for: name) == english)
    }

    /// A word the glossary does not know is spelled whole, in pinyin split at dictionary words
    /// (Xinda Shengwu), not run together and not half translated.
    @Test func unknownWordsAreSpelledByWords() {
        let label = RecognitionFixture.recognizer.englishLabel(for: "中海商务")
        #expect(label == "Zhonghai Shangwu")
    }
}
