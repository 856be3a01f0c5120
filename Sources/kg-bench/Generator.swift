import Foundation
import KGModel

/// Entities of one type, most connected first: draws favour low indexes (`skewed`), so the
/// head of each pool holds the hubs.
struct EntityPool {
    var type: String
    var labels: [String] = []
    var english: [String?] = []
    var aliases: [[String]] = []
    var keys: [String] = []
    /// Skew of the draws: higher puts more of them on the first few entities.
    var alpha: Double

    func descriptor(_ index: Int) -> EntityDescriptor {
        EntityDescriptor(key: EntityKey(rawValue: keys[index]), type: type, labelZh: labels[index], labelEn: english[index], aliases: aliases[index])
    }
}

/// One kind of sentence: a predicate, the pools its subject and object come from (weighted),
/// and the wording around them.
struct Template {
    var predicate: String
    var weight: Int
    var subjects: [(String, Int)]
    var objects: [(String, Int)]
    /// Sentence parts: text before the subject, between subject and trigger, the trigger,
    /// between trigger and object, after the object.
    var wording: [(before: String, middle: String, trigger: String, after: String, end: String)]
    /// When set, the sentence reads object first (`{O}董事长{S}表示`).
    var objectFirst = false
}

/// Builds a synthetic corpus with the shape of kg's real input: documents of 10–20 sentences
/// about a topic entity, each sentence stating one triple with its evidence spans, entity types
/// and predicates from the vocabulary, Chinese-looking names and a power-law degree
/// distribution. Deterministic for a seed.
struct CorpusGenerator {
    var rng: SplitMix64
    var pools: [String: EntityPool] = [:]
    let templates: [Template]
    private var used: Set<String> = []

    /// Sizes the entity pools for about `assertions` assertions: one entity per five assertions.
    init(assertions: Int, seed: UInt64) {
        rng = SplitMix64(seed: seed)
        templates = Self.makeTemplates()
        let entities = max(2000, assertions / 5)
        let shares: [(String, Double, Double)] = [
            ("Company", 0.42, 2.2), ("Person", 0.17, 1.6), ("Product", 0.12, 1.6), ("Project", 0.06, 1.6),
            ("Platform", 0.04, 2.0), ("ResearchInstitute", 0.03, 2.0), ("University", 0.01, 2.0),
            ("GovernmentBody", 0.03, 2.0), ("Association", 0.01, 2.0), ("Zone", 0.03, 2.5), ("Place", 0.02, 2.5),
            ("IndustryCluster", 0.01, 2.0),
        ]
        for (type, share, alpha) in shares {
            var pool = EntityPool(type: type, alpha: alpha)
            for _ in 0..<max(20, Int(Double(entities) * share)) { add(to: &pool) }
            pools[type] = pool
        }
        var industry = EntityPool(type: "Industry", alpha: 1.8)
        for name in Words.industries { append(&industry, label: name, key: "lex:industry/" + name) }
        pools["Industry"] = industry
        var title = EntityPool(type: "Title", alpha: 1.8)
        for name in Words.titles { append(&title, label: name, key: "lex:title/" + name) }
        pools["Title"] = title
        var exchange = EntityPool(type: "Exchange", alpha: 1.5)
        for (zh, en) in Words.exchanges { append(&exchange, label: zh, english: en, key: "lex:exchange/" + en) }
        pools["Exchange"] = exchange
    }

    var entityCount: Int { pools.values.reduce(0) { $0 + $1.labels.count } }

    private mutating func append(
        _ pool: inout EntityPool, label: String, english: String? = nil, aliases: [String] = [], key: String? = nil
    ) {
        used.insert(label)
        pool.labels.append(label)
        pool.english.append(english)
        pool.aliases.append(aliases)
        pool.keys.append(key ?? "name:" + label)
    }

    /// Stem of `length` characters, one more after repeated collisions.
    private mutating func stem(_ list: [String], _ length: Int) -> String {
        (0..<length).map { _ in rng.pick(list) }.joined()
    }

    /// Adds one new entity with a label no other entity has (resolve must not be ambiguous).
    private mutating func add(to pool: inout EntityPool) {
        var attempt = 0
        while true {
            let extra = attempt / 6
            var aliases: [String] = []
            var label: String
            switch pool.type {
            case "Company":
                let short = stem(Words.stems, (rng.chance(0.5) ? 2 : 3) + extra) + rng.pick(Words.trades)
                let suffix = rng.pick(Words.companySuffixes)
                label = short + suffix
                if !suffix.isEmpty && !used.contains(short) { aliases = [short] }
            case "Person":
                label = rng.pick(Words.surnames) + stem(Words.given, (rng.chance(0.7) ? 2 : 1) + extra)
            case "Product":
                label = stem(Words.stems, 2 + extra) + (rng.chance(0.3) ? "X\(rng.below(20) + 1)" : "") + rng.pick(Words.productWords)
            case "Project":
                label = stem(Words.places, 2 + extra) + rng.pick(Words.trades) + rng.pick(Words.projectWords)
            case "Platform":
                label = stem(Words.places, 1 + extra) + rng.pick(Words.industries) + rng.pick(Words.platformSuffixes)
            case "ResearchInstitute":
                label = stem(Words.places, 1 + extra) + rng.pick(Words.industries) + rng.pick(Words.instituteSuffixes)
            case "University":
                label = stem(Words.places, 2 + extra) + rng.pick(Words.universitySuffixes)
            case "GovernmentBody":
                label = stem(Words.places, 2 + extra) + rng.pick(Words.governmentSuffixes)
            case "Association":
                label = stem(Words.places, 1 + extra) + rng.pick(Words.industries) + rng.pick(Words.associationSuffixes)
            case "Zone":
                label = stem(Words.places, 2 + extra) + rng.pick(Words.zoneSuffixes)
            case "Place":
                label = stem(Words.places, 2 + extra) + rng.pick(Words.placeSuffixes)
            default:
                label = stem(Words.places, 2 + extra) + rng.pick(Words.industries) + "产业集群"
            }
            if !used.contains(label) {
                append(&pool, label: label, aliases: aliases.filter { !used.contains($0) })
                for alias in aliases { used.insert(alias) }
                return
            }
            attempt += 1
        }
    }

    mutating func draw(_ type: String) -> EntityDescriptor {
        let pool = pools[type]!
        return pool.descriptor(rng.skewed(pool.labels.count, alpha: pool.alpha))
    }

    /// One document of 10–20 assertions, about 40% of them about its topic entity.
    mutating func document(number: Int) -> (TextDocument, DocumentExtraction) {
        let topicType = rng.weighted([("Company", 6), ("Zone", 3), ("Place", 1)])
        let topic = draw(topicType)
        let count = 10 + rng.below(11)
        var text = ""
        var offset = 0
        var sentences: [Sentence] = []
        var mentions: [EntityMention] = []
        var extractions: [Extraction] = []
        let version = "bench-v1"
        for index in 0..<count {
            let template = rng.weighted(templates.map { ($0, $0.weight) })
            let subjectType = rng.weighted(template.subjects)
            let subject =
                topic.type == subjectType && rng.chance(0.4)
                ? topic : draw(subjectType)
            var object = draw(rng.weighted(template.objects))
            if object.key == subject.key { object = draw(rng.weighted(template.objects)) }
            if object.key == subject.key { continue }
            let words = rng.pick(template.wording)
            var qualifiers: [Qualifier] = []
            var trigger = words.trigger
            if template.predicate == "holdsPosition" {
                let role = rng.pick(Words.roles)
                qualifiers.append(Qualifier("role", role))
                trigger = role
            } else if template.predicate == "investsIn" && rng.chance(0.5) {
                qualifiers.append(Qualifier("round", rng.pick(Words.rounds)))
            } else if template.predicate == "established" && rng.chance(0.1) {
                qualifiers.append(Qualifier("status", "planned"))
            }
            // Assemble the sentence, noting scalar offsets as it grows.
            let first = template.objectFirst ? object : subject
            let second = template.objectFirst ? subject : object
            var sentence = ""
            var length = 0
            func put(_ part: String) -> TextSpan {
                let start = offset + length
                sentence += part
                length += part.unicodeScalars.count
                return TextSpan(start, offset + length)
            }
            _ = put(words.before)
            let firstSpan = put(first.labelZh)
            _ = put(words.middle)
            let triggerSpan = put(trigger)
            _ = put(words.after)
            let secondSpan = put(second.labelZh)
            _ = put(words.end)
            let sentenceIndex = sentences.count
            sentences.append(
                Sentence(index: sentenceIndex, span: TextSpan(offset, offset + length), text: sentence, clauses: []))
            text += sentence
            offset += length
            let subjectSpan = template.objectFirst ? secondSpan : firstSpan
            let objectSpan = template.objectFirst ? firstSpan : secondSpan
            mentions.append(EntityMention(entity: subject, sentenceIndex: sentenceIndex, span: subjectSpan))
            mentions.append(EntityMention(entity: object, sentenceIndex: sentenceIndex, span: objectSpan))
            extractions.append(
                Extraction(
                    subject: subject, predicate: template.predicate, object: object, sentenceIndex: sentenceIndex,
                    subjectSpan: subjectSpan, objectSpan: objectSpan, triggerSpan: triggerSpan.isEmpty ? nil : triggerSpan,
                    ruleID: "bench.\(template.predicate).\(index % 3)", ruleVersion: version,
                    confidence: 0.6 + Double(rng.below(40)) / 100, qualifiers: qualifiers))
        }
        let day = 1 + number % 28, month = 1 + (number / 28) % 12
        let metadata = DocumentMetadata(
            title: "\(topic.labelZh)动态（第\(number)期）", published: String(format: "2024-%02d-%02dT09:00:00", month, day),
            source: rng.pick(Words.sources), authors: rng.chance(0.3) ? [draw("Person").labelZh] : [])
        let hash = String(format: "%016llx%016llx%016llx%016llx", rng.next(), rng.next(), rng.next(), rng.next())
        let document = TextDocument(
            path: String(format: "gen/%08d.txt", number), original: text, contentHash: hash, metadata: metadata,
            sentences: sentences)
        return (document, DocumentExtraction(mentions: mentions, extractions: extractions))
    }

    static func makeTemplates() -> [Template] {
        typealias W = (before: String, middle: String, trigger: String, after: String, end: String)
        func w(_ before: String, _ middle: String, _ trigger: String, _ after: String, _ end: String) -> W {
            (before, middle, trigger, after, end)
        }
        return [
            Template(
                predicate: "hosts", weight: 12, subjects: [("Zone", 8), ("Place", 2)],
                objects: [("Company", 16), ("Platform", 2), ("IndustryCluster", 1), ("Project", 1)],
                wording: [w("目前，", "已", "集聚", "了", "等一批重点企业。"), w("", "", "拥有", "", "。")]),
            Template(
                predicate: "locatedIn", weight: 10, subjects: [("Company", 14), ("Platform", 3), ("Project", 3)],
                objects: [("Zone", 6), ("Place", 4)], wording: [w("", "", "位于", "", "。"), w("", "正式", "落户", "", "。")]),
            Template(
                predicate: "headquarteredIn", weight: 4, subjects: [("Company", 1)], objects: [("Place", 7), ("Zone", 3)],
                wording: [w("", "", "总部位于", "", "。")]),
            Template(
                predicate: "listedOn", weight: 6, subjects: [("Company", 1)], objects: [("Exchange", 1)],
                wording: [w("", "于2023年", "登陆", "", "。"), w("", "成功", "登陆", "", "。")]),
            Template(
                predicate: "introduced", weight: 6, subjects: [("Zone", 7), ("Place", 2), ("GovernmentBody", 1)],
                objects: [("Company", 7), ("Project", 2), ("Platform", 1)], wording: [w("近年来，", "成功", "引进", "了", "。")]),
            Template(
                predicate: "established", weight: 5,
                subjects: [("Company", 4), ("Zone", 2), ("GovernmentBody", 2), ("University", 1), ("Person", 1)],
                objects: [("Platform", 4), ("Project", 3), ("Company", 2), ("ResearchInstitute", 1)],
                wording: [w("", "牵头", "成立", "了", "。"), w("", "", "打造", "", "。")]),
            Template(
                predicate: "develops", weight: 8, subjects: [("Company", 17), ("ResearchInstitute", 2), ("University", 1)],
                objects: [("Product", 1)], wording: [w("", "专注于", "研发", "", "。")]),
            Template(
                predicate: "released", weight: 5, subjects: [("Company", 1)], objects: [("Product", 1)],
                wording: [w("日前，", "正式", "发布", "", "。")]),
            Template(
                predicate: "holdsPosition", weight: 10, subjects: [("Person", 1)],
                objects: [("Company", 12), ("GovernmentBody", 3), ("Zone", 2), ("Association", 2), ("University", 1)],
                wording: [w("", "", "", "", "表示，将继续加大投入。")], objectFirst: true),
            Template(
                predicate: "founderOf", weight: 4, subjects: [("Person", 1)], objects: [("Company", 1)],
                wording: [w("", "作为", "创始人", "创办了", "。")]),
            Template(
                predicate: "partOf", weight: 2, subjects: [("ResearchInstitute", 3), ("Company", 4), ("Platform", 1)],
                objects: [("Company", 3), ("University", 2)], wording: [w("", "", "隶属于", "", "。")]),
            Template(
                predicate: "partOf", weight: 1, subjects: [("Zone", 2), ("Place", 1)], objects: [("Place", 1)],
                wording: [w("", "", "隶属于", "", "。")]),
            Template(
                predicate: "cooperatesWith", weight: 8,
                subjects: [("Company", 6), ("University", 2), ("ResearchInstitute", 1), ("Zone", 1)],
                objects: [("Company", 10), ("University", 5), ("ResearchInstitute", 3), ("Zone", 2)],
                wording: [w("", "", "携手", "", "签署战略合作协议。")]),
            Template(
                predicate: "investsIn", weight: 8, subjects: [("Company", 3), ("Person", 1)],
                objects: [("Company", 6), ("Project", 1)], wording: [w("", "", "领投", "了", "的新一轮融资。")]),
            Template(
                predicate: "acquires", weight: 2, subjects: [("Company", 1)], objects: [("Company", 1)],
                wording: [w("", "宣布", "收购", "", "全部股权。")]),
            Template(
                predicate: "recognizedAs", weight: 5,
                subjects: [("Company", 16), ("Zone", 2), ("IndustryCluster", 1), ("Person", 1)], objects: [("Title", 1)],
                wording: [w("", "", "入选", "", "名单。"), w("", "", "被评为", "", "。")]),
            Template(
                predicate: "focusesOn", weight: 4, subjects: [("Zone", 6), ("Place", 3), ("Company", 1)],
                objects: [("Industry", 1)], wording: [w("", "以", "", "", "为主导产业。")]),
        ]
    }
}
