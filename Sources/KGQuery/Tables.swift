import KGModel

// The tables the query commands print. Column names are the JSON field names: keep them stable.

extension [NeighborEdge] {
    /// Columns `depth, subject, predicate, object, subject_type, object_type`.
    public var table: ResultTable {
        ResultTable(
            columns: ["depth", "subject", "predicate", "object", "subject_type", "object_type"],
            rows: map {
                [
                    .int($0.depth), .text($0.edge.subject.labelZh), .text($0.edge.predicate), .text($0.edge.object.labelZh),
                    .text($0.edge.subject.type), .text($0.edge.object.type),
                ]
            })
    }
}

extension [GraphPath] {
    /// One row a hop: `path, hop, from, predicate, direction, to`; `direction` is `->` when the
    /// stored triple reads from → to and `<-` when it reads to → from.
    public var table: ResultTable {
        var rows: [[ResultValue]] = []
        for (p, path) in enumerated() {
            for (h, hop) in path.hops.enumerated() {
                rows.append([
                    .int(p + 1), .int(h + 1), .text(hop.from.labelZh), .text(hop.predicate),
                    .text(hop.forward ? "->" : "<-"), .text(hop.to.labelZh),
                ])
            }
        }
        return ResultTable(columns: ["path", "hop", "from", "predicate", "direction", "to"], rows: rows)
    }
}

extension [SearchHit] {
    /// Columns `label_zh, label_en, type, matched, match, key`.
    public var table: ResultTable {
        ResultTable(
            columns: ["label_zh", "label_en", "type", "matched", "match", "key"],
            rows: map {
                [
                    .text($0.entity.labelZh), ResultValue($0.entity.labelEn), .text($0.entity.type), .text($0.matched),
                    .text($0.match.description), .text($0.entity.key),
                ]
            })
    }
}

extension EntityDetails {
    /// A `field, value` table: one row a fact, one row a predicate count and one a document.
    public var table: ResultTable {
        var rows: [[ResultValue]] = [
            [.text("label_zh"), .text(entity.labelZh)],
            [.text("label_en"), ResultValue(entity.labelEn)],
            [.text("type"), .text(typePath.joined(separator: " < "))],
            [.text("key"), .text(entity.key)],
            [.text("id"), .int(Int(entity.id))],
            [.text("aliases"), .text(aliases.joined(separator: ", "))],
            [.text("out_degree"), .int(outDegree)],
            [.text("in_degree"), .int(inDegree)],
        ]
        for item in predicates {
            rows.append([.text(item.outgoing ? "predicate_out" : "predicate_in"), .text("\(item.predicate) \(item.count)")])
        }
        if documents.count < documentCount {
            rows.append([.text("documents"), .text("\(documents.count) of \(documentCount) shown (most evidence first)")])
        }
        for document in documents {
            var text = document.path
            if let title = document.title { text += " 《\(title)》" }
            text += " (mentions \(document.mentions), evidence \(document.evidence))"
            rows.append([.text("document"), .text(text)])
        }
        return ResultTable(columns: ["field", "value"], rows: rows)
    }
}

extension [EvidenceRecord] {
    /// Columns `subject, predicate, object, document, sentence_index, sentence, subject_span,
    /// object_span, trigger_span, rule, rule_version, confidence, qualifiers`; spans are
    /// `start-end` in Unicode scalars from the start of the document.
    public var table: ResultTable {
        func span(_ span: TextSpan?) -> ResultValue { span.map { .text("\($0.start)-\($0.end)") } ?? .null }
        return ResultTable(
            columns: [
                "subject", "predicate", "object", "document", "sentence_index", "sentence", "subject_span",
                "object_span", "trigger_span", "rule", "rule_version", "confidence", "qualifiers",
            ],
            rows: map {
                [
                    .text($0.subject.labelZh), .text($0.predicate), .text($0.object.labelZh), .text($0.documentPath),
                    .int($0.evidence.sentenceIndex), .text($0.evidence.sentenceText), span($0.evidence.subjectSpan),
                    span($0.evidence.objectSpan), span($0.evidence.triggerSpan), .text($0.evidence.ruleID),
                    .text($0.evidence.ruleVersion), .double($0.evidence.confidence),
                    .text($0.evidence.qualifiers.map(\.description).joined(separator: "; ")),
                ]
            })
    }
}
