import KGModel

/// Options for drawing a graph with Graphviz.
public struct DOTOptions: Hashable, Sendable {
    /// Which labels to show.
    public enum LabelLanguage: String, CaseIterable, Sendable {
        /// Chinese only, English only, or Chinese with English beneath.
        case zh, en, both
    }

    /// The Graphviz layout engine.
    public enum Layout: String, CaseIterable, Sendable {
        /// Layered drawing; readable up to a few hundred edges.
        case dot
        /// Force-directed multiscale drawing with `overlap=prism`; handles thousands of edges.
        case sfdp
    }

    public var nodeLabels: LabelLanguage
    /// Edge labels: `.zh`, `.en`, or `.both` (Chinese / English).
    public var edgeLabels: LabelLanguage
    /// The engine; nil chooses by size (`dot` up to `dotEdgeLimit` edges, else `sfdp`).
    public var layout: Layout?
    public var dotEdgeLimit: Int
    /// Labels are cut to this many characters (Graphviz rejects strings over 16 KB; long labels
    /// are unreadable well before that).
    public var maxLabelLength: Int
    /// A font family that Debian's fonts-noto-cjk provides, so Chinese draws as glyphs.
    public var fontName: String
    public var selection: GraphSelection
    /// When true, nodes and edges carry `id="n<entity id>"` and `id="e<triple id>"`, which
    /// Graphviz's SVG keeps on their groups: the HTML page finds what was clicked by them.
    public var elementIDs: Bool

    public init(
        nodeLabels: LabelLanguage = .both, edgeLabels: LabelLanguage = .en, layout: Layout? = nil,
        dotEdgeLimit: Int = 300, maxLabelLength: Int = 60, fontName: String = "Noto Sans CJK SC",
        selection: GraphSelection = GraphSelection(), elementIDs: Bool = false
    ) {
        self.elementIDs = elementIDs
        self.nodeLabels = nodeLabels
        self.edgeLabels = edgeLabels
        self.layout = layout
        self.dotEdgeLimit = dotEdgeLimit
        self.maxLabelLength = maxLabelLength
        self.fontName = fontName
        self.selection = selection
    }

    /// The engine for a drawing of `edges` edges.
    public func layout(forEdgeCount edges: Int) -> Layout {
        layout ?? (edges <= dotEdgeLimit ? .dot : .sfdp)
    }
}

/// What a DOT export drew.
public struct DOTReport: Hashable, Sendable {
    public var selection: SelectionReport
    public var layout: DOTOptions.Layout
}

/// Writes a Graphviz drawing: nodes shaped and coloured by entity type with a legend, Chinese
/// labels with English beneath, edge labels from the predicate with qualifiers such as a role.
///
/// Node ids are `n<entity id>`, stable and unique whatever the name. The output is UTF-8
/// without a byte-order mark, never `strict` (that would merge parallel edges), and sets
/// `newrank=true` (clusters with edge labels otherwise fail with "trouble in init_rank").
public struct DOTExporter: GraphExporter {
    public var vocabulary: Vocabulary
    public var options: DOTOptions
    public var format: ExportFormat { .dot }

    public init(vocabulary: Vocabulary = .builtIn, options: DOTOptions = DOTOptions()) {
        self.vocabulary = vocabulary
        self.options = options
    }

    public func export(_ reader: any GraphReader, to sink: TextSink) throws {
        _ = try write(reader, to: sink)
    }

    /// Writes the drawing and reports what was selected and which layout was chosen.
    @discardableResult
    public func write(_ reader: any GraphReader, to sink: TextSink) throws -> DOTReport {
        let selected = try options.selection.resolve(reader, vocabulary: vocabulary)
        let layout = options.layout(forEdgeCount: selected.report.edgesKept)
        let font = DOTText.quote(options.fontName, maxLength: 200)
        var graphAttributes = [
            "charset=\"UTF-8\"", "layout=\(layout.rawValue)", "newrank=true", "fontname=\(font)", "fontsize=12",
        ]
        switch layout {
        case .dot: graphAttributes += ["rankdir=LR", "nodesep=0.3", "ranksep=0.6"]
        // sfdp places edge labels at edge midpoints and does not move them out of each other's
        // way; extra separation between nodes leaves them room.
        case .sfdp: graphAttributes += ["overlap=prism", "sep=\"+10\"", "splines=false", "outputorder=edgesfirst"]
        }
        if selected.report.nodesOmitted > 0 || selected.report.edgesOmitted > 0 {
            let note = "显示 \(selected.report.nodesKept) 个实体，省略 \(selected.report.nodesOmitted) 个实体和 "
                + "\(selected.report.edgesOmitted) 条关系 / shown \(selected.report.description)"
            graphAttributes += ["label=" + DOTText.quote(note, maxLength: 400), "labelloc=b"]
        }
        try sink.write("// kg graph: \(selected.report.description)\n")
        try sink.write("digraph kg {\n  graph [" + graphAttributes.joined(separator: ", ") + "];\n")
        try sink.write("  node [fontname=\(font), fontsize=11, style=\"filled\", penwidth=0.8];\n")
        try sink.write("  edge [fontname=\(font), fontsize=9, color=\"#555555\", fontcolor=\"#333333\"];\n")

        var typesUsed: [String] = []
        let visit = selected.connectedOnly ? reader.forEachConnectedEntity : reader.forEachEntity
        try visit { e in
            guard selected.contains(entity: e.id) else { return }
            if !typesUsed.contains(e.type) { typesUsed.append(e.type) }
            let style = DOTStyle.of(e.type, vocabulary: vocabulary)
            let label = nodeLabel(e)
            let id = options.elementIDs ? "id=\"\(Self.nodeID(e.id))\", " : ""
            try sink.write(
                "  \(Self.nodeID(e.id)) [\(id)label=\(label), shape=\(style.shape), fillcolor=\"\(style.fill)\", color=\"\(style.border)\"];\n")
        }
        try reader.forEachTriple { t in
            guard selected.contains(triple: t.id) else { return }
            var attributes = ["label=" + edgeLabel(t, qualifiers: layout == .dot)]
            if options.elementIDs { attributes.insert("id=\"e\(t.id)\"", at: 0) }
            if vocabulary.predicate(t.predicate)?.symmetric == true { attributes.append("dir=none") }
            try sink.write("  \(Self.nodeID(t.subject)) -> \(Self.nodeID(t.object)) [" + attributes.joined(separator: ", ") + "];\n")
        }
        if !typesUsed.isEmpty {
            try writeLegend(types: typesUsed.sorted(), to: sink)
        }
        try sink.write("}\n")
        return DOTReport(selection: selected.report, layout: layout)
    }

    /// The legend: one node whose label is an HTML-like table, a cell per entity type drawn in
    /// that type's fill and border colours, four cells a row.
    ///
    /// One node, not a cluster of sample nodes: sfdp (used beyond 300 edges) ignores clusters and
    /// scattered the samples among the graph. A single node stays whole under every layout.
    private func writeLegend(types: [String], to sink: TextSink) throws {
        var rows: [String] = []
        for row in stride(from: 0, to: types.count, by: 4) {
            let cells = types[row..<min(row + 4, types.count)].map { type -> String in
                let info = vocabulary.type(type)
                let style = DOTStyle.of(type, vocabulary: vocabulary)
                let text = [info?.labelZh, info?.labelEn ?? type].compactMap { $0 }.map(DOTText.html).joined(separator: "<BR/>")
                return "<TD BGCOLOR=\"\(style.fill)\" COLOR=\"\(style.border)\">\(text)</TD>"
            }
            rows.append("<TR>" + cells.joined() + "</TR>")
        }
        let span = min(4, types.count)
        let title = "<TR><TD COLSPAN=\"\(span)\" BORDER=\"0\"><B>图例 Legend</B></TD></TR>"
        try sink.write(
            "  legend [shape=plaintext, style=\"\", fontsize=9, margin=0, label=<<TABLE BORDER=\"1\" COLOR=\"#999999\" "
                + "STYLE=\"rounded\" CELLBORDER=\"1\" CELLSPACING=\"3\" CELLPADDING=\"3\">" + title + rows.joined() + "</TABLE>>];\n")
    }

    /// `n<id>`: a plain DOT identifier, unique per entity whatever its name (`m<id>` for the
    /// negative ids a store never hands out but a reader could).
    static func nodeID(_ id: Int64) -> String { id >= 0 ? "n\(id)" : "m\(id.magnitude)" }

    private func nodeLabel(_ e: GraphEntity) -> String {
        let en = e.labelEn.flatMap { $0.isEmpty || $0 == e.labelZh ? nil : $0 }
        switch options.nodeLabels {
        case .zh: return DOTText.quote(e.labelZh, maxLength: options.maxLabelLength)
        case .en: return DOTText.quote(en ?? e.labelZh, maxLength: options.maxLabelLength)
        case .both:
            return DOTText.quote(lines: [e.labelZh] + (en.map { [$0] } ?? []), maxLength: options.maxLabelLength)
        }
    }

    /// The predicate's name, and with `qualifiers` a second line of them. sfdp drawings leave the
    /// second line out: hundreds of two-line labels at edge midpoints cover one another there.
    private func edgeLabel(_ t: GraphTriple, qualifiers: Bool) -> String {
        let info = vocabulary.predicate(t.predicate)
        let name: String
        switch options.edgeLabels {
        case .zh: name = info?.labelZh ?? t.predicate
        case .en: name = info?.labelEn ?? t.predicate
        case .both: name = [info?.labelZh, info?.labelEn].compactMap { $0 }.joined(separator: " / ")
        }
        var lines = [name.isEmpty ? t.predicate : name]
        if qualifiers, !t.qualifiers.isEmpty {
            lines.append("(" + t.qualifiers.map(qualifierText).joined(separator: ", ") + ")")
        }
        return DOTText.quote(lines: lines, maxLength: options.maxLabelLength)
    }
}

extension DOTExporter {
    /// A qualifier as an edge label shows it. `list=incomplete` (the sentence's list ended in 等,
    /// "and others") printed as "(incomplete)" read as if the fact were; say what it means.
    func qualifierText(_ q: Qualifier) -> String {
        guard q.key == "list", q.value == "incomplete" else { return q.value }
        return options.edgeLabels == .zh ? "列举以“等”结尾" : "in a list ending 等, “and others”"
    }
}

/// Shape and colours of an entity type in drawings.
struct DOTStyle {
    var shape: String
    var fill: String
    var border: String

    private static let table: [String: DOTStyle] = [
        "Company": DOTStyle(shape: "box", fill: "#DCEBFA", border: "#3B6EA5"),
        "University": DOTStyle(shape: "box3d", fill: "#E4DDF4", border: "#6A4FA3"),
        "ResearchInstitute": DOTStyle(shape: "component", fill: "#E4DDF4", border: "#6A4FA3"),
        "GovernmentBody": DOTStyle(shape: "house", fill: "#FBE3D6", border: "#B5562B"),
        "Association": DOTStyle(shape: "hexagon", fill: "#FFF1C9", border: "#A7811B"),
        "Exchange": DOTStyle(shape: "cylinder", fill: "#D9F0E3", border: "#2F7D53"),
        "Platform": DOTStyle(shape: "parallelogram", fill: "#DCEBFA", border: "#3B6EA5"),
        "Organization": DOTStyle(shape: "box", fill: "#EDF2F7", border: "#4A5568"),
        "Zone": DOTStyle(shape: "octagon", fill: "#E2F5D8", border: "#4C8A2E"),
        "Place": DOTStyle(shape: "ellipse", fill: "#E2F5D8", border: "#4C8A2E"),
        "Person": DOTStyle(shape: "oval", fill: "#FDE2E4", border: "#B23A48"),
        "IndustryCluster": DOTStyle(shape: "doubleoctagon", fill: "#FFF1C9", border: "#A7811B"),
        "Industry": DOTStyle(shape: "note", fill: "#FFF8E1", border: "#A7811B"),
        "Product": DOTStyle(shape: "tab", fill: "#E0F4F7", border: "#1F7A8C"),
        "Title": DOTStyle(shape: "egg", fill: "#F6E7F8", border: "#8E44AD"),
        "Project": DOTStyle(shape: "folder", fill: "#EEEEEE", border: "#555555"),
    ]
    private static let fallback = DOTStyle(shape: "ellipse", fill: "#FFFFFF", border: "#777777")

    /// The style of `type`, or of its nearest styled parent.
    static func of(_ type: String, vocabulary: Vocabulary) -> DOTStyle {
        var current: String? = type
        var seen: Set<String> = []
        while let t = current, seen.insert(t).inserted {
            if let style = table[t] { return style }
            current = vocabulary.type(t)?.parent
        }
        return fallback
    }
}

/// DOT string syntax.
enum DOTText {
    /// `text` escaped for an HTML-like label (`&`, `<`, `>`, `"`), control characters dropped.
    static func html(_ text: String) -> String { XMLText.escaped(text, keepingLineBreaks: false) }

    /// A quoted DOT string holding `text` literally: quotes and backslashes escaped, line breaks
    /// as `\n`, other control characters dropped, and `&` written as `&amp;` because Graphviz
    /// decodes HTML entities even in plain labels. Cut to `maxLength` characters with "…".
    static func quote(_ text: String, maxLength: Int) -> String {
        quote(lines: [text], maxLength: maxLength)
    }

    /// Several lines, each cut to `maxLength` characters, centred one under another.
    static func quote(lines: [String], maxLength: Int) -> String {
        var out = "\""
        for (i, line) in lines.enumerated() {
            if i > 0 { out += "\\n" }
            var scalars = Array(line.unicodeScalars)
            if scalars.count > maxLength {
                scalars = Array(scalars.prefix(max(1, maxLength - 1))) + ["…"]
            }
            for scalar in scalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "&": out += "&amp;"
                case "\n": out += "\\n"
                case "\r", "\u{FEFF}": break
                case _ where scalar.value < 0x20 || scalar.value == 0x7F: break
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
