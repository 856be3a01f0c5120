import KGModel

/// Which part of a graph to draw: whole graphs are unreadable, so a picture usually shows an
/// entity's neighbourhood, some predicates or types, or what one document says.
public struct GraphSelection: Hashable, Sendable {
    /// An entity to centre on, named by key (`lex:...`, `name:...`), Chinese label or English
    /// label (case-insensitive).
    public var focus: String?
    /// How many hops around `focus` to keep.
    public var depth: Int
    /// Keep only triples with these predicate ids.
    public var predicates: Set<String>?
    /// Keep only entities of these types or their subtypes.
    public var types: Set<String>?
    /// Keep only triples stated in this document, named by its path or its store id.
    public var document: String?
    /// Keep at most this many entities: the focus and its nearest neighbours first, then the
    /// best-connected ones.
    public var maxNodes: Int?
    /// Also draw entities that take part in no selected triple. Off by default: a store keeps
    /// every entity mentioned, and unconnected ones bury the picture in loose nodes.
    public var includeIsolated: Bool

    public init(
        focus: String? = nil, depth: Int = 1, predicates: Set<String>? = nil, types: Set<String>? = nil,
        document: String? = nil, maxNodes: Int? = nil, includeIsolated: Bool = false
    ) {
        self.includeIsolated = includeIsolated
        self.focus = focus
        self.depth = depth
        self.predicates = predicates
        self.types = types
        self.document = document
        self.maxNodes = maxNodes
    }

    /// True when everything is selected.
    public var isEverything: Bool { isWholeGraph && includeIsolated }

    /// True when no option narrows the graph (unconnected entities may still be left out).
    var isWholeGraph: Bool {
        focus == nil && predicates == nil && types == nil && document == nil && maxNodes == nil
    }
}

/// What a selection kept and what it left out, so a picture can say it is partial.
public struct SelectionReport: Hashable, Sendable, CustomStringConvertible {
    public var nodesKept: Int
    public var nodesOmitted: Int
    public var edgesKept: Int
    public var edgesOmitted: Int
    /// Entities not drawn because no selected triple touches them (see `includeIsolated`).
    public var isolatedHidden: Int

    public init(nodesKept: Int, nodesOmitted: Int, edgesKept: Int, edgesOmitted: Int, isolatedHidden: Int = 0) {
        self.isolatedHidden = isolatedHidden
        self.nodesKept = nodesKept
        self.nodesOmitted = nodesOmitted
        self.edgesKept = edgesKept
        self.edgesOmitted = edgesOmitted
    }

    public var description: String {
        var text = "\(counted(nodesKept, "entity", "entities")), \(counted(edgesKept, "triple"))"
        if nodesOmitted > 0 || edgesOmitted > 0 {
            text += " (left out \(counted(nodesOmitted, "entity", "entities")) and \(counted(edgesOmitted, "triple")))"
        }
        if isolatedHidden > 0 { text += "; \(counted(isolatedHidden, "unconnected entity", "unconnected entities")) not drawn" }
        return text
    }
}

/// The ids a selection picked, computed from a compact index of the graph.
struct SelectedGraph {
    /// True when everything is selected and the id sets are left empty.
    var all = false
    /// With `all`: only entities some triple touches (`GraphReader.forEachConnectedEntity`).
    var connectedOnly = false
    var entities: Set<Int64>
    var triples: Set<Int64>
    var report: SelectionReport

    func contains(entity id: Int64) -> Bool { all || entities.contains(id) }
    func contains(triple id: Int64) -> Bool { all || triples.contains(id) }
}

extension GraphSelection {
    /// Resolves the selection against `reader`. Throws `E010`–`E013` when a name does not match.
    func resolve(_ reader: any GraphReader, vocabulary: Vocabulary) throws -> SelectedGraph {
        if isWholeGraph {
            // Nothing to choose: count instead of holding id sets as large as the graph, so a
            // whole-graph export streams in flat memory however large the store.
            var entities = 0
            var connected = 0
            var triples = 0
            try reader.forEachEntity { _ in entities += 1 }
            if !includeIsolated { try reader.forEachConnectedEntity { _ in connected += 1 } }
            try reader.forEachTriple { _ in triples += 1 }
            let kept = includeIsolated ? entities : connected
            return SelectedGraph(
                all: true, connectedOnly: !includeIsolated, entities: [], triples: [],
                report: SelectionReport(
                    nodesKept: kept, nodesOmitted: 0, edgesKept: triples, edgesOmitted: 0,
                    isolatedHidden: entities - kept))
        }
        var focusIDs: [Int64] = []
        let wanted = focus.map { $0.lowercased() }
        let index = try GraphIndex(reader) { e in
            if let wanted, e.key.lowercased() == wanted || e.labelZh.lowercased() == wanted
                || e.labelEn?.lowercased() == wanted
            {
                focusIDs.append(e.id)
            }
        }
        if let focus, focusIDs.isEmpty {
            throw Diagnostic(
                .focusNotFound, "no entity is named '\(focus)'",
                hint: "give an entity key (lex:…, name:…) or its exact Chinese or English label")
        }
        if let predicates {
            for p in predicates where vocabulary.predicate(p) == nil && !index.predicates.contains(p) {
                throw Diagnostic(
                    .exportUnknownPredicate, "unknown predicate '\(p)'",
                    hint: "predicates are listed in schema/predicates.tsv (for example listedOn, hosts)")
            }
        }
        if let types {
            for t in types where vocabulary.type(t) == nil && !index.types.contains(t) {
                throw Diagnostic(
                    .exportUnknownType, "unknown entity type '\(t)'", hint: "types are listed in schema/types.tsv (for example Company)")
            }
        }

        var inDocument: Set<Int64>? = nil
        if let document {
            let docs = try reader.documents()
            guard let doc = docs.first(where: { $0.path == document || String($0.id) == document }) else {
                throw Diagnostic(
                    .documentNotFound, "no document '\(document)' in the store",
                    hint: "give the path the document was built from, or its id")
            }
            var ids: Set<Int64> = []
            try reader.forEachEvidence { if $0.documentID == doc.id { ids.insert($0.tripleID) } }
            inDocument = ids
        }

        func typeAllowed(_ entity: Int64) -> Bool {
            guard let types else { return true }
            guard let t = index.type(of: entity) else { return false }
            return types.contains { vocabulary.isA(t, $0) || t == $0 }
        }
        var candidateEdges: [GraphIndex.Edge] = []
        for edge in index.edges {
            if let predicates, !predicates.contains(index.predicates[Int(edge.predicate)]) { continue }
            if let inDocument, !inDocument.contains(edge.id) { continue }
            guard index.entityIRI[edge.subject] != nil, index.entityIRI[edge.object] != nil,
                typeAllowed(edge.subject), typeAllowed(edge.object)
            else { continue }
            candidateEdges.append(edge)
        }

        var nodes: Set<Int64>
        var distance: [Int64: Int] = [:]
        if !focusIDs.isEmpty {
            var neighbours: [Int64: [Int64]] = [:]
            for e in candidateEdges {
                neighbours[e.subject, default: []].append(e.object)
                neighbours[e.object, default: []].append(e.subject)
            }
            var frontier = focusIDs
            for id in focusIDs { distance[id] = 0 }
            var level = 0
            while !frontier.isEmpty && level < depth {
                level += 1
                var next: [Int64] = []
                for id in frontier {
                    for n in neighbours[id] ?? [] where distance[n] == nil {
                        distance[n] = level
                        next.append(n)
                    }
                }
                frontier = next
            }
            nodes = Set(distance.keys)
        } else if predicates != nil || document != nil {
            nodes = Set(candidateEdges.flatMap { [$0.subject, $0.object] })
        } else {
            nodes = Set(index.entityIRI.keys.filter(typeAllowed))
        }
        var isolated = 0
        if !includeIsolated {
            var connected = Set(candidateEdges.flatMap { [$0.subject, $0.object] })
            connected.formUnion(focusIDs)
            let before = nodes.count
            nodes.formIntersection(connected)
            isolated = before - nodes.count
        }

        if let maxNodes, nodes.count > maxNodes {
            var degree: [Int64: Int] = [:]
            for e in candidateEdges where nodes.contains(e.subject) && nodes.contains(e.object) {
                degree[e.subject, default: 0] += 1
                degree[e.object, default: 0] += 1
            }
            let ranked = nodes.sorted {
                let a = (distance[$0] ?? 0, -(degree[$0] ?? 0), $0)
                let b = (distance[$1] ?? 0, -(degree[$1] ?? 0), $1)
                return a < b
            }
            nodes = Set(ranked.prefix(max(0, maxNodes)))
        }
        let triples = Set(candidateEdges.filter { nodes.contains($0.subject) && nodes.contains($0.object) }.map(\.id))
        let report = SelectionReport(
            nodesKept: nodes.count, nodesOmitted: index.entityIRI.count - nodes.count - isolated,
            edgesKept: triples.count, edgesOmitted: index.edges.count - triples.count, isolatedHidden: isolated)
        return SelectedGraph(entities: nodes, triples: triples, report: report)
    }
}
