import Foundation
import KGText

/// Makes English labels for names the lexicon does not know: known words and places are
/// translated, the rest is written in pinyin a capitalised word per word (中微亿芯 → Zhongwei
/// Yixin, 华进半导体 → Huajin Semiconductor), and a known suffix is translated (有限公司 → Co., Ltd.).
///
/// Translation works on whole words only: the name is segmented with kg's dictionary, and a
/// glossary word is used only where it starts and ends on word boundaries. A glossary word
/// inside a longer word (生物 in 生物药, 国家 in 国家级) would leave half a word to be spelled
/// ("Bio Yao", "National Ji"); such a word is spelled whole in pinyin instead, unless the
/// glossary knows the longer word itself.
///
/// ICU transforms are slow, so results are cached for the life of the process.
final class EnglishLabeler: @unchecked Sendable {
    // @unchecked: the only mutable state is the two caches, and every access to them holds `lock`.
    private let lock = NSLock()
    private var labelCache: [LabelKey: String] = [:]
    private var pinyinCache: [Unicode.Scalar: String] = [:]
    /// Labels the cache holds before it starts over.
    static let labelCacheLimit = 50_000
    /// Glossary words (lexicon surfaces, suffixes, common name words) and their English.
    private let glossary: ScalarAutomaton
    private let glossaryEnglish: [String]
    /// True for names (lexicon surfaces, suffixes): used wherever they occur. False for the base
    /// glossary's common words, used only where they are whole words of the name.
    private let glossaryIsName: [Bool]

    /// Single characters translated when they are a word of the name on their own: a few
    /// administrative words and the one-character suffixes (厅 Department, 所 Institute).
    private let singles: [Unicode.Scalar: String]

    init(lexicon: Lexicon) {
        var words = EnglishLabeler.baseGlossary.mapValues { ($0, false) }
        for (name, english) in EnglishLabeler.knownNames { words[name] = (english, true) }
        var singles = EnglishLabeler.singleCharacters
        for suffix in RecognitionTables.suffixes where suffix.text.unicodeScalars.count == 1 {
            let c = suffix.text.unicodeScalars.first!
            if singles[c] == nil { singles[c] = suffix.english }
        }
        self.singles = singles
        for entry in lexicon.entries where !entry.isPost {
            guard let en = entry.labelEn else { continue }
            for surface in entry.surfaces where words[surface] == nil && surface.unicodeScalars.count >= 2 {
                words[surface] = (en, true)
            }
        }
        // Suffixes inside a name are common words (生物 in 生物药, 新区 in 高新区): whole words only.
        for suffix in RecognitionTables.suffixes where words[suffix.text] == nil && suffix.text.unicodeScalars.count >= 2 {
            words[suffix.text] = (suffix.english, false)
        }
        let sorted = words.sorted { $0.key < $1.key }
        glossary = ScalarAutomaton(patterns: sorted.map { Array($0.key.unicodeScalars) })
        glossaryEnglish = sorted.map(\.value.0)
        glossaryIsName = sorted.map(\.value.1)
    }

    /// English label for a name, `suffix` being the English of the suffix the recogniser found
    /// (nil when none).
    func label(name: String, suffix: (zh: String, en: String)?) -> String {
        let scalars = Array(name.unicodeScalars)
        guard let suffix else { return label(name: scalars, suffixLength: 0, suffixEnglish: nil) }
        let tail = Array(suffix.zh.unicodeScalars)
        let fits = scalars.count > tail.count && scalars.suffix(tail.count).elementsEqual(tail)
        return label(name: scalars, suffixLength: fits ? tail.count : 0, suffixEnglish: fits ? suffix.en : nil)
    }

    /// English label for a name whose last `suffixLength` scalars are a suffix translated as
    /// `suffixEnglish`. Cached by scalars: hashing scalars is cheaper than hashing a String.
    func label(name: [Unicode.Scalar], suffixLength: Int, suffixEnglish: String?) -> String {
        let key = LabelKey(name: name, suffixLength: suffixLength)
        lock.lock()
        if let cached = labelCache[key] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        var suffixLength = suffixLength
        if suffixLength > 0 && suffixSplitsAWord(name, cut: name.count - suffixLength) { suffixLength = 0 }
        var parts = translate(makeString(name.dropLast(suffixLength)))
        if let suffixEnglish, suffixLength > 0 { parts.append(suffixEnglish) }
        let result = joinWords(parts)
        lock.lock()
        // Names keep coming in a large corpus; starting over keeps memory bounded.
        if labelCache.count >= Self.labelCacheLimit { labelCache.removeAll(keepingCapacity: true) }
        labelCache[key] = result
        lock.unlock()
        return result
    }

    /// True when translating the suffix on its own would split a word: the cut is inside a
    /// dictionary word of the name (科技|厅 of 科技厅), or a glossary word that is a whole word of
    /// the name runs across it (大院大所). The whole name is then translated word by word.
    private func suffixSplitsAWord(_ name: [Unicode.Scalar], cut: Int) -> Bool {
        let words = WordSegmenter.builtIn.segmentation(of: name)
        if !words.isBoundary(at: cut) { return true }
        return glossary.hits(in: name).contains { hit in
            let range = Int(hit.start)..<Int(hit.end)
            return range.lowerBound < cut && range.upperBound > cut && range.count >= 2 && words.alignsWithWords(range)
        }
    }

    private struct LabelKey: Hashable {
        var name: [Unicode.Scalar]
        var suffixLength: Int
    }

    /// A person's name in pinyin, family name first: 于燮康 → Yu Xiekang.
    func personLabel(_ name: String, surnameLength: Int) -> String {
        let scalars = Array(name.unicodeScalars)
        let cut = min(surnameLength, scalars.count)
        let family = capitalised(pinyin(String(String.UnicodeScalarView(scalars[..<cut]))).joined())
        let given = capitalised(pinyin(String(String.UnicodeScalarView(scalars[cut...]))).joined())
        return given.isEmpty ? family : family + " " + given
    }

    /// Translation in two passes. Names the lexicon or the suffix table knows (places, known
    /// organisations, 有限公司) are taken wherever they occur, longest first; Latin runs are kept
    /// as written and brackets as brackets. Each stretch between them is segmented on its own
    /// (out of context the segmenter would join a place to the next word: 无|锡华|进) and
    /// translated from the base glossary only where a glossary word is a whole word there; the
    /// rest is spelled in pinyin a word at a time.
    private func translate(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        let longest = longestHits(in: scalars[...], names: true)
        let hits = glossary.hits(in: scalars)
        var parts: [String] = []
        var gapStart = 0
        var i = 0
        func flushGap(_ end: Int) {
            if gapStart < end { parts += translateWords(Array(scalars[gapStart..<end])) }
        }
        while i < scalars.count {
            let c = scalars[i]
            if c == "(" || c == ")" || c == "（" || c == "）" {
                flushGap(i)
                parts.append(c == "(" || c == "（" ? "(" : ")")
                i += 1
                gapStart = i
                continue
            }
            if c.isASCII {
                flushGap(i)
                var j = i
                while j < scalars.count, scalars[j].isASCII, scalars[j] != "(", scalars[j] != ")" { j += 1 }
                var a = i
                var b = j
                while a < b && scalars[a] == " " { a += 1 }
                while b > a && scalars[b - 1] == " " { b -= 1 }
                let latin = makeString(scalars[a..<b])
                if !latin.isEmpty { parts.append(latin) }
                i = j
                gapStart = i
                continue
            }
            var (end, pattern) = longest[i]
            if end - i >= 2 {
                // A shorter known name when the longer one would take the first character of a
                // glossary word (长春市|委 → 长春 + 市委: Changchun Municipal Committee).
                if let shorter = shorterName(at: i, end: end, hits: hits) {
                    (end, pattern) = shorter
                }
                flushGap(i)
                parts.append(glossaryEnglish[Int(pattern)])
                i = end
                gapStart = i
                continue
            }
            i += 1
        }
        flushGap(scalars.count)
        return parts
    }

    /// A known name starting at `start` that ends where a glossary word running past `end`
    /// begins, if there is one.
    private func shorterName(at start: Int, end: Int, hits: [ScalarAutomaton.Hit]) -> (end: Int, pattern: Int32)? {
        for word in hits where Int(word.start) > start && Int(word.start) < end && Int(word.end) > end {
            if let name = hits.first(where: {
                Int($0.start) == start && Int($0.end) == Int(word.start) && glossaryIsName[Int($0.pattern)]
            }) {
                return (Int(name.end), name.pattern)
            }
        }
        return nil
    }

    /// The longest glossary word starting at each position of `text` (end -1 where none), from
    /// one automaton pass; names only, or every glossary word.
    private func longestHits(in text: ArraySlice<Unicode.Scalar>, names: Bool) -> [(end: Int, pattern: Int32)] {
        let scalars = Array(text)
        var longest = Array(repeating: (end: -1, pattern: Int32(-1)), count: scalars.count)
        for hit in glossary.hits(in: scalars) where Int(hit.end) > longest[Int(hit.start)].end {
            if names && !glossaryIsName[Int(hit.pattern)] { continue }
            longest[Int(hit.start)] = (Int(hit.end), hit.pattern)
        }
        return longest
    }

    /// A stretch of Han text between known names: whole glossary words translated, every other
    /// word spelled in pinyin, a new word wherever a dictionary word of two or more characters
    /// starts (信达生物 → Xinda Shengwu, never Xindashengwu); single characters stay with the
    /// word before them, as trade names are spelled (华进 → Huajin, 新光维 → Xinguangwei).
    private func translateWords(_ scalars: [Unicode.Scalar]) -> [String] {
        let words = WordSegmenter.builtIn.segmentation(of: scalars)
        let hits = glossary.hits(in: scalars)
        // A compound the dictionary lists as one word (半导体技术) is still whole words if glossary
        // words tile it exactly (半导体 + 技术): its inner tile edges count as word boundaries.
        var innerBoundaries: Set<Int> = []
        for word in words.words where word.range.count >= 4 && word.range.upperBound <= scalars.count {
            var edges: [Int] = []
            var at = word.range.lowerBound
            while at < word.range.upperBound {
                // The longest tile from `at` that stays inside the word.
                var end = -1
                for hit in hits where Int(hit.start) == at && Int(hit.end) <= word.range.upperBound && Int(hit.end) - at >= 2 {
                    end = max(end, Int(hit.end))
                }
                guard end > at else { break }
                edges.append(end)
                at = end
            }
            if at == word.range.upperBound, edges.count > 1 { innerBoundaries.formUnion(edges) }
        }
        func isBoundary(_ offset: Int) -> Bool { words.isBoundary(at: offset) || innerBoundaries.contains(offset) }
        var longest = Array(repeating: (end: -1, pattern: Int32(-1)), count: scalars.count)
        for hit in hits where Int(hit.end) > longest[Int(hit.start)].end {
            // The last word of a name (实业, 银行) is kept even where the segmenter, reading the
            // name out of context, glued it to a trade name (国|华实|业): trade names are not in
            // the dictionary, so such a split is the segmenter's, not the name's.
            guard isBoundary(Int(hit.start)) || Int(hit.end) == scalars.count, isBoundary(Int(hit.end)) else { continue }
            longest[Int(hit.start)] = (Int(hit.end), hit.pattern)
        }
        // A dictionary word of two or more characters lying wholly inside `region`: a glossary
        // word that took part of it (国|华实|业 with 实业 translated) leaves no word to spell.
        func isLongWord(at offset: Int, inside region: Range<Int>) -> Bool {
            guard let word = words.word(at: offset) else { return false }
            return word.fromDictionary && word.range.count >= 2 && region.contains(word.range.lowerBound)
                && word.range.upperBound <= region.upperBound
        }
        var parts: [String] = []
        var piece: [Unicode.Scalar] = []
        var pieceStart = 0
        func emit() {
            let word = capitalised(pinyin(makeString(piece[...])).joined())
            if !word.isEmpty { parts.append(word) }
            piece.removeAll()
        }
        var i = 0
        while i < scalars.count {
            let (end, pattern) = longest[i]
            if end - i >= 2 {
                emit()
                parts.append(glossaryEnglish[Int(pattern)])
                i = end
                continue
            }
            if piece.isEmpty, let english = singles[scalars[i]], words.alignsWithWords(i..<(i + 1)) {
                parts.append(english)
                i += 1
                continue
            }
            if !piece.isEmpty, words.isBoundary(at: i) {
                var end = i
                while end < scalars.count, longest[end].end - end < 2 { end += 1 }
                let region = pieceStart..<end
                if isLongWord(at: i, inside: region) { emit() }
            }
            if piece.isEmpty { pieceStart = i }
            piece.append(scalars[i])
            i += 1
        }
        emit()
        return parts
    }

    /// Joins words with spaces, but none inside brackets' edges: `Xinguangwei Medical (Suzhou)`.
    private func joinWords(_ parts: [String]) -> String {
        var out = ""
        for part in parts {
            if part == ")" {
                out += ")"
            } else if out.isEmpty || out.hasSuffix("(") {
                out += part
            } else {
                out += " " + part
            }
        }
        return out
    }

    /// Pinyin syllables of a text, one per character: from `HanPinyin`'s table, else from a
    /// per-character cache of what ICU said (ICU is slow, and a name's characters recur across
    /// names).
    private func pinyin(_ text: String) -> [String] {
        var syllables: [String] = []
        var missing: [Unicode.Scalar] = []
        lock.lock()
        for c in text.unicodeScalars {
            if let known = HanPinyin.latin(c) {
                // What the ICU calls below make of a character the table holds.
                syllables.append(known.lowercased().filter { !$0.isWhitespace })
            } else if let cached = pinyinCache[c] {
                syllables.append(cached)
            } else {
                missing.append(c)
                syllables.append("")
            }
        }
        lock.unlock()
        guard !missing.isEmpty else { return syllables.filter { !$0.isEmpty } }
        var computed: [Unicode.Scalar: String] = [:]
        // One ICU call for all new characters: each Han character becomes one syllable.
        let unique = Array(Set(missing)).sorted { $0.value < $1.value }
        if unique.allSatisfy(CharClass.isCJK),
            let batch = String(String.UnicodeScalarView(unique)).applyingTransform(.mandarinToLatin, reverse: false)?
                .applyingTransform(.stripDiacritics, reverse: false)
        {
            let syllables = batch.split(separator: " ")
            if syllables.count == unique.count {
                for (c, syllable) in zip(unique, syllables) { computed[c] = syllable.lowercased() }
            }
        }
        for c in missing where computed[c] == nil {
            let latin = HanPinyin.icuLatin(c) ?? String(c)
            computed[c] = latin.lowercased().filter { !$0.isWhitespace }
        }
        lock.lock()
        for (c, value) in computed { pinyinCache[c] = value }
        lock.unlock()
        return zip(text.unicodeScalars, syllables).compactMap { c, s in
            let value = s.isEmpty ? (computed[c] ?? "") : s
            return value.isEmpty ? nil : value
        }
    }

    private func capitalised(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }

    /// Characters translated on their own when they start a word (省 after a place is dropped by
    /// the lexicon's own labels, so few are needed).
    private static let singleCharacters: [Unicode.Scalar: String] = [
        "省": "Province", "市": "City", "县": "County", "及": "and", "与": "and", "和": "and", "所": "Institute",
    ]

    /// Full names whose English is known but which the lexicon does not list (adding them there
    /// would change what is recognised and the entities' keys): used wherever they occur.
    static let knownNames: [String: String] = [
        "中国科学院药物所": "Shanghai Institute of Materia Medica, CAS", "中科院药物所": "Shanghai Institute of Materia Medica, CAS",
        "上海药物所": "Shanghai Institute of Materia Medica, CAS",
        "中国科学院苏州纳米所": "Suzhou Institute of Nano-Tech and Nano-Bionics, CAS",
        "中科院苏州纳米所": "Suzhou Institute of Nano-Tech and Nano-Bionics, CAS",
        "苏州纳米所": "Suzhou Institute of Nano-Tech and Nano-Bionics, CAS",
        "中国医科院系统所": "Institute of Systems Medicine, CAMS", "医科院系统所": "Institute of Systems Medicine, CAMS",
        "苏州生物医药产业园": "BioBAY",
    ]

    /// Words common in organisation names, with the English usual in official translations.
    static let baseGlossary: [String: String] = [
        "中国": "China", "国家": "National", "全国": "National", "中华": "China", "国际": "International",
        "集成电路": "Integrated Circuit", "半导体": "Semiconductor", "行业": "Industry", "产业": "Industry",
        "科技": "Technology", "科学技术": "Science and Technology", "技术": "Technology", "发展": "Development",
        "战略": "Strategy", "研究": "Research", "创新": "Innovation", "制造": "Manufacturing", "制造业": "Manufacturing",
        "特色工艺": "Specialty Process", "工艺": "Process", "封装": "Packaging", "测试": "Testing", "封装测试": "Packaging and Testing",
        "生物": "Bio", "生物医药": "Biomedicine", "医药": "Pharmaceutical", "药物": "Materia Medica", "系统医学": "Systems Medicine",
        "医学": "Medical", "医疗": "Medical", "器械": "Devices", "医疗器械": "Medical Devices", "人民": "People's",
        "政府": "Government", "高新技术": "High-tech", "工业": "Industrial", "信息": "Information", "信息技术": "Information Technology",
        "软件": "Software", "电子": "Electronics", "微电子": "Microelectronics", "新材料": "New Materials", "材料": "Materials",
        "智能": "Intelligent", "人工智能": "Artificial Intelligence", "数字": "Digital", "经济": "Economic", "金融": "Financial",
        "投资": "Investment", "管理": "Management", "服务": "Service", "创新型": "Innovative", "集群": "Cluster",
        "科学": "Science", "工程": "Engineering", "农业": "Agricultural", "能源": "Energy", "新能源": "New Energy",
        "环境": "Environment", "化学": "Chemistry", "物理": "Physics", "计算": "Computing", "光学": "Optics", "纳米": "Nano",
        "海洋": "Marine", "航空": "Aviation", "航天": "Aerospace", "汽车": "Automotive", "交通": "Transportation",
        "建设": "Construction", "教育": "Education", "文化": "Culture", "卫生": "Health", "健康": "Health", "安全": "Safety",
        "质量": "Quality", "标准": "Standards", "检测": "Testing", "认证": "Certification", "知识产权": "Intellectual Property",
        "人才": "Talent", "改革": "Reform", "委员会": "Commission", "党工委": "Party Working Committee", "协会": "Association",
        "联合": "Joint", "重点": "Key", "实验": "Experimental", "公共": "Public", "平台": "Platform", "中心": "Center",
        "高新": "Hi-tech", "开发": "Development", "园区": "Park", "工业园": "Industrial Park", "科技园": "Science Park",
        "光电": "Optoelectronics", "通信": "Communications", "网络": "Network", "数据": "Data", "大数据": "Big Data",
        "云计算": "Cloud Computing", "物联网": "Internet of Things", "电力": "Power", "电气": "Electric", "机械": "Machinery",
        "装备": "Equipment", "精密": "Precision", "仪器": "Instruments", "控股": "Holdings", "实业": "Industrial",
        "地产": "Real Estate", "置业": "Real Estate", "药业": "Pharmaceutical", "制药": "Pharmaceutical", "传媒": "Media",
        "化工": "Chemical", "食品": "Food", "物流": "Logistics", "钢铁": "Steel", "矿业": "Mining", "证券": "Securities",
        "银行": "Bank", "保险": "Insurance", "基金": "Fund", "资本": "Capital", "创投": "Venture Capital", "股份": "Co.",
        "商业": "Commercial", "贸易": "Trade", "电商": "E-commerce", "互联网": "Internet", "芯片": "Chip",
        "光伏": "Photovoltaic", "储能": "Energy Storage", "电池": "Battery", "机器人": "Robotics", "自动化": "Automation",
        "激光": "Laser", "显示": "Display", "通讯": "Communications", "环保": "Environmental", "节能": "Energy Saving",
        "水务": "Water", "农村": "Rural", "城市": "Urban", "规划": "Planning", "设计": "Design", "咨询": "Consulting",
        "孵化": "Incubation", "先进": "Advanced", "功能": "Functional", "系统": "Systems", "工作": "Working",
        "人民政府": "People's Government", "管理委员会": "Administrative Committee", "大学": "University",
        "研究院": "Research Institute", "研究所": "Research Institute", "医院": "Hospital", "有限公司": "Co., Ltd.",
        // Words of the sample and of industry news that were spelled, or split in half, before.
        "国家级": "National-level", "省级": "Provincial-level", "独角兽": "Unicorn", "企业": "Enterprise",
        "独角兽企业": "Unicorn Enterprise", "瞪羚企业": "Gazelle Enterprise", "生物药": "Biopharmaceutical",
        "生物药品": "Biopharmaceutical", "药品": "Pharmaceutical", "制品": "Products", "第三代": "Third-generation",
        "真空": "Vacuum", "互联": "Interconnection", "实验站": "Experimental Station", "实验室": "Laboratory",
        "一流": "First-class", "国内外": "Domestic and International", "院所": "Institutes", "高校": "Universities",
        "大院大所": "Major Institutes", "区委": "District Committee", "市委": "Municipal Committee", "省委": "Provincial Committee",
        "科技厅": "Department of Science and Technology", "科技局": "Science and Technology Bureau", "高新区": "Hi-tech Zone",
        "开发区": "Development Zone", "新区": "New Area", "产业园": "Industrial Park", "孵化器": "Incubator",
        "示范区": "Demonstration Zone", "自贸区": "Free Trade Zone", "技术创新中心": "Technology Innovation Center",
        "医用": "Medical", "内窥镜": "Endoscope", "产品": "Products", "服务中心": "Service Center",
        "中央": "Central", "照明": "Lighting", "水利水电": "Water Resources and Hydropower", "工程局": "Engineering Bureau",
        "商用": "Commercial", "免税": "Duty-free", "房地产": "Real Estate", "纺机": "Textile Machinery",
    ]
}
